"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { RECEIPT_MIME_TYPES } from "./constants";

interface UploadResponse {
  images: { id: string; duplicate: boolean }[];
  receipt_count: number;
}

type Outcome = { ok: true; body: UploadResponse } | { ok: false; status: number; code: string; message: string | null };

interface Item {
  key: string;
  name: string;
  progress: number;
  state: "queued" | "uploading" | "done" | "duplicate" | "error";
  error?: string;
}

/** One file per request, so each gets its own progress bar and its own success or failure. */
function uploadFile(url: string, file: File, onProgress: (fraction: number) => void) {
  return new Promise<Outcome>((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* a proxy's HTML error page */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve({ ok: true, body: body as UploadResponse });
      else {
        const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
        resolve({ ok: false, status: xhr.status, code: error?.code ?? "http_error", message: error?.message ?? null });
      }
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, code: "network", message: null });
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/**
 * Receipt photos for a ticket: pick several, each is checked for type and size here (the server
 * checks the bytes again), uploaded in turn with its progress, and reported: stored, already on the
 * ticket, or why it failed.
 */
export function ReceiptUploader({
  ticketId,
  maxBytes,
  onUploaded,
  disabled,
}: {
  ticketId: string;
  maxBytes: number;
  /** Called after each stored file with the ticket's receipt count, and once when the batch ends. */
  onUploaded: (receiptCount: number | null) => void;
  disabled?: boolean;
}) {
  const t = useTranslations("tickets.upload");
  const id = useId();
  const [items, setItems] = useState<Item[]>([]);
  const [running, setRunning] = useState(false);
  const maxMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;

  const patch = (key: string, p: Partial<Item>) =>
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...p } : it)));

  async function start(files: File[]) {
    const batch = files.map((file, i) => ({ file, key: `${Date.now()}-${i}-${file.name}` }));
    setItems(batch.map(({ file, key }) => ({ key, name: file.name, progress: 0, state: "queued" as const })));
    setRunning(true);
    let stored = 0;
    for (const { file, key } of batch) {
      if (!(RECEIPT_MIME_TYPES as readonly string[]).includes(file.type)) {
        patch(key, { state: "error", error: t("wrongType") });
        continue;
      }
      if (file.size > maxBytes) {
        patch(key, { state: "error", error: t("tooLarge", { max: maxMb }) });
        continue;
      }
      patch(key, { state: "uploading" });
      const res = await uploadFile(`/api/tickets/${ticketId}/images`, file, (progress) => patch(key, { progress }));
      if (res.ok) {
        const duplicate = res.body.images.every((img) => img.duplicate);
        patch(key, { state: duplicate ? "duplicate" : "done", progress: 1 });
        if (!duplicate) stored++;
        onUploaded(res.body.receipt_count);
      } else {
        patch(key, { state: "error", error: uploadError(res) });
      }
    }
    setRunning(false);
    onUploaded(null);
    return stored;
  }

  /** The server's words in the UI's language where the code is known; its own message otherwise. */
  function uploadError(res: Extract<Outcome, { ok: false }>): string {
    if (res.code === "network") return t("network");
    if (res.code === "payload_too_large" || res.status === 413) return t("tooLarge", { max: maxMb });
    if (res.code === "invalid_input" || res.code === "unsupported_media_type") return t("notAccepted");
    if (res.code === "invalid_transition") return t("wrongState");
    if (res.code === "forbidden") return t("forbidden");
    if (res.code === "unauthorized") return t("signedOut");
    return res.message ?? `${t("failed")} (${res.status})`;
  }

  const finished = items.filter((i) => i.state === "done").length;
  const duplicates = items.filter((i) => i.state === "duplicate").length;
  const failed = items.filter((i) => i.state === "error").length;

  return (
    <div>
      <input
        id={id}
        type="file"
        accept={RECEIPT_MIME_TYPES.join(",")}
        multiple
        disabled={disabled || running}
        className="peer sr-only"
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ""; // picking the same file again still fires
          if (files.length) void start(files);
        }}
      />
      <label
        htmlFor={id}
        className={cn(
          "inline-flex h-10 cursor-pointer items-center justify-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
          "peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-500",
          "peer-disabled:cursor-not-allowed peer-disabled:text-slate-400",
        )}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M9.25 13.25a.75.75 0 0 0 1.5 0V4.64l2.97 3.08a.75.75 0 0 0 1.08-1.04l-4.25-4.4a.75.75 0 0 0-1.08 0L5.3 6.68a.75.75 0 0 0 1.08 1.04l2.87-3.08v8.61Z" />
          <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
        </svg>
        {running ? t("uploading") : t("choose")}
      </label>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {t("hint", { max: maxMb })}
      </p>

      {items.length > 0 && (
        <div className="mt-3 space-y-2">
          <ul className="space-y-2">
            {items.map((it) => (
              <li key={it.key} className="rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-inset ring-slate-200">
                <div className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate text-slate-800" title={it.name}>
                    {it.name}
                  </span>
                  <span
                    className={cn(
                      "shrink-0 text-xs font-medium",
                      it.state === "done" && "text-emerald-700",
                      it.state === "duplicate" && "text-amber-700",
                      it.state === "error" && "text-red-700",
                      (it.state === "queued" || it.state === "uploading") && "text-slate-500",
                    )}
                  >
                    {it.state === "uploading" ? `${Math.round(it.progress * 100)}%` : t(`state.${it.state}`)}
                  </span>
                </div>
                {(it.state === "uploading" || it.state === "queued") && (
                  <div
                    role="progressbar"
                    aria-label={t("progressLabel", { name: it.name })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(it.progress * 100)}
                    className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-200"
                  >
                    <div
                      className="h-full rounded-full bg-brand-600 transition-[width]"
                      style={{ width: `${it.progress * 100}%` }}
                    />
                  </div>
                )}
                {it.state === "duplicate" && <p className="mt-0.5 text-xs text-amber-700">{t("duplicateHint")}</p>}
                {it.error && <p className="mt-0.5 text-xs text-red-700">{it.error}</p>}
              </li>
            ))}
          </ul>
          <p role="status" className="text-sm text-slate-600">
            {running
              ? t("progressSummary", { done: finished + duplicates + failed, total: items.length })
              : t("summary", { done: finished, duplicates, failed })}
          </p>
        </div>
      )}
    </div>
  );
}
