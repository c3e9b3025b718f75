"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { uploadReceiptFile, type UploadOutcome } from "./upload-receipt";

export const ACCEPTED_IMAGE_TYPES = "image/jpeg,image/png,image/webp";

type ItemStatus = "queued" | "uploading" | "done" | "duplicate" | "error";

interface UploadItem {
  key: string;
  file: File;
  previewUrl: string | null;
  progress: number;
  status: ItemStatus;
  error?: string;
  /** Worth sending again as is (a dropped connection, a server hiccup), unlike a refused file. */
  retryable?: boolean;
  thumbnailUrl?: string;
}

export interface ReceiptUploaderProps {
  ticketId: string;
  maxUploadMb: number;
  /** Called after each stored photo with the ticket's new receipt count. */
  onUploaded: (receiptCount: number) => void;
  /** Called when the server says the job can no longer take photos (closed, reassigned). */
  onJobChanged: () => void;
}

let nextKey = 0;

/**
 * Two big targets (camera, album) feeding one upload list: each file goes up on its own request with
 * a progress bar, then shows the server's thumbnail, or says in plain words why it was refused.
 */
export function ReceiptUploader({ ticketId, maxUploadMb, onUploaded, onJobChanged }: ReceiptUploaderProps) {
  const t = useTranslations("jobs.upload");
  const [items, setItems] = useState<UploadItem[]>([]);
  const previews = useRef(new Set<string>());
  const aborts = useRef(new Map<string, () => void>());

  useEffect(() => {
    const urls = previews.current;
    const pending = aborts.current;
    return () => {
      pending.forEach((abort) => abort());
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, []);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item)));

  function explain(outcome: Extract<UploadOutcome, { ok: false }>): string {
    if (outcome.status === 0) return outcome.code === "timeout" ? t("errors.timeout") : t("errors.offline");
    if (outcome.status === 413 || outcome.code === "payload_too_large")
      return t("errors.tooLarge", { max: maxUploadMb });
    if (outcome.status === 422 || outcome.code === "invalid_input") return t("errors.notImage");
    if (outcome.code === "invalid_transition") return t("errors.closed");
    if (outcome.status === 401) return t("errors.signedOut");
    if (outcome.status === 403 || outcome.status === 404) return t("errors.notYours");
    if (outcome.status === 429) return t("errors.tooMany");
    return t("errors.server");
  }

  /** Sends one file; resolves when it is done either way. */
  async function send(item: UploadItem) {
    patch(item.key, { status: "uploading", progress: 0, error: undefined });
    const handle = uploadReceiptFile(ticketId, item.file, (progress) => patch(item.key, { progress }));
    aborts.current.set(item.key, handle.abort);
    const outcome = await handle.promise;
    aborts.current.delete(item.key);
    if (outcome.ok) {
      const image = outcome.images[0];
      patch(item.key, {
        status: image?.duplicate ? "duplicate" : "done",
        progress: 1,
        thumbnailUrl: image?.thumbnail_url,
      });
      onUploaded(outcome.receiptCount);
      return;
    }
    if (outcome.code === "aborted") return;
    patch(item.key, {
      status: "error",
      error: explain(outcome),
      retryable: outcome.status === 0 || outcome.status === 429 || outcome.status >= 500,
    });
    if (outcome.code === "invalid_transition" || outcome.status === 404 || outcome.status === 403) onJobChanged();
  }

  /** Checks what the browser can (type, size) before spending the technician's mobile data. */
  function precheck(file: File): string | undefined {
    const allowed = ACCEPTED_IMAGE_TYPES.split(",");
    if (file.type && !allowed.includes(file.type)) return t("errors.notImage");
    if (file.size === 0) return t("errors.empty");
    if (file.size > maxUploadMb * 1024 * 1024) return t("errors.tooLarge", { max: maxUploadMb });
    return undefined;
  }

  async function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const added: UploadItem[] = Array.from(list).map((file) => {
      const error = precheck(file);
      const previewUrl = error ? null : URL.createObjectURL(file);
      if (previewUrl) previews.current.add(previewUrl);
      return {
        key: `u${++nextKey}`,
        file,
        previewUrl,
        progress: 0,
        status: error ? "error" : "queued",
        error,
      };
    });
    setItems((all) => [...all, ...added]);
    // One at a time: on a weak mobile connection parallel uploads only make every photo slower.
    for (const item of added) if (item.status === "queued") await send(item);
  }

  const clearFinished = () => setItems((all) => all.filter((i) => i.status === "uploading" || i.status === "queued"));

  const active = items.filter((i) => i.status === "uploading" || i.status === "queued").length;
  const done = items.filter((i) => i.status === "done" || i.status === "duplicate").length;
  const failed = items.filter((i) => i.status === "error").length;
  const summary =
    active > 0
      ? t("summary.uploading", { count: active })
      : items.length > 0
        ? t("summary.finished", { done, failed })
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
            accept={ACCEPTED_IMAGE_TYPES}
            capture="environment"
            multiple
            className="sr-only"
            onChange={(e) => {
              void addFiles(e.currentTarget.files);
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
            accept={ACCEPTED_IMAGE_TYPES}
            multiple
            className="sr-only"
            onChange={(e) => {
              void addFiles(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
        </label>
      </div>
      <p className="text-xs text-slate-500">{t("hint", { max: maxUploadMb })}</p>

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
                onRetry={() => void send(item)}
                onRemove={() => setItems((all) => all.filter((i) => i.key !== item.key))}
              />
            ))}
          </ul>
          {active === 0 && (
            <button
              type="button"
              onClick={clearFinished}
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

function UploadRow({ item, onRetry, onRemove }: { item: UploadItem; onRetry: () => void; onRemove: () => void }) {
  const t = useTranslations("jobs.upload");
  const percent = Math.round(item.progress * 100);
  const image = item.thumbnailUrl ?? item.previewUrl;
  const statusText = {
    queued: t("status.queued"),
    uploading: t("status.uploading", { percent }),
    done: t("status.done"),
    duplicate: t("status.duplicate"),
    error: item.error ?? t("errors.server"),
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
