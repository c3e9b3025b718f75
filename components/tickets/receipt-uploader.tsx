"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { UploadProblem } from "@/components/uploads/image-upload";
import { useImageUploads } from "@/components/uploads/use-image-uploads";
import { imageTypeNames, type ImageUploadRules } from "@/lib/files/image-types";

/**
 * Receipt photos for a ticket: pick several, each is checked for type and size here (the server
 * checks the bytes again), uploaded in turn with its progress, and reported: stored, already on the
 * ticket, or why it failed.
 */
export function ReceiptUploader({
  ticketId,
  rules,
  onUploaded,
  disabled,
}: {
  ticketId: string;
  rules: ImageUploadRules;
  /** Called after each stored file with the ticket's receipt count, and with null when the batch ends. */
  onUploaded: (receiptCount: number | null) => void;
  disabled?: boolean;
}) {
  const t = useTranslations("tickets.upload");
  const format = useFormatter();
  const id = useId();
  const [running, setRunning] = useState(false);
  const uploads = useImageUploads({ url: `/api/tickets/${ticketId}/images`, rules, onStored: onUploaded });
  const { items, counts } = uploads;
  const maxMb = Math.round((rules.maxBytes / 1024 / 1024) * 10) / 10;
  const types = format.list(imageTypeNames(rules), { type: "disjunction" });

  async function start(files: File[]) {
    uploads.clearFinished(); // each batch gets a fresh list and summary
    setRunning(true);
    await uploads.add(files);
    setRunning(false);
    onUploaded(null);
  }

  /** In the UI's language; the server's own message never reaches the screen. */
  const explain = (problem: UploadProblem | undefined): string =>
    ({
      not_image: t("notAccepted", { types }),
      empty: t("notAccepted", { types }),
      too_large: t("tooLarge", { max: maxMb }),
      offline: t("network"),
      timeout: t("network"),
      closed: t("wrongState"),
      signed_out: t("signedOut"),
      not_yours: t("forbidden"),
      too_many: t("failed"),
      server: t("failed"),
    })[problem ?? "server"];

  const finished = counts.done;
  const duplicates = counts.duplicates;
  const failed = counts.failed;

  return (
    <div>
      <input
        id={id}
        type="file"
        accept={rules.mimeTypes.join(",")}
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
        {t("hint", { types, max: maxMb })}
      </p>

      {items.length > 0 && (
        <div className="mt-3 space-y-2">
          <ul className="space-y-2">
            {items.map((it) => (
              <li key={it.key} className="rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-inset ring-slate-200">
                <div className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate text-slate-800" title={it.file.name}>
                    {it.file.name}
                  </span>
                  <span
                    className={cn(
                      "shrink-0 text-xs font-medium",
                      it.status === "done" && "text-emerald-700",
                      it.status === "duplicate" && "text-amber-700",
                      it.status === "error" && "text-red-700",
                      (it.status === "queued" || it.status === "uploading") && "text-slate-500",
                    )}
                  >
                    {it.status === "uploading" ? `${Math.round(it.progress * 100)}%` : t(`state.${it.status}`)}
                  </span>
                </div>
                {(it.status === "uploading" || it.status === "queued") && (
                  <div
                    role="progressbar"
                    aria-label={t("progressLabel", { name: it.file.name })}
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
                {it.status === "duplicate" && <p className="mt-0.5 text-xs text-amber-700">{t("duplicateHint")}</p>}
                {it.status === "error" && <p className="mt-0.5 text-xs text-red-700">{explain(it.problem)}</p>}
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
