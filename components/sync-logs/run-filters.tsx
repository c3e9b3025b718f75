"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterFold, FilterToggle, useFilterFold } from "@/components/ui/filter-fold";
import { FilterSelect } from "@/components/ui/filter-select";
import { SYNC_STATUSES, SYNC_TRIGGERS, SYNC_TYPES } from "./constants";
import { useRunLabels } from "./labels";
import type { SyncLogFilters } from "./use-sync-log-filters";

export interface SystemChoice {
  id: number;
  name: string;
}

/** System, type, status, trigger and a date range; on a phone they fold behind one button. */
export function RunFilters({
  filters,
  systems,
  systemsFailed,
  onChange,
  onClear,
}: {
  filters: SyncLogFilters;
  systems: SystemChoice[] | undefined;
  systemsFailed: boolean;
  onChange: (patch: Partial<SyncLogFilters>) => void;
  onClear?: () => void;
}) {
  const t = useTranslations("syncLogs.filters");
  const ts = useTranslations("syncLogs.status");
  const labels = useRunLabels();
  const fold = useFilterFold("sync-run-filters");
  const active = [
    filters.system_id,
    filters.sync_type,
    filters.status,
    filters.trigger,
    filters.from,
    filters.to,
  ].filter(Boolean).length;
  // This panel folds below lg (not sm), so its selects keep a 44 px tap target up to lg.
  const tallSelect = "min-h-11 lg:min-h-0";

  return (
    <Card className="p-3 sm:p-4">
      <div className="flex items-center justify-between gap-2 lg:hidden">
        <FilterToggle label={t("toggle")} className="h-11" count={active} {...fold.toggleProps} />
        {onClear && (
          <Button type="button" variant="ghost" className="h-11" onClick={onClear}>
            {t("clear")}
          </Button>
        )}
      </div>

      <FilterFold {...fold.foldProps} className="mt-3 grid-cols-2 gap-3 sm:grid-cols-3 lg:mt-0 lg:grid lg:grid-cols-6">
        <FilterSelect
          id="sync-filter-system"
          label={t("system")}
          className="col-span-2 sm:col-span-1"
          selectClassName={tallSelect}
          value={filters.system_id}
          allLabel={t("anySystem")}
          options={(systems ?? []).map((s) => ({ value: s.id, label: s.name }))}
          describedBy={systemsFailed ? "sync-filter-system-error" : undefined}
          onChange={(id) => onChange({ system_id: id ? Number(id) : undefined })}
        >
          {/* Keep a shared link's choice visible while the choices load or if it names an unknown system. */}
          {filters.system_id && !systems?.some((s) => s.id === filters.system_id) && (
            <option value={filters.system_id}>{t("selectedSystem", { id: filters.system_id })}</option>
          )}
        </FilterSelect>
        <FilterSelect
          id="sync-filter-type"
          label={t("syncType")}
          className="col-span-2 sm:col-span-1"
          selectClassName={tallSelect}
          value={filters.sync_type}
          allLabel={t("anyType")}
          options={SYNC_TYPES.map((v) => ({ value: v, label: labels.syncType(v) }))}
          onChange={(v) => onChange({ sync_type: (v || undefined) as SyncLogFilters["sync_type"] })}
        />
        <FilterSelect
          id="sync-filter-status"
          label={t("status")}
          selectClassName={tallSelect}
          value={filters.status}
          allLabel={t("anyStatus")}
          options={SYNC_STATUSES.map((v) => ({ value: v, label: ts(v) }))}
          onChange={(v) => onChange({ status: (v || undefined) as SyncLogFilters["status"] })}
        />
        <FilterSelect
          id="sync-filter-trigger"
          label={t("trigger")}
          selectClassName={tallSelect}
          value={filters.trigger}
          allLabel={t("anyTrigger")}
          options={SYNC_TRIGGERS.map((v) => ({ value: v, label: labels.trigger(v) }))}
          onChange={(v) => onChange({ trigger: (v || undefined) as SyncLogFilters["trigger"] })}
        />
        <DateRangeFields
          id="sync-filter"
          labels={{ from: t("from"), to: t("to"), error: t("dateOrder") }}
          from={filters.from}
          to={filters.to}
          onChange={({ from, to }) => onChange({ from, to })}
          errorClassName="col-span-2 sm:col-span-3 lg:col-span-6"
        />
        {systemsFailed && (
          <p id="sync-filter-system-error" className="col-span-2 text-sm text-amber-700 sm:col-span-3 lg:col-span-6">
            {t("systemsFailed")}
          </p>
        )}
      </FilterFold>
      <div className={cn("mt-2 items-center justify-between gap-3 lg:flex", fold.open ? "flex" : "hidden")}>
        <p className="text-xs text-slate-500">{t("dateHint")}</p>
        {onClear && (
          <Button type="button" variant="ghost" size="sm" className="hidden lg:inline-flex" onClick={onClear}>
            {t("clear")}
          </Button>
        )}
      </div>
    </Card>
  );
}
