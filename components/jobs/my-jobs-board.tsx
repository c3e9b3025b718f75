"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { Button, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAppointmentDate } from "@/components/format/appointment-date";
import { cn } from "@/components/ui/cn";
import type { ImageUploadRules } from "@/lib/files/image-types";
import type { TicketDto, TicketListDto } from "@/lib/tickets/dto";
import { addDays, localDate } from "@/lib/tickets/slots";
import { myJobsKeys } from "./job-cache";
import { JobCard, type Notice } from "./job-card";
import { JobStatusBadge } from "./job-status-badge";
import { useOnline } from "./use-online";

const OPEN = "ASSIGNED,IN_PROGRESS";
/** New assignments show up without a reload while the page is on screen. */
const REFRESH_MS = 60_000;

const listUrl = (params: Record<string, string>) => `/api/tickets?${new URLSearchParams(params)}`;

function groupByDate(items: TicketDto[]): [string, TicketDto[]][] {
  const groups = new Map<string, TicketDto[]>();
  for (const item of items) groups.set(item.appointment_date, [...(groups.get(item.appointment_date) ?? []), item]);
  return [...groups.entries()];
}

/** The technician's day on a phone: today's jobs, then the coming days, then (on demand) what they finished. */
export function MyJobsBoard({ uploadRules }: { uploadRules: ImageUploadRules }) {
  const t = useTranslations("jobs");
  const common = useTranslations("common");
  const format = useFormatter();
  const timeZone = useTimeZone() ?? "Asia/Shanghai";
  const now = useNow({ updateInterval: 60_000 });
  const today = localDate(now, timeZone);
  const tomorrow = addDays(today, 1);
  const online = useOnline();
  const [announcement, setAnnouncement] = useState<Notice | null>(null);

  const open = useQuery({
    queryKey: myJobsKeys.open(today),
    queryFn: () =>
      fetchJson<TicketListDto>(listUrl({ status: OPEN, date_from: today, sort: "appointment_date", page_size: "100" })),
    refetchInterval: REFRESH_MS,
  });
  // Jobs left open from earlier days must not vanish at midnight: the technician still has to finish them.
  const overdue = useQuery({
    queryKey: myJobsKeys.overdue(today),
    queryFn: () =>
      fetchJson<TicketListDto>(
        listUrl({ status: OPEN, date_to: addDays(today, -1), sort: "appointment_date", page_size: "100" }),
      ),
    refetchInterval: REFRESH_MS,
  });

  const formatDate = (date: string) => formatAppointmentDate(format, date, "medium");
  const dateLabel = (date: string) => {
    const formatted = formatDate(date);
    if (date === today) return t("todayWithDate", { date: formatted });
    if (date === tomorrow) return t("tomorrowWithDate", { date: formatted });
    return formatted;
  };

  const items = open.data?.items ?? [];
  const todays = items.filter((j) => j.appointment_date === today);
  const upcoming = items.filter((j) => j.appointment_date > today);
  const late = overdue.data?.items ?? [];
  const card = (job: TicketDto) => (
    <li key={job.id}>
      <JobCard job={job} today={today} uploadRules={uploadRules} onAnnounce={setAnnouncement} />
    </li>
  );

  return (
    <div className={cn("mx-auto max-w-xl space-y-5", announcement && "pb-24")}>
      <header className="flex items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
          <p className="mt-0.5 text-sm text-slate-500">
            {open.data
              ? t("summary", { date: formatDate(today), count: todays.length + late.length })
              : formatDate(today)}
          </p>
        </div>
        <Button
          variant="secondary"
          className="h-11 shrink-0"
          onClick={() => {
            void open.refetch();
            void overdue.refetch();
          }}
          busy={open.isFetching && !open.isPending}
          disabled={!online}
        >
          {t("refresh")}
        </Button>
      </header>

      {!online && (
        <p
          role="status"
          className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
        >
          {t("offlineBanner")}
        </p>
      )}

      {/*
        A completed job leaves the list, so its confirmation is said here, pinned to the bottom of the
        screen wherever the technician had scrolled, until they close it or the next one replaces it.
      */}
      <div
        aria-live="polite"
        role="status"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-30 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]"
      >
        {announcement && (
          <div
            className={cn(
              "pointer-events-auto mx-auto flex max-w-xl items-start justify-between gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ring-inset",
              announcement.tone === "success"
                ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
                : "bg-red-50 text-red-800 ring-red-200",
            )}
          >
            <span>{announcement.text}</span>
            <button
              type="button"
              onClick={() => setAnnouncement(null)}
              className="-my-2 -mr-2 min-h-11 min-w-11 text-lg font-medium"
              aria-label={common("close")}
            >
              ×
            </button>
          </div>
        )}
      </div>

      {open.isPending ? (
        open.fetchStatus === "paused" ? (
          <Card className="p-5 text-sm text-slate-700">{t("offlineNoData")}</Card>
        ) : (
          <div aria-busy="true" aria-label={common("loading")} className="space-y-3">
            <span className="sr-only">{common("loading")}</span>
            {[0, 1, 2].map((i) => (
              <SkeletonCard key={i} />
            ))}
          </div>
        )
      ) : open.isError ? (
        <Card className="space-y-3 p-5" role="alert">
          <p className="font-medium text-slate-900">{t("loadError")}</p>
          <p className="text-sm text-slate-600">{errorText(open.error, t)}</p>
          <Button variant="secondary" size="lg" className="w-full" onClick={() => void open.refetch()}>
            {common("retry")}
          </Button>
        </Card>
      ) : (
        <>
          {open.isRefetchError && (
            <p className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
              {t("staleWarning")}
            </p>
          )}

          {late.length > 0 && (
            <Section title={t("overdue")} count={late.length} tone="warning">
              <p className="-mt-1 mb-3 text-sm text-amber-800">{t("overdueHint")}</p>
              {groupByDate(late).map(([date, jobs]) => (
                <div key={date} className="mb-4 last:mb-0">
                  <h3 className="mb-2 text-sm font-medium text-slate-600">{dateLabel(date)}</h3>
                  <ul className="space-y-3">{jobs.map(card)}</ul>
                </div>
              ))}
            </Section>
          )}

          <Section title={t("today")} count={todays.length}>
            {todays.length === 0 ? (
              <EmptyToday hasUpcoming={upcoming.length > 0} />
            ) : (
              <ul className="space-y-3">{todays.map(card)}</ul>
            )}
          </Section>

          <Section title={t("upcoming")} count={upcoming.length}>
            {upcoming.length === 0 ? (
              <p className="text-sm text-slate-500">{t("noUpcoming")}</p>
            ) : (
              groupByDate(upcoming).map(([date, jobs]) => (
                <div key={date} className="mb-5 last:mb-0">
                  <h3 className="mb-2 flex items-baseline gap-2 text-sm font-medium text-slate-600">
                    {dateLabel(date)}
                    <span className="text-xs font-normal text-slate-400">{t("jobCount", { count: jobs.length })}</span>
                  </h3>
                  <ul className="space-y-3">{jobs.map(card)}</ul>
                </div>
              ))
            )}
          </Section>

          {open.data && open.data.total > open.data.items.length && (
            <p className="text-center text-xs text-slate-500">
              {t("truncated", { shown: open.data.items.length, total: open.data.total })}
            </p>
          )}

          <RecentlyCompleted />
        </>
      )}
    </div>
  );
}

function errorText(error: unknown, t: (key: string) => string) {
  if (error instanceof ApiError && error.status === 401) return t("errors.signedOut");
  if (error instanceof ApiError) return t("errors.generic");
  return t("errors.offline");
}

function Section({
  title,
  count,
  tone,
  children,
}: {
  title: string;
  count: number;
  tone?: "warning";
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2
        id={id}
        className={cn(
          "mb-3 flex items-center gap-2 text-base font-semibold",
          tone === "warning" ? "text-amber-900" : "text-slate-900",
        )}
      >
        {title}
        <span
          className={cn(
            "rounded-full px-2 py-0.5 text-xs font-medium tabular-nums",
            tone === "warning" ? "bg-amber-100 text-amber-900" : "bg-slate-200 text-slate-700",
          )}
        >
          {count}
        </span>
      </h2>
      {children}
    </section>
  );
}

function EmptyToday({ hasUpcoming }: { hasUpcoming: boolean }) {
  const t = useTranslations("jobs");
  return (
    <Card className="flex flex-col items-center px-5 py-6 text-center">
      <svg
        viewBox="0 0 48 48"
        className="size-10 text-slate-300"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        aria-hidden="true"
      >
        <rect x="8" y="10" width="32" height="30" rx="4" />
        <path d="M8 18h32M16 6v8M32 6v8M18 29l4 4 8-8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="mt-3 font-medium text-slate-800">{t("emptyToday")}</p>
      <p className="mt-1 text-sm text-slate-500">{hasUpcoming ? t("emptyTodayUpcoming") : t("emptyTodayNothing")}</p>
    </Card>
  );
}

function SkeletonCard() {
  return (
    <Card className="space-y-3 p-4">
      <div className="flex justify-between">
        <div className="h-5 w-28 animate-pulse rounded bg-slate-200" />
        <div className="h-5 w-14 animate-pulse rounded-full bg-slate-200" />
      </div>
      <div className="h-4 w-2/3 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-full animate-pulse rounded bg-slate-100" />
      <div className="h-4 w-5/6 animate-pulse rounded bg-slate-100" />
      <div className="grid grid-cols-2 gap-2">
        <div className="h-12 animate-pulse rounded-lg bg-slate-100" />
        <div className="h-12 animate-pulse rounded-lg bg-slate-100" />
      </div>
    </Card>
  );
}

function RecentlyCompleted() {
  const t = useTranslations("jobs");
  const common = useTranslations("common");
  const format = useFormatter();
  const [expanded, setExpanded] = useState(false);
  const panelId = useId();
  const query = useQuery({
    queryKey: myJobsKeys.completed,
    queryFn: () =>
      fetchJson<TicketListDto>(listUrl({ status: "COMPLETED", sort: "-appointment_date", page_size: "10" })),
    enabled: expanded,
  });
  return (
    <section className="pt-1">
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={() => setExpanded((v) => !v)}
        className="flex min-h-12 w-full items-center justify-between rounded-xl bg-white px-4 text-left font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"
      >
        <span>{t("recentlyCompleted")}</span>
        <svg
          viewBox="0 0 20 20"
          className={cn("size-5 text-slate-500 transition-transform", expanded && "rotate-180")}
          fill="currentColor"
          aria-hidden="true"
        >
          <path d="M5.2 7.7a.75.75 0 0 1 1.06.02L10 11.6l3.74-3.88a.75.75 0 1 1 1.08 1.04l-4.28 4.44a.75.75 0 0 1-1.08 0L5.18 8.76a.75.75 0 0 1 .02-1.06z" />
        </svg>
      </button>
      {expanded && (
        <div id={panelId} className="mt-2">
          {query.isPending ? (
            <p className="flex items-center gap-2 px-1 py-3 text-sm text-slate-500">
              <Spinner /> {common("loading")}
            </p>
          ) : query.isError ? (
            <div className="flex items-center justify-between px-1 py-2 text-sm text-red-700">
              {t("loadError")}
              <button
                type="button"
                className="min-h-11 px-2 font-medium underline"
                onClick={() => void query.refetch()}
              >
                {common("retry")}
              </button>
            </div>
          ) : query.data.items.length === 0 ? (
            <p className="px-1 py-3 text-sm text-slate-500">{t("noneCompleted")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-xl bg-white ring-1 ring-slate-200">
              {query.data.items.map((job) => (
                <li key={job.id} className="flex items-start justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-slate-800">
                      {common(`appliance.${job.appliance_type}`)} · {job.customer_name}
                    </p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      <span className="font-mono">{job.code}</span>
                      {job.completed_at && (
                        <>
                          {" · "}
                          {t("completedAt", {
                            time: format.dateTime(new Date(job.completed_at), {
                              month: "numeric",
                              day: "numeric",
                              hour: "2-digit",
                              minute: "2-digit",
                            }),
                          })}
                        </>
                      )}
                    </p>
                  </div>
                  <JobStatusBadge status={job.status} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
