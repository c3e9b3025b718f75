"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterFold, FilterToggle, useFilterFold } from "@/components/ui/filter-fold";
import { FilterSelect } from "@/components/ui/filter-select";
import { useSystemTypeLabel } from "./badges";
import {
  SORT_LABELS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUSES,
  type SystemSummary,
  type WorkOrderPriority,
  type WorkOrderSort,
  type WorkOrderStatus,
} from "./constants";
import { KeywordBox } from "./keyword-box";
import type { WorkOrderFilters } from "./use-work-order-filters";

/**
 * Keyword and sort always in view; system, status, priority, due range and "include deleted" folded
 * behind a button on a phone. Every change goes to the URL.
 */
export function FilterPanel({
  filters,
  systems,
  systemsFailed,
  onChange,
  onClear,
}: {
  filters: WorkOrderFilters;
  /** From the statistics' by_system (every reader may call it, unlike the admin-only systems list). */
  systems: SystemSummary[] | undefined;
  systemsFailed: boolean;
  onChange: (patch: Partial<WorkOrderFilters>, options?: { replace?: boolean }) => void;
  onClear?: () => void;
}) {
  const t = useTranslations("workOrders");
  const typeLabel = useSystemTypeLabel();
  const fold = useFilterFold("wo-more-filters");
  const inView = Boolean(filters.view);
  // In a quick view the list's own filters do not apply: show them empty, and any choice leaves the view.
  const shown = inView ? { ...filters, system_id: undefined, status: undefined, priority: undefined } : filters;
  const folded = [
    shown.system_id,
    shown.status,
    shown.priority,
    !inView && filters.due_from,
    !inView && filters.due_to,
    !inView && filters.include_deleted,
  ].filter(Boolean).length;

  const commitKeyword = (q: string) => {
    const current = new URLSearchParams(window.location.search).get("q") ?? "";
    // Refining a search replaces the history entry; starting or clearing one is a step back can undo.
    onChange({ q: q || undefined }, { replace: Boolean(current && q) });
  };

  return (
    <Card className="p-3 sm:p-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <KeywordBox value={inView ? undefined : filters.q} onCommit={commitKeyword} />
        <div className="flex items-end gap-2">
          <FilterSelect
            id="wo-sort"
            label={t("filters.sort")}
            className="min-w-0 flex-1 sm:w-56 sm:flex-none"
            value={inView ? "due" : filters.sort}
            options={WORK_ORDER_SORTS.map((s) => ({ value: s, label: t(`sort.${SORT_LABELS[s]}`) }))}
            onChange={(sort) => onChange({ sort: sort as WorkOrderSort })}
          />
          <FilterToggle label={t("filters.more")} className="min-h-11 sm:hidden" count={folded} {...fold.toggleProps} />
        </div>
      </div>

      <FilterFold {...fold.foldProps} className="mt-3 gap-3 sm:grid sm:grid-cols-3 lg:grid-cols-6">
        <FilterSelect
          id="wo-system"
          label={t("filters.system")}
          value={shown.system_id}
          allLabel={t("filters.anySystem")}
          options={(systems ?? []).map((s) => ({
            value: s.system_id,
            label: t("filters.systemOption", { name: s.system_name, type: typeLabel(s.type), count: s.count }),
          }))}
          onChange={(id) => onChange({ system_id: id ? Number(id) : undefined })}
        >
          {/* A shared link's choice stays visible while the systems load, or if the system is gone. */}
          {shown.system_id && !systems?.some((s) => s.system_id === shown.system_id) && (
            <option value={shown.system_id}>{t("filters.selectedSystem", { id: shown.system_id })}</option>
          )}
        </FilterSelect>
        <FilterSelect
          id="wo-status"
          label={t("filters.status")}
          value={shown.status}
          allLabel={t("filters.anyStatus")}
          options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(status) => onChange({ status: (status || undefined) as WorkOrderStatus | undefined })}
        />
        <FilterSelect
          id="wo-priority"
          label={t("filters.priority")}
          value={shown.priority}
          allLabel={t("filters.anyPriority")}
          options={WORK_ORDER_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          onChange={(priority) => onChange({ priority: (priority || undefined) as WorkOrderPriority | undefined })}
        />
        {/* In a quick view the range shows empty and is never in error; the pickers do not limit each other. */}
        <DateRangeFields
          id="wo-due"
          labels={{ from: t("filters.dueFrom"), to: t("filters.dueTo"), error: t("filters.dueOrder") }}
          from={inView ? undefined : filters.due_from}
          to={inView ? undefined : filters.due_to}
          onChange={({ from, to }) => onChange({ due_from: from, due_to: to })}
          errorClassName="sm:col-span-3 lg:col-span-6"
          bounded={false}
          announceError
        >
          <div className="flex items-end">
            <label
              htmlFor="wo-deleted"
              className="flex min-h-11 cursor-pointer items-center gap-2 text-sm text-slate-700"
            >
              <input
                id="wo-deleted"
                type="checkbox"
                className="size-5 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                checked={!inView && filters.include_deleted}
                onChange={(e) => onChange({ include_deleted: e.target.checked })}
              />
              {t("filters.includeDeleted")}
            </label>
          </div>
        </DateRangeFields>
        {systemsFailed && (
          <p className="text-sm text-amber-700 sm:col-span-3 lg:col-span-6">{t("filters.systemsFailed")}</p>
        )}
      </FilterFold>

      {onClear && (
        <div className="mt-3 flex justify-end border-t border-slate-100 pt-3">
          <Button type="button" size="sm" variant="ghost" className="min-h-11 sm:min-h-0" onClick={onClear}>
            {t("filters.clear")}
          </Button>
        </div>
      )}
    </Card>
  );
}
