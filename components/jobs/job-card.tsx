"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { completeTicketAction, revealPhoneAction, startTicketAction } from "@/app/admin/tickets/actions";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Button, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { formatAppointmentDate } from "@/components/format/appointment-date";
import type { ImageUploadRules } from "@/lib/files/image-types";
import type { TicketDetailDto, TicketDto } from "@/lib/tickets/dto";
import { putTicket, refreshJob } from "./job-cache";
import { JobStatusBadge } from "./job-status-badge";
import { ReceiptUploader } from "./receipt-uploader";
import { formatSlot } from "@/components/format/slot";

export interface Notice {
  tone: "success" | "error" | "warning" | "info";
  text: string;
}

type ActionOutcome<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };

/** Server actions reject (instead of answering) when the phone has no connection. */
async function callAction<T>(run: () => Promise<ActionOutcome<T>>): Promise<ActionOutcome<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, error: { code: "network", message: "Network error" } };
  }
}

export const amapSearchUrl = (job: Pick<TicketDto, "city" | "district" | "address">) =>
  `https://uri.amap.com/search?keyword=${encodeURIComponent(`${job.city}${job.district}${job.address}`)}`;

export function JobCard({
  job,
  today,
  uploadRules,
  onAnnounce,
}: {
  job: TicketDto;
  /** YYYY-MM-DD in the service's time zone: a job booked for another day asks before it starts. */
  today: string;
  uploadRules: ImageUploadRules;
  onAnnounce: (notice: Notice) => void;
}) {
  const t = useTranslations("jobs");
  const common = useTranslations("common");
  const format = useFormatter();
  const [confirmingStart, setConfirmingStart] = useState(false);
  const client = useQueryClient();
  const titleId = useId();
  const panelId = useId();
  const reasonId = useId();
  const [expanded, setExpanded] = useState(job.status === "IN_PROGRESS");
  const [busy, setBusy] = useState<null | "call" | "start" | "complete">(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [phone, setPhone] = useState<string | null>(null);

  const detailQuery = useQuery({
    queryKey: queryKeys.tickets.detail(job.id),
    queryFn: () => fetchJson<TicketDetailDto>(`/api/tickets/${job.id}`),
    enabled: expanded,
  });
  const detail = detailQuery.data;
  // The list and the detail are two reads; whichever saw the later version tells the truth.
  const current: TicketDto = detail && detail.version > job.version ? detail : job;
  const receipts = detail?.images.filter((i) => i.kind === "RECEIPT") ?? [];
  const receiptCount = detail?.receipt_count ?? 0;
  const can = (action: TicketDto["allowed_actions"][number]) => current.allowed_actions.includes(action);

  function failure(error: { code: string; message: string; details?: Record<string, unknown> }): Notice {
    switch (error.code) {
      case "conflict": {
        const fresh = error.details?.ticket as TicketDto | undefined;
        if (fresh) putTicket(client, fresh);
        refreshJob(client, job.id);
        return {
          tone: "warning",
          text: t("errors.conflict", { status: common(`status.${fresh?.status ?? current.status}`) }),
        };
      }
      case "invalid_transition":
        refreshJob(client, job.id);
        return { tone: "warning", text: t("errors.invalidTransition") };
      case "receipt_required":
        refreshJob(client, job.id);
        return { tone: "error", text: t("completeNeedsReceipt") };
      case "not_found":
      case "forbidden":
        refreshJob(client, job.id);
        return { tone: "error", text: t("errors.notYours") };
      case "unauthorized":
        return { tone: "error", text: t("errors.signedOut") };
      case "network":
        return { tone: "error", text: t("errors.offline") };
      default:
        return { tone: "error", text: t("errors.generic") };
    }
  }

  async function call() {
    setBusy("call");
    setNotice(null);
    const result = await callAction(() => revealPhoneAction(job.id));
    setBusy(null);
    if (!result.ok) {
      setNotice(failure(result.error));
      return;
    }
    setPhone(result.data.phone);
    window.location.href = `tel:${result.data.phone.replace(/[^\d+]/g, "")}`;
  }

  async function start() {
    setConfirmingStart(false);
    setBusy("start");
    setNotice(null);
    const result = await callAction(() => startTicketAction(current.id, current.version));
    setBusy(null);
    if (!result.ok) {
      setNotice(failure(result.error));
      return;
    }
    putTicket(client, result.data);
    refreshJob(client, job.id);
    setExpanded(true);
    setNotice({ tone: "success", text: t("started") });
  }

  async function complete() {
    setBusy("complete");
    setNotice(null);
    const result = await callAction(() => completeTicketAction(current.id, current.version));
    setBusy(null);
    if (!result.ok) {
      setNotice(failure(result.error));
      return;
    }
    // The card leaves the open list on the refetch, so the confirmation is said at page level.
    onAnnounce({ tone: "success", text: t("completed", { code: result.data.code }) });
    putTicket(client, result.data);
    refreshJob(client, job.id);
  }

  const onUploaded = (count: number) => {
    client.setQueryData<TicketDetailDto>(queryKeys.tickets.detail(job.id), (d) =>
      d ? { ...d, receipt_count: count } : d,
    );
    void client.invalidateQueries({ queryKey: queryKeys.tickets.detail(job.id) });
  };

  const completeBlocked = !detail
    ? detailQuery.isError
      ? "detailError"
      : "checking"
    : receiptCount < 1
      ? "noReceipt"
      : null;
  const closed = current.status === "COMPLETED" || current.status === "CANCELED";

  return (
    <Card className={cn("overflow-hidden", current.status === "IN_PROGRESS" && "ring-2 ring-amber-300")}>
      <article aria-labelledby={titleId}>
        <div className="space-y-3 p-4">
          <div className="flex items-start justify-between gap-3">
            <div>
              <p className="text-lg font-semibold tabular-nums leading-tight text-slate-900">
                {formatSlot(current.appointment_slot)}
              </p>
              <p className="mt-0.5 font-mono text-xs text-slate-500">{current.code}</p>
            </div>
            <JobStatusBadge status={current.status} />
          </div>

          <div>
            <h3 id={titleId} className="font-semibold text-slate-900">
              {common(`appliance.${current.appliance_type}`)}
              {current.appliance_model && (
                <span className="font-normal text-slate-600"> · {current.appliance_model}</span>
              )}
            </h3>
            <p className="mt-1 text-sm text-slate-700">{current.issue_desc}</p>
          </div>

          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
            <div className="contents">
              <dt className="text-slate-500">{t("customer")}</dt>
              <dd className="text-slate-800">
                {current.customer_name}{" "}
                {phone ? (
                  <a href={`tel:${phone.replace(/[^\d+]/g, "")}`} className="font-medium text-brand-700 underline">
                    {phone}
                  </a>
                ) : (
                  <span className="text-slate-500">{current.phone_masked}</span>
                )}
              </dd>
            </div>
            <div className="contents">
              <dt className="text-slate-500">{t("address")}</dt>
              <dd className="text-slate-800">
                {current.city}
                {current.district} {current.address}
              </dd>
            </div>
          </dl>

          <div>
            <div className="grid grid-cols-2 gap-2">
              <Button
                variant="secondary"
                size="lg"
                className="w-full"
                onClick={call}
                busy={busy === "call"}
                aria-describedby={`${titleId}-call-hint`}
              >
                {busy !== "call" && <PhoneIcon />}
                {t("call")}
              </Button>
              <a
                href={amapSearchUrl(current)}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex h-12 items-center justify-center gap-2 rounded-lg bg-white px-5 text-base font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                <MapIcon />
                {t("navigate")}
                <span className="sr-only">{t("opensMap")}</span>
              </a>
            </div>
            <p id={`${titleId}-call-hint`} className="mt-1.5 text-xs text-slate-500">
              {t("callHint")}
            </p>
          </div>

          {can("start") && (
            <Button
              size="lg"
              className="w-full"
              onClick={() => (current.appointment_date === today ? void start() : setConfirmingStart(true))}
              busy={busy === "start"}
            >
              {t("start")}
            </Button>
          )}
          <Dialog open={confirmingStart} onClose={() => setConfirmingStart(false)} title={t("startOtherDay.title")}>
            <p className="text-sm text-slate-700">
              {t("startOtherDay.body", {
                date: formatAppointmentDate(format, current.appointment_date, "medium"),
                today: formatAppointmentDate(format, today, "medium"),
              })}
            </p>
            <div className="mt-5 grid grid-cols-2 gap-2">
              <Button variant="secondary" size="lg" onClick={() => setConfirmingStart(false)}>
                {common("cancel")}
              </Button>
              <Button size="lg" onClick={() => void start()}>
                {t("startOtherDay.confirm")}
              </Button>
            </div>
          </Dialog>

          <div aria-live="polite">
            {notice && (
              <p
                className={cn(
                  "rounded-lg px-3 py-2 text-sm ring-1 ring-inset",
                  notice.tone === "success" && "bg-emerald-50 text-emerald-800 ring-emerald-200",
                  notice.tone === "error" && "bg-red-50 text-red-800 ring-red-200",
                  notice.tone === "warning" && "bg-amber-50 text-amber-900 ring-amber-200",
                  notice.tone === "info" && "bg-blue-50 text-blue-800 ring-blue-200",
                )}
              >
                {notice.text}
              </p>
            )}
          </div>
        </div>

        {!closed && (
          <>
            <button
              type="button"
              aria-expanded={expanded}
              aria-controls={panelId}
              onClick={() => setExpanded((v) => !v)}
              className="flex min-h-12 w-full items-center justify-between gap-2 border-t border-slate-100 bg-slate-50 px-4 text-left text-sm font-medium text-slate-700 hover:bg-slate-100"
            >
              <span>
                {t("receiptsAndComplete")}
                {detail && <span className="ml-1 text-slate-500">({t("photoCount", { count: receiptCount })})</span>}
              </span>
              <Chevron open={expanded} />
            </button>

            {expanded && (
              <div id={panelId} className="space-y-4 border-t border-slate-100 p-4">
                <section aria-label={t("receiptsTitle")}>
                  <h4 className="mb-2 text-sm font-semibold text-slate-800">{t("receiptsTitle")}</h4>
                  {detailQuery.isPending ? (
                    <div className="flex items-center gap-2 text-sm text-slate-500">
                      <Spinner /> {common("loading")}
                    </div>
                  ) : detailQuery.isError && !detail ? (
                    <div className="flex items-center justify-between gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
                      <span>{t("errors.detail")}</span>
                      <button
                        type="button"
                        onClick={() => void detailQuery.refetch()}
                        className="min-h-11 px-2 font-medium underline"
                      >
                        {common("retry")}
                      </button>
                    </div>
                  ) : receipts.length === 0 ? (
                    <p className="text-sm text-slate-500">{t("noReceipts")}</p>
                  ) : (
                    <ul className="grid grid-cols-4 gap-2">
                      {receipts.map((image, i) => (
                        <li key={image.id}>
                          <a
                            href={image.url}
                            target="_blank"
                            rel="noopener noreferrer"
                            className="block aspect-square overflow-hidden rounded-md bg-slate-100 ring-1 ring-slate-200"
                          >
                            {/* eslint-disable-next-line @next/next/no-img-element */}
                            <img
                              src={image.thumbnail_url}
                              alt={t("receiptAlt", { index: i + 1 })}
                              className="size-full object-cover"
                              loading="lazy"
                            />
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>

                {can("upload_receipt") && (
                  <ReceiptUploader
                    ticketId={job.id}
                    rules={uploadRules}
                    onUploaded={onUploaded}
                    onJobChanged={() => refreshJob(client, job.id)}
                  />
                )}

                {can("complete") && (
                  <div>
                    <Button
                      size="lg"
                      className="w-full"
                      onClick={complete}
                      busy={busy === "complete"}
                      disabled={completeBlocked !== null}
                      aria-describedby={completeBlocked ? reasonId : undefined}
                    >
                      <CheckIcon />
                      {t("complete")}
                    </Button>
                    {completeBlocked && (
                      <p id={reasonId} className="mt-1.5 text-center text-sm text-slate-600">
                        {completeBlocked === "noReceipt"
                          ? t("completeNeedsReceipt")
                          : completeBlocked === "checking"
                            ? t("checkingReceipts")
                            : t("errors.detail")}
                      </p>
                    )}
                  </div>
                )}
              </div>
            )}
          </>
        )}
      </article>
    </Card>
  );
}

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      viewBox="0 0 20 20"
      className={cn("size-5 shrink-0 text-slate-500 transition-transform", open && "rotate-180")}
      fill="currentColor"
      aria-hidden="true"
    >
      <path d="M5.2 7.7a.75.75 0 0 1 1.06.02L10 11.6l3.74-3.88a.75.75 0 1 1 1.08 1.04l-4.28 4.44a.75.75 0 0 1-1.08 0L5.18 8.76a.75.75 0 0 1 .02-1.06z" />
    </svg>
  );
}

function PhoneIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path
        d="M5 4h3l1.5 4-2 1.2a11 11 0 0 0 7.3 7.3l1.2-2 4 1.5v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function MapIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z" strokeLinejoin="round" />
      <circle cx="12" cy="10" r="2.3" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="m5 12.5 4.5 4.5L19 7.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
