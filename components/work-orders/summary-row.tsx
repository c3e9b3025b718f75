"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { QuickView, WorkOrderStatistics } from "./constants";

/**
 * Total, overdue and due within 3 days, from GET /api/work-orders/statistics/. Each number is a button
 * that shows its list; the pressed one is the list on screen.
 */
export function SummaryRow({
  stats,
  view,
  filtered,
  onView,
}: {
  stats: UseQueryResult<WorkOrderStatistics>;
  view: QuickView | undefined;
  /** Whether the full list is narrowed; "total" is pressed only when it is not. */
  filtered: boolean;
  onView: (view: QuickView | undefined) => void;
}) {
  const t = useTranslations("workOrders.summary");
  const format = useFormatter();
  const data = stats.data;
  const items = [
    { key: "total", view: undefined, value: data?.total, pressed: !view && !filtered, tone: "slate" },
    { key: "overdue", view: "overdue", value: data?.overdue, pressed: view === "overdue", tone: "red" },
    { key: "dueSoon", view: "due_soon", value: data?.due_within_3_days, pressed: view === "due_soon", tone: "amber" },
  ] as const;
  const tones = {
    slate: "text-slate-900",
    red: "text-red-700",
    amber: "text-amber-700",
  };

  return (
    <section aria-label={t("label")}>
      <ul className="grid grid-cols-3 gap-2 sm:gap-3 lg:max-w-2xl">
        {items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              aria-pressed={item.pressed}
              onClick={() => onView(item.view)}
              className={cn(
                "flex min-h-11 w-full flex-col items-start rounded-xl bg-white px-3 py-2 text-left shadow-sm ring-1 transition-colors hover:bg-slate-50",
                item.pressed ? "ring-2 ring-brand-500" : "ring-slate-200",
              )}
            >
              <span className="text-xs text-slate-500 sm:text-sm">{t(item.key)}</span>
              <span className={cn("text-xl font-semibold tabular-nums sm:text-2xl", tones[item.tone])}>
                {item.value === undefined ? "–" : format.number(item.value)}
              </span>
              <span className="sr-only">{t("show")}</span>
            </button>
          </li>
        ))}
      </ul>
      {stats.isError && (
        <p className="mt-2 text-sm text-amber-700">
          {t("failed")}{" "}
          <button
            type="button"
            className="inline-flex min-h-11 items-center font-medium underline sm:min-h-0"
            onClick={() => stats.refetch()}
          >
            {t("retry")}
          </button>
        </p>
      )}
    </section>
  );
}
