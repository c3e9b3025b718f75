"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { defaultLocale, isLocale } from "@/lib/i18n/config";
import type { LinkViewDto } from "@/lib/projects/project-view";
import { formatAge } from "@/lib/projects/time-display";
import type { ProjectStatus } from "@/lib/projects/types";
import { projectStatusTone, roleRank, statusSteps, type StepState } from "./project-status";

type RefreshErrorKey = "rateLimited" | "linkInvalid" | "unavailable" | "network" | "failed";
/** What the last refresh did, put into words when shown (so it follows a language switch). */
type RefreshResult =
  | { kind: "upToDate" | "notFresh" }
  | { kind: "statusChanged"; from: ProjectStatus; to: ProjectStatus }
  | { kind: "error"; key: RefreshErrorKey };

/**
 * A project as the person its link was made for sees it: status and progress, the fields of its type,
 * the customer and the people on it, how fresh the copy is, and a refresh that asks the project library
 * (limited per link). On a failed refresh what was shown stays on screen, with the reason below it.
 */
export function ProjectView({ projectId, token, initial }: { projectId: string; token: string; initial: LinkViewDto }) {
  const t = useTranslations("project");
  const format = useFormatter();
  const rawLocale = useLocale();
  const locale = isLocale(rawLocale) ? rawLocale : defaultLocale;

  const [view, setView] = useState(initial);
  const [result, setResult] = useState<RefreshResult | null>(null);
  // The server rendered the page again (e.g. the language was switched): show what it sent.
  const [prevInitial, setPrevInitial] = useState(initial);
  if (initial !== prevInitial) {
    setPrevInitial(initial);
    setView(initial);
    setResult(null);
  }
  const [busy, setBusy] = useState(false);
  const age = useLiveAge(view, locale);
  const inFlight = useRef(false);

  const { project } = view;
  const statusName = (s: ProjectStatus) => t(`statuses.${s}`);
  const shown = result && describeResult(result);

  function describeResult(r: RefreshResult): { tone: "success" | "warning" | "error"; text: string } {
    switch (r.kind) {
      case "upToDate":
        return { tone: "success", text: t("refresh.upToDate") };
      case "statusChanged":
        return { tone: "success", text: t("refresh.statusChanged", { from: statusName(r.from), to: statusName(r.to) }) };
      case "notFresh":
        return { tone: "warning", text: t("refresh.notFresh", { age }) };
      case "error":
        // Too many refreshes is not a failure: what is shown is fine, the person only has to wait.
        return { tone: r.key === "rateLimited" ? "warning" : "error", text: t(`refresh.${r.key}`) };
    }
  }

  async function refresh() {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setResult(null);
    const before = view.project.status;
    try {
      const url = `/api/projects/${encodeURIComponent(projectId)}?token=${encodeURIComponent(token)}&force_sync=true`;
      const next = await fetchJson<LinkViewDto>(url, { cache: "no-store", referrerPolicy: "no-referrer" });
      setView(next);
      // A forced refresh that still came from the saved copy: the library did not answer.
      if (next.from_cache) setResult({ kind: "notFresh" });
      else if (next.project.status !== before) setResult({ kind: "statusChanged", from: before, to: next.project.status });
      else setResult({ kind: "upToDate" });
    } catch (e) {
      setResult({ kind: "error", key: refreshErrorKey(e) });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  const people = project.people
    // The customer is shown with the project's details already; another customer contact is listed.
    .filter((p) => p.role !== "customer" || p.name !== project.customer_name)
    .sort((a, b) => roleRank(a.role) - roleRank(b.role));
  const isMe = (p: (typeof people)[number]) => p.role === view.access.access_type && p.name === view.access.user_name;

  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600">{t("greeting", { name: view.access.user_name })}</p>
        <h1 className="mt-1 break-words text-2xl font-semibold tracking-tight text-slate-900">{project.title}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
          <Badge tone={projectStatusTone[project.status]} className="px-2.5 py-1 text-sm">
            <span className="sr-only">{t("status")}: </span>
            {statusName(project.status)}
          </Badge>
          <span className="text-sm text-slate-500">{t(`types.${project.type}`)}</span>
          <p className="text-sm text-slate-500">
            {t("projectId")}{" "}
            <span className="select-all font-mono font-medium tracking-wide text-slate-900">{project.id}</span>
          </p>
        </div>
      </div>

      {view.stale && (
        <div role="status" className="flex gap-3 rounded-xl bg-amber-50 px-4 py-3.5 ring-1 ring-inset ring-amber-200">
          <WarningIcon className="mt-0.5 size-5 shrink-0 text-amber-600" />
          <div className="min-w-0 text-sm text-amber-900">
            <p className="font-semibold">{t("stale.title")}</p>
            <p className="mt-0.5">{t("stale.body", { age })}</p>
          </div>
        </div>
      )}

      <Card className="px-4 py-3.5 sm:px-5">
        <div className="flex items-center justify-between gap-3">
          <div className="min-w-0 text-sm">
            <p className="font-medium text-slate-900">{t("freshness.updated", { age })}</p>
            <p className="mt-0.5 text-xs tabular-nums text-slate-500">
              {t.rich("freshness.lastSync", {
                time: view.last_sync,
                // The date and the time stay on one line.
                nowrap: (chunks) => <span className="whitespace-nowrap">{chunks}</span>,
              })}
            </p>
          </div>
          <Button
            type="button"
            variant="secondary"
            busy={busy}
            onClick={refresh}
            className="h-11 min-w-11 shrink-0 px-4"
          >
            {!busy && <RefreshIcon className="size-4" />}
            {busy ? t("refresh.busy") : t("refresh.button")}
          </Button>
        </div>
        {/* Always present, so screen readers announce each new result. */}
        <div aria-live="polite" aria-atomic="true">
          {shown && (
            <p
              className={cn(
                "mt-3 flex items-start gap-2 rounded-lg px-3 py-2 text-sm",
                shown.tone === "success" && "bg-emerald-50 text-emerald-800",
                shown.tone === "warning" && "bg-amber-50 text-amber-900",
                shown.tone === "error" && "bg-red-50 text-red-800",
              )}
            >
              {shown.tone === "success" ? (
                <CheckIcon className="mt-0.5 size-4 shrink-0" />
              ) : (
                <WarningIcon className="mt-0.5 size-4 shrink-0" />
              )}
              <span className="min-w-0">{shown.text}</span>
            </p>
          )}
        </div>
      </Card>

      <Card className="px-4 py-4 sm:px-5">
        <h2 className="mb-4 text-base font-semibold text-slate-900">{t("progress")}</h2>
        <StatusSteps status={project.status} />
      </Card>

      <Card className="px-4 py-4 sm:px-5">
        <h2 className="mb-3 text-base font-semibold text-slate-900">{t("details")}</h2>
        <dl className="divide-y divide-slate-100 text-sm">
          {project.type === "presale" && (
            <Row label={t("fields.expected_close_date")}>
              <Value text={project.display.expected_close_date ?? project.expected_close_date} tabular />
            </Row>
          )}
          {project.type === "aftersales" && (
            <>
              <Row label={t("fields.service_time")}>
                <Value text={project.display.service_time} tabular />
              </Row>
              <Row label={t("fields.fault")}>
                <Value text={project.fault} multiline />
              </Row>
            </>
          )}
          {project.type === "sales" && (
            <>
              <Row label={t("fields.payment_amount")}>
                <Value
                  text={
                    typeof project.payment_amount === "number"
                      ? format.number(project.payment_amount, {
                          style: "currency",
                          currency: "CNY",
                          currencyDisplay: "narrowSymbol",
                        })
                      : null
                  }
                  tabular
                />
              </Row>
              {project.display.payment_time && (
                <Row label={t("fields.payment_time")}>
                  <Value text={project.display.payment_time} tabular />
                </Row>
              )}
            </>
          )}
          <Row label={t("customer")}>{project.customer_name}</Row>
          {project.phone && (
            <Row label={t("customerPhone")}>
              <span className="tabular-nums">{project.phone}</span>
            </Row>
          )}
          {project.display.updated_at && (
            <Row label={t("fields.updated_at")}>
              <Value text={project.display.updated_at} tabular />
            </Row>
          )}
        </dl>
      </Card>

      {people.length > 0 && (
        <Card className="px-4 py-4 sm:px-5">
          <h2 className="mb-1 text-base font-semibold text-slate-900">{t("people")}</h2>
          <ul className="divide-y divide-slate-100">
            {people.map((p, i) => (
              <li key={`${p.role}-${p.name}-${i}`} className="flex min-h-14 items-center gap-3 py-2.5">
                <span
                  aria-hidden="true"
                  className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-50 text-base font-semibold text-brand-700"
                >
                  {Array.from(p.name.trim())[0] ?? "?"}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-x-2 text-sm">
                    <span className="break-words font-medium text-slate-900">{p.name}</span>
                    {isMe(p) && <Badge tone="blue">{t("you")}</Badge>}
                  </p>
                  <p className="text-xs text-slate-500">{t(`roles.${p.role}`)}</p>
                </div>
                {p.phone && <span className="shrink-0 text-sm tabular-nums text-slate-700">{p.phone}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

/** Which `refresh.*` message a failed refresh shows. */
function refreshErrorKey(e: unknown): RefreshErrorKey {
  if (!(e instanceof ApiError)) return "network";
  if (e.status === 429 || e.code === "rate_limited") return "rateLimited";
  if (["unauthorized", "forbidden", "not_found"].includes(e.code)) return "linkInvalid";
  if (e.status === 503 || e.status === 502 || e.status === 504) return "unavailable";
  return "failed";
}

/**
 * "5 minutes ago", kept current while the page stays open: the server's age of the copy plus the time
 * since it arrived (the phone's clock may be wrong; the time elapsed on it is not).
 */
function useLiveAge(view: LinkViewDto, locale: "zh-CN" | "en"): string {
  const [ticked, setTicked] = useState<{ view: LinkViewDto; text: string } | null>(null);
  useEffect(() => {
    const start = Date.now();
    const timer = setInterval(() => {
      setTicked({ view, text: formatAge(view.cache_age_seconds * 1000 + (Date.now() - start), locale) });
    }, 30_000);
    return () => clearInterval(timer);
  }, [view, locale]);
  return ticked?.view === view ? ticked.text : view.cache_time;
}

/**
 * The five statuses in order. Across the card when the names fit (always for Chinese' short names; for
 * longer ones once the card is wide enough), otherwise down it, like the tracking page's timeline.
 */
function StatusSteps({ status }: { status: ProjectStatus }) {
  const t = useTranslations("project");
  const across = useLocale() === "zh-CN";
  const steps = statusSteps(status);
  return (
    <div className="@container">
      <ol className={across ? "grid grid-cols-5" : "flex flex-col @md:grid @md:grid-cols-5"}>
        {steps.map((step, i) => {
          const next = steps[i + 1];
          return (
            <li
              key={step.status}
              className={cn(
                "relative flex min-w-0",
                across
                  ? "flex-col items-center gap-2 text-center"
                  : "items-center gap-3 pb-4 last:pb-0 @md:flex-col @md:gap-2 @md:pb-0 @md:text-center",
              )}
              aria-current={step.state === "current" ? "step" : undefined}
            >
              {next && (
                // The line to the next step, coloured once that step is reached.
                <span
                  aria-hidden="true"
                  className={cn(
                    "absolute",
                    across
                      ? "left-1/2 top-3 h-0.5 w-full -translate-y-1/2"
                      : "bottom-0 left-[0.6875rem] top-6 w-0.5 @md:bottom-auto @md:left-1/2 @md:top-3 @md:h-0.5 @md:w-full @md:-translate-y-1/2",
                    next.state === "todo" ? "bg-slate-200" : "bg-brand-500",
                  )}
                />
              )}
              <Dot state={step.state} />
              <span
                className={cn(
                  across ? "text-xs leading-tight" : "text-sm @md:text-xs @md:leading-tight",
                  step.state === "current" && "font-semibold text-brand-700",
                  step.state === "done" && "font-medium text-slate-900",
                  step.state === "todo" && "text-slate-400",
                )}
              >
                {t(`statuses.${step.status}`)}
                <span className="sr-only"> ({t(`stepState.${step.state}`)})</span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Dot({ state }: { state: StepState }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "relative z-10 flex size-6 shrink-0 items-center justify-center rounded-full",
        state === "done" && "bg-brand-600 text-white",
        state === "current" && "bg-brand-50 ring-2 ring-inset ring-brand-600 shadow-[0_0_0_4px] shadow-brand-100",
        state === "todo" && "bg-white ring-2 ring-inset ring-slate-300",
      )}
    >
      {state === "done" && <CheckIcon className="size-3.5" strokeWidth={2.6} />}
      {state === "current" && <span className="size-2.5 rounded-full bg-brand-600" />}
    </span>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-3 py-2.5 first:pt-0 last:pb-0 sm:grid-cols-[8rem_1fr]">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words font-medium text-slate-900">{children}</dd>
    </div>
  );
}

/** A field's value, or a quiet dash when the library has none. */
function Value({ text, tabular, multiline }: { text: string | null | undefined; tabular?: boolean; multiline?: boolean }) {
  const t = useTranslations("project");
  if (!text) return <span className="font-normal text-slate-400">{t("notProvided")}</span>;
  return <span className={cn(tabular && "tabular-nums", multiline && "whitespace-pre-line")}>{text}</span>;
}

function CheckIcon({ className, strokeWidth = 2.2 }: { className?: string; strokeWidth?: number }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={strokeWidth} className={className} aria-hidden="true">
      <path d="m4.5 10.5 3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function WarningIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className={className} aria-hidden="true">
      <path d="M10 3.5 2.5 16.5h15L10 3.5Z" strokeLinejoin="round" />
      <path d="M10 8.5v3.5" strokeLinecap="round" />
      <circle cx="10" cy="14.25" r="0.6" fill="currentColor" stroke="none" />
    </svg>
  );
}

function RefreshIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className={className} aria-hidden="true">
      <path d="M16 10a6 6 0 1 1-1.76-4.24" strokeLinecap="round" />
      <path d="M16 3.5v3.25h-3.25" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
