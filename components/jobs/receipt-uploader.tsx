"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { UploadProblem } from "@/components/uploads/image-upload";
import { useImageUploads, type UploadItem } from "@/components/uploads/use-image-uploads";
import { imageTypeNames, type ImageUploadRules } from "@/lib/files/image-types";

export interface ReceiptUploaderProps {
  ticketId: string;
  rules: ImageUploadRules;
  /** Called after each stored photo with the ticket's new receipt count. */
  onUploaded: (receiptCount: number) => void;
  /** Called when the server says the job can no longer take photos (closed, reassigned). */
  onJobChanged: () => void;
}

/**
 * Two big targets (camera, album) feeding one upload list: each file goes up on its own request with
 * a progress bar, then shows the server's thumbnail, or says in plain words why it was refused.
 */
export function ReceiptUploader({ ticketId, rules, onUploaded, onJobChanged }: ReceiptUploaderProps) {
  const t = useTranslations("jobs.upload");
  const format = useFormatter();
  const uploads = useImageUploads({
    url: `/api/tickets/${encodeURIComponent(ticketId)}/images`,
    rules,
    onStored: onUploaded,
    onTicketChanged: onJobChanged,
  });
  const { items, counts } = uploads;
  const maxMb = Math.round((rules.maxBytes / 1024 / 1024) * 10) / 10;
  const types = format.list(imageTypeNames(rules), { type: "disjunction" });
  const explain = (problem: UploadProblem | undefined): string =>
    ({
      not_image: t("errors.notImage", { types }),
      empty: t("errors.empty"),
      too_large: t("errors.tooLarge", { max: maxMb }),
      offline: t("errors.offline"),
      timeout: t("errors.timeout"),
      closed: t("errors.closed"),
      signed_out: t("errors.signedOut"),
      not_yours: t("errors.notYours"),
      too_many: t("errors.tooMany"),
      server: t("errors.server"),
    })[problem ?? "server"];

  const summary =
    counts.active > 0
      ? t("summary.uploading", { count: counts.active })
      : items.length > 0
        ? t("summary.finished", { done: counts.done + counts.duplicates, failed: counts.failed })
        : "";

  const pickerClasses =
    "relative flex min-h-14 cursor-pointer flex-col items-center justify-center gap-0.5 rounded-xl px-3 py-2 text-center font-medium focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-500";

  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-2">
        <label className={cn(pickerClasses, "bg-brand-600 text-white active:bg-brand-700")}>
          <CameraIcon />
          <span className="text-sm">{t("takePhoto")}</span>
          <input
            type="file"
            accept={rules.mimeTypes.join(",")}
            capture="environment"
            multiple
            className="sr-only"
            onChange={(e) => {
              void uploads.add(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
        </label>
        <label
          className={cn(pickerClasses, "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 active:bg-slate-50")}
        >
          <AlbumIcon />
          <span className="text-sm">{t("chooseFromAlbum")}</span>
          <input
            type="file"
            accept={rules.mimeTypes.join(",")}
            multiple
            className="sr-only"
            onChange={(e) => {
              void uploads.add(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
        </label>
      </div>
      <p className="text-xs text-slate-500">{t("hint", { types, max: maxMb })}</p>

      <p className="sr-only" aria-live="polite" role="status">
        {summary}
      </p>

      {items.length > 0 && (
        <div>
          <ul className="space-y-2">
            {items.map((item) => (
              <UploadRow
                key={item.key}
                item={item}
                error={item.status === "error" ? explain(item.problem) : undefined}
                onRetry={() => uploads.retry(item)}
                onRemove={() => uploads.remove(item.key)}
              />
            ))}
          </ul>
          {counts.active === 0 && (
            <button
              type="button"
              onClick={uploads.clearFinished}
              className="mt-1 min-h-11 px-1 text-sm font-medium text-slate-600 underline-offset-2 hover:underline"
            >
              {t("clear")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function UploadRow({
  item,
  error,
  onRetry,
  onRemove,
}: {
  item: UploadItem;
  error?: string;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const t = useTranslations("jobs.upload");
  const percent = Math.round(item.progress * 100);
  const image = item.thumbnailUrl ?? item.previewUrl;
  const statusText = {
    queued: t("status.queued"),
    uploading: t("status.uploading", { percent }),
    done: t("status.done"),
    duplicate: t("status.duplicate"),
    error: error ?? t("errors.server"),
  }[item.status];
  return (
    <li
      className={cn(
        "flex items-center gap-3 rounded-lg p-2 ring-1 ring-inset",
        item.status === "error" ? "bg-red-50 ring-red-200" : "bg-slate-50 ring-slate-200",
      )}
    >
      <Thumb src={image} />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-800">{item.file.name || t("unnamed")}</p>
        {(item.status === "uploading" || item.status === "queued") && (
          <div
            role="progressbar"
            aria-label={t("progressLabel", { name: item.file.name || t("unnamed") })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        )}
        <p
          className={cn(
            "mt-1 text-xs",
            item.status === "error"
              ? "text-red-700"
              : item.status === "done"
                ? "text-emerald-700"
                : item.status === "duplicate"
                  ? "text-amber-800"
                  : "text-slate-500",
          )}
        >
          {statusText}
        </p>
      </div>
      {item.status === "error" && (
        <div className="flex shrink-0 flex-col gap-1">
          {item.retryable && (
            <button
              type="button"
              onClick={onRetry}
              className="min-h-11 rounded-md bg-white px-3 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300"
            >
              {t("retry")}
            </button>
          )}
          <button
            type="button"
            onClick={onRemove}
            aria-label={t("remove", { name: item.file.name || t("unnamed") })}
            className="min-h-11 rounded-md px-3 text-sm text-slate-600"
          >
            {t("removeShort")}
          </button>
        </div>
      )}
    </li>
  );
}

/** A preview that falls back to an icon when the browser cannot draw the file (it is not an image). */
function Thumb({ src }: { src: string | null | undefined }) {
  const [broken, setBroken] = useState<string | null>(null);
  return (
    <div className="size-14 shrink-0 overflow-hidden rounded-md bg-slate-200">
      {src && broken !== src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} alt="" className="size-full object-cover" onError={() => setBroken(src)} />
      ) : (
        <div className="flex size-full items-center justify-center text-slate-400">
          <AlbumIcon />
        </div>
      )}
    </div>
  );
}

function CameraIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path
        d="M4 8.5A2.5 2.5 0 0 1 6.5 6h1.6l1.2-1.8A1.5 1.5 0 0 1 10.5 3.5h3a1.5 1.5 0 0 1 1.2.7L15.9 6h1.6A2.5 2.5 0 0 1 20 8.5v8a2.5 2.5 0 0 1-2.5 2.5h-11A2.5 2.5 0 0 1 4 16.5z"
        strokeLinejoin="round"
      />
      <circle cx="12" cy="12.5" r="3.5" />
    </svg>
  );
}

function AlbumIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <rect x="3.5" y="4.5" width="17" height="15" rx="2.5" />
      <circle cx="9" cy="10" r="1.8" />
      <path d="m4 17 4.5-4.5 3.5 3.5 2.5-2.5L20 18.5" strokeLinejoin="round" />
    </svg>
  );
}
