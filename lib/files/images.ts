import "server-only";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { sha256Hex } from "../crypto";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { IMAGE_MIME_BY_EXTENSION as mimeByExtension, imageUploadRulesFor, type ImageUploadRules } from "./image-types";

export interface CleanImage {
  data: Buffer;
  thumbnail: Buffer;
  mime: string;
  extension: string;
  width: number;
  height: number;
  /** sha256 of the bytes as uploaded: the dedup key. */
  sha256: string;
}

export function maxUploadBytes(): number {
  return Math.floor(getEnv().MAX_UPLOAD_MB * 1024 * 1024);
}

/** What this server accepts, for the upload forms to check a file before sending it. */
export function imageUploadRules(): ImageUploadRules {
  return imageUploadRulesFor(getEnv().ALLOWED_IMAGE_TYPES, maxUploadBytes());
}

/**
 * Accepts an uploaded photo only if its bytes are an allowed image type (the file name and the
 * declared Content-Type are ignored), then re-encodes it: orientation applied, EXIF/GPS and every
 * other metadata block dropped (sharp writes none unless asked), and a small WebP thumbnail made.
 */
export async function cleanUploadedImage(bytes: Buffer, fieldName = "file"): Promise<CleanImage> {
  const env = getEnv();
  if (bytes.length === 0) throw invalid(fieldName, "The file is empty");
  if (bytes.length > maxUploadBytes()) {
    throw new AppError("payload_too_large", `Each image may be at most ${env.MAX_UPLOAD_MB} MB`, {
      limit_bytes: maxUploadBytes(),
      field: fieldName,
    });
  }
  const detected = await fileTypeFromBuffer(bytes);
  const allowed = env.ALLOWED_IMAGE_TYPES.filter((ext) => mimeByExtension[ext]);
  const mime = detected ? mimeByExtension[detected.ext] : undefined;
  if (!detected || !mime || !allowed.includes(detected.ext)) {
    throw invalid(
      fieldName,
      `Only ${allowed.join(", ")} images are accepted; this file's content is ${detected ? detected.mime : "not an image"}`,
    );
  }
  try {
    const image = sharp(bytes, { failOn: "error", limitInputPixels: 50_000_000 }).rotate();
    const formatted =
      mime === "image/png"
        ? image.png()
        : mime === "image/webp"
          ? image.webp({ quality: 88 })
          : image.jpeg({ quality: 88, mozjpeg: true });
    const { data, info } = await formatted.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize({ width: 360, height: 360, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return {
      data,
      thumbnail,
      mime,
      extension: detected.ext === "jpeg" ? "jpg" : detected.ext,
      width: info.width,
      height: info.height,
      sha256: sha256Hex(bytes),
    };
  } catch {
    throw invalid(fieldName, "The image is damaged or could not be read");
  }
}

const invalid = (path: string, message: string) =>
  new AppError("invalid_input", message, { fields: [{ path, message }] });
