"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Button, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { useErrorMessage } from "@/components/api/use-error-message";
import { Alert } from "@/components/ui/field";
import { FilterFold, FilterToggle, useFilterFold } from "@/components/ui/filter-fold";
import { FilterSelect } from "@/components/ui/filter-select";
import type { TechnicianDto, TicketDto, TicketListDto } from "@/lib/tickets/dto";
import {
  ticketSorts as TICKET_SORTS,
  ticketStatuses as TICKET_STATUSES,
  type TicketStatus,
} from "@/lib/tickets/enums";
import { LIST_PAGE_SIZE } from "./constants";
import { KeywordSearch } from "./keyword-search";
import { LinkPending } from "./link-pending";
import { Pagination } from "./pagination";
import { TicketStatusBadge } from "./status-badge";
import { apiParams, hasActiveFilters, toQueryString, useTicketFilters, type TicketFilters } from "./use-ticket-filters";
import { useTicketFormat } from "./use-ticket-format";
import { formatSlot } from "@/components/format/slot";

const sortLabelKeys = {
  "-created_at": "createdDesc",
  created_at: "createdAsc",
  appointment_date: "appointmentAsc",
  "-appointment_date": "appointmentDesc",
} as const;

/** The staff ticket list: status tabs with counts, filters in the URL, a table on desktop, cards on a phone. */
export function TicketList() {
  const t = useTranslations("tickets");
  const describeError = useErrorMessage();
  const { filters, setFilters, clearFilters } = useTicketFilters();

  const listParams = useMemo(() => apiParams(filters), [filters]);
  const countParams = useMemo(() => {
    // Tabs count under every other filter, so they never depend on the tab, the page or the order.
    const { status: _s, page: _p, sort: _o, page_size: _z, ...rest } = apiParams(filters);
    return rest;
  }, [filters]);

  const list = useQuery({
    queryKey: queryKeys.tickets.list(listParams),
    queryFn: ({ signal }) => fetchJson<TicketListDto>(`/api/tickets?${toQueryString(listParams)}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const counts = useQuery({
    queryKey: queryKeys.tickets.counts(countParams),
    queryFn: ({ signal }) =>
      fetchJson<{ counts: Record<TicketStatus, number> }>(`/api/tickets/counts?${toQueryString(countParams)}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const technicians = useQuery({
    queryKey: queryKeys.technicians.all,
    queryFn: ({ signal }) => fetchJson<{ items: TechnicianDto[] }>("/api/technicians", { signal }),
    staleTime: 60_000,
  });

  const commitKeyword = useCallback(
    (q: string) => {
      const current = new URLSearchParams(window.location.search).get("q") ?? "";
      // Refining a search replaces the entry; starting or clearing one is a step the back button can undo.
      setFilters({ q: q || undefined }, { replace: Boolean(current && q) });
    },
    [setFilters],
  );

  const active = hasActiveFilters(filters);
  const data = list.data;

  return (
    <div className="space-y-4">
      <StatusTabs status={filters.status} counts={counts.data?.counts} onChange={(status) => setFilters({ status })} />
      <FilterPanel
        filters={filters}
        technicians={technicians.data?.items}
        techniciansFailed={technicians.isError}
        onChange={setFilters}
        onKeyword={commitKeyword}
        onClear={active ? clearFilters : undefined}
      />

      <div aria-live="polite" className="sr-only">
        {data && !list.isPlaceholderData
          ? t(data.total_is_capped ? "list.resultCountCapped" : "list.resultCount", { total: data.total })
          : ""}
      </div>

      {list.isError && !data ? (
        <Alert tone="error" title={t("list.errorTitle")}>
          <p>{describeError(list.error)}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => list.refetch()} busy={list.isFetching}>
              {t("list.retry")}
            </Button>
            {active && (
              <Button size="sm" variant="ghost" onClick={clearFilters}>
                {t("filters.clear")}
              </Button>
            )}
          </div>
        </Alert>
      ) : !data ? (
        <ListSkeleton />
      ) : data.items.length === 0 ? (
        <EmptyState
          beyondLastPage={data.total > 0}
          filtered={active}
          onClear={clearFilters}
          onFirstPage={() => setFilters({ page: 1 })}
        />
      ) : (
        <div
          className={cn("space-y-4 transition-opacity", list.isPlaceholderData && "opacity-60")}
          aria-busy={list.isFetching}
        >
          {list.isError && (
            <Alert tone="warning">
              {t("list.refreshFailed")}{" "}
              <button type="button" className="font-medium underline" onClick={() => list.refetch()}>
                {t("list.retry")}
              </button>
            </Alert>
          )}
          <TicketTable items={data.items} />
          <TicketCards items={data.items} />
          <Pagination
            page={data.page}
            pageCount={data.page_count}
            total={data.total}
            totalIsCapped={data.total_is_capped}
            pageSize={LIST_PAGE_SIZE}
            onPage={(page) => {
              setFilters({ page });
              window.scrollTo({ top: 0 });
            }}
          />
        </div>
      )}
    </div>
  );
}

function StatusTabs({
  status,
  counts,
  onChange,
}: {
  status: TicketStatus | undefined;
  counts: Record<TicketStatus, number> | undefined;
  onChange: (status: TicketStatus | undefined) => void;
}) {
  const t = useTranslations("tickets.list");
  const ts = useTranslations("common.status");
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
  const tabs: { value: TicketStatus | undefined; label: string; count: number | undefined }[] = [
    { value: undefined, label: t("allStatuses"), count: all },
    ...TICKET_STATUSES.map((s) => ({ value: s, label: ts(s), count: counts?.[s] })),
  ];
  return (
    <nav aria-label={t("statusTabs")} className="-mx-3 overflow-x-auto px-3 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-slate-200">
        {tabs.map((tab) => {
          const selected = tab.value === status;
          return (
            <li key={tab.value ?? "all"}>
              <button
                type="button"
                aria-pressed={selected}
                onClick={() => onChange(tab.value)}
                className={cn(
                  "-mb-px flex items-center gap-1.5 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
                  selected
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {tab.label}
                <span
                  className={cn(
                    "min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums",
                    selected ? "bg-brand-100 text-brand-700" : "bg-slate-100 text-slate-600",
                  )}
                >
                  {tab.count ?? "–"}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function FilterPanel({
  filters,
  technicians,
  techniciansFailed,
  onChange,
  onKeyword,
  onClear,
}: {
  filters: TicketFilters;
  technicians: TechnicianDto[] | undefined;
  techniciansFailed: boolean;
  onChange: (patch: Partial<TicketFilters>) => void;
  onKeyword: (q: string) => void;
  onClear?: () => void;
}) {
  const t = useTranslations("tickets.filters");
  const fold = useFilterFold("ticket-more-filters");
  const centers = useMemo(() => {
    const byId = new Map<string, string>();
    for (const tech of technicians ?? []) byId.set(tech.center.id, tech.center.name);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  }, [technicians]);
  const byCenter = useMemo(() => {
    const groups = new Map<string, { name: string; items: TechnicianDto[] }>();
    for (const tech of technicians ?? []) {
      const g = groups.get(tech.center.id) ?? { name: tech.center.name, items: [] };
      g.items.push(tech);
      groups.set(tech.center.id, g);
    }
    return [...groups.values()];
  }, [technicians]);
  const secondaryCount = [filters.technician_id, filters.center_id, filters.date_from, filters.date_to].filter(
    Boolean,
  ).length;

  return (
    <Card className="p-3 sm:p-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <KeywordSearch value={filters.q} onCommit={onKeyword} />
        <div className="flex items-end gap-2">
          <FilterSelect
            id="ticket-sort"
            label={t("sort")}
            className="min-w-0 flex-1 sm:w-52 sm:flex-none"
            value={filters.sort}
            options={TICKET_SORTS.map((s) => ({ value: s, label: t(`sortOption.${sortLabelKeys[s]}`) }))}
            onChange={(sort) => onChange({ sort: sort as TicketFilters["sort"] })}
          />
          <FilterToggle label={t("more")} className="h-[42px] sm:hidden" count={secondaryCount} {...fold.toggleProps} />
        </div>
      </div>

      <FilterFold {...fold.foldProps} className="mt-3 grid-cols-2 gap-3 sm:grid lg:grid-cols-4">
        <FilterSelect
          id="ticket-technician"
          label={t("technician")}
          className="col-span-2 sm:col-span-1"
          value={filters.technician_id}
          allLabel={t("anyTechnician")}
          options={[{ value: "unassigned", label: t("unassigned") }]}
          onChange={(id) => onChange({ technician_id: id || undefined })}
        >
          {byCenter.map((g) => (
            <optgroup key={g.name} label={g.name}>
              {g.items.map((tech) => (
                <option key={tech.id} value={tech.id}>
                  {tech.active ? tech.name : t("inactiveTechnician", { name: tech.name })}
                </option>
              ))}
            </optgroup>
          ))}
          {/* Keep a shared link's choice visible while the list loads or if it names someone unknown. */}
          {filters.technician_id &&
            filters.technician_id !== "unassigned" &&
            !technicians?.some((x) => x.id === filters.technician_id) && (
              <option value={filters.technician_id}>{t("selectedTechnician")}</option>
            )}
        </FilterSelect>
        <FilterSelect
          id="ticket-center"
          label={t("center")}
          className="col-span-2 sm:col-span-1"
          value={filters.center_id}
          allLabel={t("anyCenter")}
          options={centers.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(id) => onChange({ center_id: id || undefined })}
        >
          {filters.center_id && !centers.some((c) => c.id === filters.center_id) && (
            <option value={filters.center_id}>{t("selectedCenter")}</option>
          )}
        </FilterSelect>
        <DateRangeFields
          id="ticket-date"
          labels={{ from: t("dateFrom"), to: t("dateTo"), error: t("dateOrder") }}
          from={filters.date_from}
          to={filters.date_to}
          onChange={({ from, to }) => onChange({ date_from: from, date_to: to })}
          errorClassName="col-span-2 lg:col-span-4"
        />
        {techniciansFailed && (
          <p className="col-span-2 text-sm text-amber-700 lg:col-span-4">{t("techniciansFailed")}</p>
        )}
      </FilterFold>

      {onClear && (
        <div className="mt-3 flex justify-end border-t border-slate-100 pt-3">
          <Button type="button" size="sm" variant="ghost" onClick={onClear}>
            {t("clear")}
          </Button>
        </div>
      )}
    </Card>
  );
}

function TicketTable({ items }: { items: TicketDto[] }) {
  const t = useTranslations("tickets");
  const tc = useTranslations("common");
  const fmt = useTicketFormat();
  const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  return (
    <Card className="hidden overflow-hidden lg:block">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("list.tableCaption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              {t("columns.code")}
            </th>
            <th scope="col" className={th}>
              {t("columns.customer")}
            </th>
            <th scope="col" className={th}>
              {t("columns.appliance")}
            </th>
            <th scope="col" className={th}>
              {t("columns.district")}
            </th>
            <th scope="col" className={th}>
              {t("columns.appointment")}
            </th>
            <th scope="col" className={th}>
              {t("columns.status")}
            </th>
            <th scope="col" className={th}>
              {t("columns.technician")}
            </th>
            <th scope="col" className={th}>
              {t("columns.updated")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((ticket) => (
            <tr key={ticket.id} className="relative hover:bg-slate-50 focus-within:bg-brand-50">
              <td className="px-3 py-3 align-top">
                {/* The link's ::after covers the row, so the whole row opens the ticket. */}
                <Link
                  href={`/admin/tickets/${ticket.id}`}
                  className="inline-flex items-center gap-1.5 font-mono font-medium text-brand-700 after:absolute after:inset-0 hover:underline focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-brand-500"
                >
                  {ticket.code}
                  <LinkPending />
                </Link>
              </td>
              <td className="px-3 py-3 align-top">
                <div className="font-medium text-slate-900">{ticket.customer_name}</div>
                <div className="font-mono text-xs text-slate-500">{ticket.phone_masked}</div>
              </td>
              <td className="px-3 py-3 align-top">
                <div>
                  {tc.has(`appliance.${ticket.appliance_type}`)
                    ? tc(`appliance.${ticket.appliance_type}`)
                    : ticket.appliance_type}
                </div>
                {ticket.appliance_model && <div className="text-xs text-slate-500">{ticket.appliance_model}</div>}
              </td>
              <td className="px-3 py-3 align-top">
                <div>{ticket.district}</div>
                <div className="text-xs text-slate-500">{ticket.city}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-3 align-top">
                <div>{fmt.appointmentDay(ticket.appointment_date)}</div>
                <div className="text-xs text-slate-500">{formatSlot(ticket.appointment_slot)}</div>
              </td>
              <td className="px-3 py-3 align-top">
                <TicketStatusBadge status={ticket.status} />
              </td>
              <td className="px-3 py-3 align-top">
                {ticket.technician ? (
                  ticket.technician.name
                ) : (
                  <span className="text-slate-400">{t("list.unassigned")}</span>
                )}
              </td>
              <td
                className="whitespace-nowrap px-3 py-3 align-top text-slate-600"
                title={fmt.dateTime(ticket.updated_at)}
              >
                {fmt.shortDateTime(ticket.updated_at)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function TicketCards({ items }: { items: TicketDto[] }) {
  const t = useTranslations("tickets");
  const tc = useTranslations("common");
  const fmt = useTicketFormat();
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:hidden">
      {items.map((ticket) => (
        <li key={ticket.id}>
          <Link
            href={`/admin/tickets/${ticket.id}`}
            className="block rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500 active:bg-slate-50"
          >
            <div className="flex items-start justify-between gap-2">
              <span className="inline-flex items-center gap-1.5 font-mono text-sm font-semibold text-brand-700">
                {ticket.code}
                <LinkPending />
              </span>
              <TicketStatusBadge status={ticket.status} />
            </div>
            <div className="mt-2 flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium text-slate-900">{ticket.customer_name}</span>
              <span className="font-mono text-xs text-slate-500">{ticket.phone_masked}</span>
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("columns.appointment")}</dt>
              <dd className="text-slate-800">
                {fmt.appointmentDay(ticket.appointment_date)} {formatSlot(ticket.appointment_slot)}
              </dd>
              <dt className="text-slate-500">{t("columns.appliance")}</dt>
              <dd className="truncate text-slate-800">
                {tc.has(`appliance.${ticket.appliance_type}`)
                  ? tc(`appliance.${ticket.appliance_type}`)
                  : ticket.appliance_type}
                {ticket.appliance_model ? ` · ${ticket.appliance_model}` : ""}
              </dd>
              <dt className="text-slate-500">{t("columns.district")}</dt>
              <dd className="truncate text-slate-800">
                {ticket.city} {ticket.district}
              </dd>
              <dt className="text-slate-500">{t("columns.technician")}</dt>
              <dd className="text-slate-800">
                {ticket.technician ? (
                  ticket.technician.name
                ) : (
                  <span className="text-slate-400">{t("list.unassigned")}</span>
                )}
              </dd>
            </dl>
            <p className="mt-2 text-xs text-slate-500">
              {t("list.updatedAt", { time: fmt.shortDateTime(ticket.updated_at) })}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function EmptyState({
  beyondLastPage,
  filtered,
  onClear,
  onFirstPage,
}: {
  beyondLastPage: boolean;
  filtered: boolean;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  const t = useTranslations("tickets.list");
  return (
    <Card className="px-6 py-12 text-center">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        className="mx-auto size-10 text-slate-300"
      >
        <path
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M9 12h6m-6 4h6M9 8h6M5 4h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z"
        />
      </svg>
      <p className="mt-3 font-medium text-slate-900">
        {beyondLastPage ? t("emptyPage") : filtered ? t("emptyFiltered") : t("emptyAll")}
      </p>
      <p className="mt-1 text-sm text-slate-500">
        {beyondLastPage ? t("emptyPageHint") : filtered ? t("emptyFilteredHint") : t("emptyAllHint")}
      </p>
      <div className="mt-4 flex justify-center gap-2">
        {beyondLastPage && (
          <Button variant="secondary" onClick={onFirstPage}>
            {t("firstPage")}
          </Button>
        )}
        {filtered && (
          <Button variant={beyondLastPage ? "ghost" : "secondary"} onClick={onClear}>
            {t("clearFilters")}
          </Button>
        )}
      </div>
    </Card>
  );
}

export function ListSkeleton() {
  const t = useTranslations("common");
  return (
    <div role="status" aria-label={t("loading")}>
      <Card className="hidden p-4 lg:block">
        <div className="mb-4 h-4 w-full animate-pulse rounded bg-slate-100" />
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex gap-4 border-t border-slate-100 py-3">
            <div className="h-4 w-24 animate-pulse rounded bg-slate-200" />
            <div className="h-4 w-32 animate-pulse rounded bg-slate-200" />
            <div className="h-4 w-20 animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-20 animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-28 animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-16 animate-pulse rounded-full bg-slate-200" />
            <div className="h-4 flex-1 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </Card>
      <div className="grid gap-3 sm:grid-cols-2 lg:hidden">
        {Array.from({ length: 4 }, (_, i) => (
          <Card key={i} className="space-y-3 p-4">
            <div className="flex justify-between">
              <div className="h-4 w-28 animate-pulse rounded bg-slate-200" />
              <div className="h-4 w-14 animate-pulse rounded-full bg-slate-200" />
            </div>
            <div className="h-4 w-40 animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-full animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
          </Card>
        ))}
      </div>
      <span className="sr-only">
        <Spinner />
      </span>
    </div>
  );
}
