"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTimeZone, useTranslations } from "next-intl";
import { useMemo } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/field";
import { seriesStyle } from "./chart-style";
import { DAY_OPTIONS, type DayOption, type SyncPerformance, type SystemPerformance } from "./constants";
import type { TrendSeries } from "./trend-chart";
import { useSyncFormat } from "./use-sync-format";
import { useErrorMessage } from "@/components/api/use-error-message";

// recharts is large: load it only when there is something to draw, and never on the server.
const TrendChart = dynamic(() => import("./trend-chart"), { ssr: false, loading: () => <ChartSkeleton /> });

const DAY_MS = 86_400_000;

/** Calendar days ("YYYY-MM-DD") in `timeZone` from `days` days before `endMs` to the day of `endMs`, as the API counts them. */
function dayRange(endMs: number, days: number, timeZone: string): string[] {
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
  const utcDay = (ms: number) => {
    const parts = fmt.formatToParts(new Date(ms));
    const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return Date.UTC(get("year"), get("month") - 1, get("day"));
  };
  const out: string[] = [];
  for (let d = utcDay(endMs - days * DAY_MS), last = utcDay(endMs); d <= last; d += DAY_MS)
    out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

/** Per system over the last 7, 30 or 90 days: success rate and duration by day, then the figures in a table. */
export function PerformanceSection({ days, onDays }: { days: DayOption; onDays: (days: DayOption) => void }) {
  const t = useTranslations("syncLogs.performance");
  const describeError = useErrorMessage();
  const tl = useTranslations("syncLogs.list");
  const fmt = useSyncFormat();
  const timeZone = useTimeZone() ?? "Asia/Shanghai";

  const perf = useQuery({
    queryKey: queryKeys.syncLogs.performance(days),
    queryFn: ({ signal }) =>
      fetchJson<SyncPerformance>(`/api/sync-logs/performance_analysis/?days=${days}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const data = perf.data;
  const updatedAt = perf.dataUpdatedAt;

  const charts = useMemo(() => {
    if (!data) return null;
    const name = (s: SystemPerformance) =>
      s.system_id === null ? tl("deletedSystem", { name: s.system_name }) : s.system_name;
    const withTrend = data.systems.filter((s) => s.trend.length > 0);
    const dayList = [
      ...new Set([...dayRange(updatedAt, data.days, timeZone), ...withTrend.flatMap((s) => s.trend.map((d) => d.day))]),
    ].sort();
    const seriesOf = (pick: (d: SystemPerformance["trend"][number]) => number | null): TrendSeries[] =>
      withTrend.map((s) => ({
        name: name(s),
        points: new Map(s.trend.flatMap((d) => (pick(d) === null ? [] : [[d.day, pick(d)!] as const]))),
      }));
    const latest = (s: SystemPerformance) => s.trend[s.trend.length - 1]!;
    return {
      names: new Map(data.systems.map((s, i) => [i, name(s)])),
      days: dayList,
      success: seriesOf((d) => Math.round(d.success_rate * 1000) / 10),
      duration: seriesOf((d) => d.average_duration),
      successSummary: t("successSummary", {
        days: data.days,
        items: withTrend
          .map((s) =>
            t("successSummaryItem", {
              name: name(s),
              rate: fmt.percent(s.success_rate),
              runs: s.runs,
              day: fmt.longDay(latest(s).day),
              dayRate: fmt.percent(latest(s).success_rate),
            }),
          )
          .join(t("summarySeparator")),
      }),
      durationSummary: t("durationSummary", {
        days: data.days,
        items: withTrend
          .map((s) =>
            t("durationSummaryItem", {
              name: name(s),
              p50: fmt.duration(s.p50_duration),
              p95: fmt.duration(s.p95_duration),
              day: fmt.longDay(latest(s).day),
              average: fmt.duration(latest(s).average_duration),
            }),
          )
          .join(t("summarySeparator")),
      }),
    };
  }, [data, updatedAt, timeZone, t, tl, fmt]);

  const empty = charts !== null && charts.success.length === 0;

  return (
    <section aria-labelledby="sync-performance-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="sync-performance-heading" className="text-lg font-semibold text-slate-900">
            {t("heading")}
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">{t("description", { days })}</p>
        </div>
        <DaysSelector days={days} onDays={onDays} busy={perf.isFetching} />
      </div>

      {perf.isError && !data ? (
        <Alert tone="error" title={t("errorTitle")}>
          <p>{describeError(perf.error)}</p>
          <Button
            size="sm"
            variant="secondary"
            className="mt-2 h-11 sm:h-8"
            onClick={() => perf.refetch()}
            busy={perf.isFetching}
          >
            {t("retry")}
          </Button>
        </Alert>
      ) : (
        <div
          className={cn("space-y-3 transition-opacity", perf.isPlaceholderData && "opacity-60")}
          aria-busy={perf.isFetching}
        >
          {perf.isError && (
            <Alert tone="warning">
              {t("refreshFailed")}{" "}
              <button
                type="button"
                className="min-h-11 font-medium underline sm:min-h-0"
                onClick={() => perf.refetch()}
              >
                {t("retry")}
              </button>
            </Alert>
          )}
          <div className="grid gap-3 xl:grid-cols-2">
            <ChartCard id="sync-chart-success" title={t("successChart")} description={t("successChartHint")}>
              {!charts ? (
                <ChartSkeleton />
              ) : empty ? (
                <ChartEmpty days={days} />
              ) : (
                <>
                  <p id="sync-chart-success-summary" className="sr-only">
                    {charts.successSummary}
                  </p>
                  <TrendChart
                    title={t("successChart")}
                    days={charts.days}
                    series={charts.success}
                    yDomain={[0, 100]}
                    formatValue={(v) => fmt.percent(v / 100)}
                    formatDay={fmt.day}
                    formatLongDay={fmt.longDay}
                  />
                </>
              )}
            </ChartCard>
            <ChartCard id="sync-chart-duration" title={t("durationChart")} description={t("durationChartHint")}>
              {!charts ? (
                <ChartSkeleton />
              ) : empty ? (
                <ChartEmpty days={days} />
              ) : (
                <>
                  <p id="sync-chart-duration-summary" className="sr-only">
                    {charts.durationSummary}
                  </p>
                  <TrendChart
                    title={t("durationChart")}
                    days={charts.days}
                    series={charts.duration}
                    formatValue={fmt.duration}
                    formatDay={fmt.day}
                    formatLongDay={fmt.longDay}
                  />
                </>
              )}
            </ChartCard>
          </div>
          <PerformanceTable systems={data?.systems} names={charts?.names} days={days} />
        </div>
      )}
    </section>
  );
}

function DaysSelector({ days, onDays, busy }: { days: DayOption; onDays: (d: DayOption) => void; busy: boolean }) {
  const t = useTranslations("syncLogs.performance");
  return (
    <div role="group" aria-label={t("period")} aria-busy={busy} className="flex items-center gap-2">
      <span className="text-sm font-medium text-slate-700" aria-hidden="true">
        {t("period")}
      </span>
      <div className="inline-flex rounded-lg bg-slate-100 p-1">
        {DAY_OPTIONS.map((d) => (
          <button
            key={d}
            type="button"
            aria-pressed={d === days}
            onClick={() => d !== days && onDays(d)}
            className={cn(
              "min-h-11 min-w-14 rounded-md px-3 text-sm font-medium sm:min-h-8",
              d === days
                ? "bg-white text-brand-700 shadow-sm ring-1 ring-slate-200"
                : "text-slate-600 hover:text-slate-900",
            )}
          >
            {t("days", { days: d })}
          </button>
        ))}
      </div>
    </div>
  );
}

function ChartCard({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="m-0">
        <div className="border-b border-slate-100 px-4 py-3 sm:px-5">
          <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h3>
          <p className="mt-0.5 text-sm text-slate-500">{description}</p>
        </div>
        <div className="px-2 py-3 sm:px-4">{children}</div>
      </figure>
    </Card>
  );
}

function ChartSkeleton() {
  const t = useTranslations("common");
  return (
    <div role="status" aria-label={t("loading")} className="flex h-[280px] items-end gap-2 px-4 pb-6">
      {[40, 65, 50, 80, 60, 75, 55, 70].map((h, i) => (
        <div key={i} className="flex-1 animate-pulse rounded-t bg-slate-100" style={{ height: `${h}%` }} />
      ))}
    </div>
  );
}

function ChartEmpty({ days }: { days: number }) {
  const t = useTranslations("syncLogs.performance");
  return (
    <div className="flex h-[280px] flex-col items-center justify-center px-6 text-center">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        className="size-10 text-slate-300"
      >
        <path strokeLinecap="round" strokeLinejoin="round" d="M4 19h16M6 16l4-5 3 3 5-7" />
      </svg>
      <p className="mt-3 font-medium text-slate-900">{t("emptyTitle", { days })}</p>
      <p className="mt-1 text-sm text-slate-500">{t("emptyHint")}</p>
    </div>
  );
}

function PerformanceTable({
  systems,
  names,
  days,
}: {
  systems: SystemPerformance[] | undefined;
  names: Map<number, string> | undefined;
  days: number;
}) {
  const t = useTranslations("syncLogs.performance");
  const fmt = useSyncFormat();
  const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 whitespace-nowrap";
  const num = "px-3 py-2.5 text-right tabular-nums whitespace-nowrap";
  return (
    <Card>
      <CardHeader title={t("tableHeading")} description={t("tableHint", { days })} />
      {!systems ? (
        <div role="status" aria-label={t("loading")} className="space-y-3 p-4">
          {Array.from({ length: 3 }, (_, i) => (
            <div key={i} className="h-5 animate-pulse rounded bg-slate-100" />
          ))}
        </div>
      ) : systems.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-slate-500 sm:px-5">{t("emptyTitle", { days })}</p>
      ) : (
        // A phone scrolls the table sideways; the system column stays in view.
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("tableHeading")}>
          <table className="w-full text-sm">
            <caption className="sr-only">{t("tableCaption", { days })}</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className={cn(th, "sticky left-0 bg-slate-50")}>
                  {t("columns.system")}
                </th>
                <th scope="col" className={cn(th, "text-right")}>
                  {t("columns.runs")}
                </th>
                <th scope="col" className={cn(th, "text-right")}>
                  {t("columns.successRate")}
                </th>
                <th scope="col" className={cn(th, "text-right")}>
                  {t("columns.p50")}
                </th>
                <th scope="col" className={cn(th, "text-right")}>
                  {t("columns.p95")}
                </th>
                <th scope="col" className={cn(th, "text-right")}>
                  {t("columns.records")}
                </th>
                <th scope="col" className={cn(th, "text-right")}>
                  {t("columns.recordsPerSecond")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {systems.map((s, i) => {
                const style = seriesStyle(systems.slice(0, i).filter((x) => x.trend.length > 0).length);
                return (
                  <tr key={`${s.system_id}-${s.system_name}`}>
                    <th scope="row" className="sticky left-0 bg-white px-3 py-2.5 text-left font-medium text-slate-900">
                      <span className="inline-flex items-center gap-2">
                        {s.trend.length > 0 && (
                          <svg aria-hidden="true" width="20" height="6" className="shrink-0">
                            <line
                              x1="0"
                              y1="3"
                              x2="20"
                              y2="3"
                              stroke={style.stroke}
                              strokeWidth="2.5"
                              strokeDasharray={style.dash || undefined}
                            />
                          </svg>
                        )}
                        {names?.get(i) ?? s.system_name}
                      </span>
                    </th>
                    <td className={num}>{fmt.count(s.runs)}</td>
                    <td className={num}>{fmt.percent(s.success_rate)}</td>
                    <td className={num}>{fmt.duration(s.p50_duration)}</td>
                    <td className={num}>{fmt.duration(s.p95_duration)}</td>
                    <td className={num}>{fmt.count(s.records)}</td>
                    <td className={num}>{fmt.rate(s.records_per_second)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
