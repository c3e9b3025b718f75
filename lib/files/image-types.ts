/**
 * The image types an upload may be, shared by the server (which checks the bytes, lib/files/images.ts)
 * and the browser (which checks the picked file first, to spare a useless upload). Browser-safe: no
 * imports. Which of them are allowed is the operator's ALLOWED_IMAGE_TYPES (lib/env.ts); server pages
 * hand the resulting ImageUploadRules to the client components as a prop.
 */

export const IMAGE_MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

/** ALLOWED_IMAGE_TYPES when the operator sets none. */
export const DEFAULT_IMAGE_EXTENSIONS = "jpg,jpeg,png,webp";

export interface ImageUploadRules {
  /** Lower-case file extensions, the known ones only (jpg, png…). */
  extensions: string[];
  /** Their MIME types, for the file input's `accept` and the browser's check. */
  mimeTypes: string[];
  maxBytes: number;
}

export function imageUploadRulesFor(extensions: readonly string[], maxBytes: number): ImageUploadRules {
  const known = extensions.map((e) => e.toLowerCase()).filter((e) => IMAGE_MIME_BY_EXTENSION[e]);
  return {
    extensions: [...new Set(known)],
    mimeTypes: [...new Set(known.map((e) => IMAGE_MIME_BY_EXTENSION[e]!))],
    maxBytes,
  };
}

const TYPE_NAMES: Record<string, string> = { "image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP" };

/** "JPEG", "PNG", "WebP": the names people know the allowed types by, for hints and messages. */
export const imageTypeNames = (rules: Pick<ImageUploadRules, "mimeTypes">) =>
  rules.mimeTypes.map((m) => TYPE_NAMES[m] ?? m.replace(/^image\//, "").toUpperCase());
