"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/field";
import type { SyncStatistics } from "./constants";
import { useSyncFormat } from "./use-sync-format";

/** Runs, success rate, average duration and records for the current filters (finished runs only). */
export function SummaryCards({
  stats,
  isError,
  isFetching,
  isPlaceholder,
  filtered,
  onRetry,
}: {
  stats: SyncStatistics | undefined;
  isError: boolean;
  isFetching: boolean;
  isPlaceholder: boolean;
  filtered: boolean;
  onRetry: () => void;
}) {
  const t = useTranslations("syncLogs.summary");
  const fmt = useSyncFormat();

  if (isError && !stats)
    return (
      <Alert tone="error" title={t("errorTitle")}>
        <Button size="sm" variant="secondary" className="mt-2 h-11 sm:h-8" onClick={onRetry} busy={isFetching}>
          {t("retry")}
        </Button>
      </Alert>
    );

  const cards = stats
    ? [
        {
          key: "runs",
          label: t("runs"),
          value: fmt.count(stats.runs),
          hint: t("runsHint", {
            success: fmt.count(stats.success),
            partial: fmt.count(stats.partial),
            failed: fmt.count(stats.failed),
          }),
        },
        { key: "rate", label: t("successRate"), value: fmt.percent(stats.success_rate), hint: t("successRateHint") },
        {
          key: "duration",
          label: t("averageDuration"),
          value: fmt.duration(stats.average_duration),
          hint: t("averageDurationHint"),
        },
        { key: "records", label: t("records"), value: fmt.count(stats.records), hint: t("recordsHint") },
      ]
    : null;

  return (
    <section aria-labelledby="sync-summary-heading" aria-busy={isFetching}>
      <h2 id="sync-summary-heading" className="sr-only">
        {t("heading")}
      </h2>
      <p className="mb-2 text-xs text-slate-500">{filtered ? t("scopeFiltered") : t("scopeAll")}</p>
      {cards ? (
        <dl className={cn("grid grid-cols-2 gap-3 lg:grid-cols-4", isPlaceholder && "opacity-60")}>
          {cards.map((c) => (
            <Card key={c.key} className="p-3 sm:p-4">
              <dt className="text-sm text-slate-500">{c.label}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900 sm:text-2xl">{c.value}</dd>
              <dd className="mt-1 text-xs text-slate-500">{c.hint}</dd>
            </Card>
          ))}
        </dl>
      ) : (
        <div role="status" aria-label={t("loading")} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Card key={i} className="space-y-2 p-3 sm:p-4">
              <div className="h-4 w-20 animate-pulse rounded bg-slate-100" />
              <div className="h-7 w-16 animate-pulse rounded bg-slate-200" />
              <div className="h-3 w-28 animate-pulse rounded bg-slate-100" />
            </Card>
          ))}
        </div>
      )}
    </section>
  );
}
