"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { ListSkeleton } from "@/components/tickets/ticket-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/field";
import type { QuickView, WorkOrderDto, WorkOrderPage, WorkOrderStatistics } from "./constants";
import { WorkOrderDetailDialog } from "./detail-dialog";
import { FilterPanel } from "./filter-panel";
import { PaginationBar } from "./pagination-bar";
import { SummaryRow } from "./summary-row";
import { hasActiveFilters, toQueryString, useWorkOrderFilters } from "./use-work-order-filters";
import { NowProvider } from "./use-work-order-format";
import { WorkOrderCards, WorkOrderTable } from "./work-order-rows";
import { useErrorMessage } from "@/components/api/use-error-message";

/**
 * The synced work orders: summary numbers, filters in the URL, a table on desktop and cards on a
 * phone, and the detail in a dialog (`?open=<id>`). Everything comes from the API; edits go through
 * the page's server actions.
 */
export function WorkOrdersView({ canWrite, canManageSystems }: { canWrite: boolean; canManageSystems: boolean }) {
  const t = useTranslations("workOrders");
  const describeError = useErrorMessage();
  const { filters, request, setFilters, showView, clearFilters, openDetail, dropDetail } = useWorkOrderFilters();
  /** Whether this page pushed the `open` entry, so closing can step back instead of adding one. */
  const openedHere = useRef(false);

  const stats = useQuery({
    queryKey: queryKeys.workOrders.statistics,
    queryFn: ({ signal }) => fetchJson<WorkOrderStatistics>("/api/work-orders/statistics/", { signal }),
    staleTime: 30_000,
  });
  const list = useQuery({
    queryKey: queryKeys.workOrders.list(request?.params ?? {}),
    queryFn: ({ signal }) => fetchJson<WorkOrderPage>(`${request!.url}?${toQueryString(request!.params)}`, { signal }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });

  const active = hasActiveFilters(filters);
  const data = request ? list.data : undefined;

  function open(w: WorkOrderDto) {
    openedHere.current = true;
    openDetail(w.id);
  }
  function close() {
    if (!new URLSearchParams(window.location.search).has("open")) return; // already closed (back button)
    if (openedHere.current) {
      openedHere.current = false;
      window.history.back();
    } else {
      dropDetail();
    }
  }
  const toPage = (page: number) => {
    setFilters({ page });
    window.scrollTo({ top: 0 });
  };

  return (
    <NowProvider>
      <div className="space-y-4">
        <SummaryRow stats={stats} view={filters.view} filtered={active} onView={showView} />
        <FilterPanel
          filters={filters}
          systems={stats.data?.by_system}
          systemsFailed={stats.isError}
          onChange={setFilters}
          onClear={active ? clearFilters : undefined}
        />
        {filters.view && <ViewNotice view={filters.view} onLeave={clearFilters} />}

        <div aria-live="polite" className="sr-only">
          {data && !list.isPlaceholderData ? t("list.resultCount", { count: data.count }) : ""}
        </div>

        <ListArea
          state={
            !request
              ? { kind: "badRange" }
              : list.isError && !data
                ? { kind: "failed", message: describeError(list.error) }
                : !data
                  ? { kind: "loading" }
                  : { kind: "ready", page: data, stale: list.isPlaceholderData, refreshFailed: list.isError }
          }
          busy={list.isFetching}
          onRetry={() => void list.refetch()}
        >
          {(page) =>
            page.results.length === 0 ? (
              <EmptyState
                kind={page.count > 0 ? "page" : (filters.view ?? (active ? "filtered" : "none"))}
                canManageSystems={canManageSystems}
                onClear={clearFilters}
                onFirstPage={() => setFilters({ page: 1 })}
              />
            ) : (
              <>
                <WorkOrderTable items={page.results} onOpen={open} />
                <WorkOrderCards items={page.results} onOpen={open} />
                <PaginationBar
                  page={filters.page}
                  pageSize={filters.page_size}
                  count={page.count}
                  onPage={toPage}
                  onPageSize={(page_size) => setFilters({ page_size })}
                />
              </>
            )
          }
        </ListArea>

        <WorkOrderDetailDialog
          id={filters.open}
          preview={data?.results.find((w) => w.id === filters.open)}
          canWrite={canWrite}
          onClose={close}
        />
      </div>
    </NowProvider>
  );
}

/** A text button inside a message; 44 px tall on a phone. */
const inlineAction = "inline-flex min-h-11 items-center font-medium underline sm:min-h-0";

type ListState =
  | { kind: "badRange" }
  | { kind: "failed"; message: string }
  | { kind: "loading" }
  | { kind: "ready"; page: WorkOrderPage; stale: boolean; refreshFailed: boolean };

/**
 * Where the list goes: a word about the due range (never sent while it runs backwards), the error with
 * a retry, the skeleton, or the page (dimmed while the next one loads, with a note if a refresh failed).
 */
function ListArea({
  state,
  busy,
  onRetry,
  children,
}: {
  state: ListState;
  busy: boolean;
  onRetry: () => void;
  children: (page: WorkOrderPage) => React.ReactNode;
}) {
  const t = useTranslations("workOrders.list");
  switch (state.kind) {
    case "badRange":
      return <Card className="px-6 py-10 text-center text-sm text-slate-600">{t("fixRange")}</Card>;
    case "loading":
      return <ListSkeleton />;
    case "failed":
      return (
        <Alert tone="error" title={t("errorTitle")}>
          <p className="break-words">{state.message}</p>
          <Button size="sm" variant="secondary" className="mt-3 min-h-11 sm:min-h-0" onClick={onRetry} busy={busy}>
            {t("retry")}
          </Button>
        </Alert>
      );
    case "ready":
      return (
        <div className={cn("space-y-4 transition-opacity", state.stale && "opacity-60")} aria-busy={busy}>
          {state.refreshFailed && (
            <Alert tone="warning">
              {t("refreshFailed")}{" "}
              <button type="button" className={inlineAction} onClick={onRetry}>
                {t("retry")}
              </button>
            </Alert>
          )}
          {children(state.page)}
        </div>
      );
  }
}

function ViewNotice({ view, onLeave }: { view: QuickView; onLeave: () => void }) {
  const t = useTranslations("workOrders.views");
  return (
    <Alert tone="info">
      <span>{t(view)}</span>{" "}
      <button type="button" className={inlineAction} onClick={onLeave}>
        {t("showAll")}
      </button>
    </Alert>
  );
}

function EmptyState({
  kind,
  canManageSystems,
  onClear,
  onFirstPage,
}: {
  kind: "page" | "filtered" | "none" | QuickView;
  canManageSystems: boolean;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  const t = useTranslations("workOrders.empty");
  return (
    <Card className="px-6 py-12 text-center">
      <svg className="mx-auto size-10 text-slate-300" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M4 7h16M4 12h16M4 17h10M17 15l2 2 3-3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <p className="mt-3 font-medium text-slate-900">{t(`${kind}.title`)}</p>
      <p className="mx-auto mt-1 max-w-xl text-sm text-slate-500">{t(`${kind}.body`)}</p>
      {kind === "none" && (
        <p className="mx-auto mt-2 max-w-xl text-sm text-slate-500">
          {canManageSystems ? (
            <Link href="/admin/config" className="font-medium text-brand-700 underline">
              {t("none.configLink")}
            </Link>
          ) : (
            t("none.askAdmin")
          )}
        </p>
      )}
      <div className="mt-4 flex justify-center gap-2">
        {kind === "page" && (
          <Button variant="secondary" className="min-h-11 sm:min-h-0" onClick={onFirstPage}>
            {t("firstPage")}
          </Button>
        )}
        {(kind === "filtered" || kind === "overdue" || kind === "due_soon") && (
          <Button variant="secondary" className="min-h-11 sm:min-h-0" onClick={onClear}>
            {kind === "filtered" ? t("clearFilters") : t("showAll")}
          </Button>
        )}
      </div>
    </Card>
  );
}
