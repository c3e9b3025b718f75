"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { precheckImage } from "@/components/uploads/image-upload";
import type { ImageUploadRules } from "@/lib/files/image-types";

export interface PhotoItem {
  id: string;
  file: File;
  /** An object URL for the preview; the owner revokes it when the photo goes away. */
  url: string;
}

let nextId = 0;

/**
 * Optional fault photos: picked from the camera or gallery, checked for type and size before upload
 * (the server checks the bytes again), shown as small previews that can be removed.
 */
export function PhotoPicker({
  value,
  onChange,
  max,
  maxMb,
  rules,
  error,
}: {
  value: PhotoItem[];
  onChange: (next: PhotoItem[]) => void;
  max: number;
  maxMb: number;
  /** The server's ALLOWED_IMAGE_TYPES and size limit (lib/files/images.ts imageUploadRules), from the page. */
  rules: ImageUploadRules;
  error?: string;
}) {
  const t = useTranslations("booking");
  const input = useRef<HTMLInputElement>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const full = value.length >= max;

  function add(files: FileList | null) {
    if (!files?.length) return;
    const skipped: string[] = [];
    const added: PhotoItem[] = [];
    for (const file of Array.from(files)) {
      const problem = precheckImage(file, rules);
      if (problem === "not_image" || problem === "empty") skipped.push(t("errors.photoType", { name: file.name }));
      else if (problem === "too_large") skipped.push(t("errors.photoSize", { name: file.name, mb: maxMb }));
      else if (value.length + added.length >= max) {
        skipped.push(t("errors.photoCount", { max }));
        break;
      } else added.push({ id: `photo-${++nextId}`, file, url: URL.createObjectURL(file) });
    }
    setNotices(skipped);
    if (added.length) onChange([...value, ...added]);
  }

  function remove(item: PhotoItem) {
    URL.revokeObjectURL(item.url);
    setNotices([]);
    onChange(value.filter((p) => p !== item));
  }

  return (
    <fieldset aria-describedby="photos-hint" data-invalid={error ? true : undefined}>
      <legend className="mb-1 block text-sm font-medium text-slate-700">
        {t("fields.photos")} <span className="font-normal text-slate-500">({t("optional")})</span>
      </legend>
      <p id="photos-hint" className="mb-2 text-xs text-slate-500">
        {t("fields.photosHint", { max, mb: maxMb })}
      </p>
      {value.length > 0 && (
        <ul className="mb-3 grid grid-cols-4 gap-2">
          {value.map((item, i) => (
            <li key={item.id} className="relative aspect-square">
              {/* eslint-disable-next-line @next/next/no-img-element -- a local blob preview, nothing to optimize */}
              <img
                src={item.url}
                alt={t("fields.photosPreview", { index: i + 1 })}
                className="size-full rounded-lg object-cover ring-1 ring-slate-200"
              />
              <button
                type="button"
                onClick={() => remove(item)}
                aria-label={t("fields.photosRemove", { index: i + 1 })}
                className="absolute -right-1.5 -top-1.5 flex size-7 items-center justify-center rounded-full bg-slate-900/80 text-white shadow ring-2 ring-white before:absolute before:-inset-2 before:content-[''] hover:bg-slate-900"
              >
                <svg
                  viewBox="0 0 20 20"
                  className="size-3.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2.2"
                  aria-hidden="true"
                >
                  <path d="M5 5l10 10M15 5 5 15" strokeLinecap="round" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={input}
        type="file"
        accept={rules.mimeTypes.join(",")}
        multiple
        tabIndex={-1}
        aria-hidden="true"
        className="hidden"
        onChange={(e) => {
          add(e.currentTarget.files);
          e.currentTarget.value = ""; // the same photo can be picked again after removing it
        }}
      />
      <Button
        type="button"
        variant="secondary"
        className="min-h-11 w-full sm:w-auto"
        disabled={full}
        aria-invalid={error ? true : undefined}
        onClick={() => input.current?.click()}
      >
        <svg
          viewBox="0 0 20 20"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          aria-hidden="true"
        >
          <path d="M3 7.5A1.5 1.5 0 0 1 4.5 6h2l1.2-2h4.6L13.5 6h2A1.5 1.5 0 0 1 17 7.5v7A1.5 1.5 0 0 1 15.5 16h-11A1.5 1.5 0 0 1 3 14.5z" />
          <circle cx="10" cy="10.5" r="3" />
        </svg>
        {t("fields.photosAdd")} ({value.length}/{max})
      </Button>
      <div aria-live="polite" className="empty:hidden">
        {notices.map((n) => (
          <p key={n} className="mt-1.5 text-sm text-amber-800">
            {n}
          </p>
        ))}
      </div>
      {error && <p className="mt-1.5 text-sm text-red-600">{error}</p>}
    </fieldset>
  );
}
