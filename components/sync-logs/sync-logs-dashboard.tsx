"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTimeZone, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { toQueryString } from "@/components/tickets/use-ticket-filters";
import { Button, Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/field";
import { isActiveStatus, LIVE_POLL_MS, RUNS_PAGE_SIZE, type SyncRunPage, type SyncStatistics } from "./constants";
import { PerformanceSection } from "./performance-section";
import { RunDetailDialog } from "./run-detail-dialog";
import { RunFilters, type SystemChoice } from "./run-filters";
import { RunCards, RunsEmpty, RunsSkeleton, RunsTable } from "./run-list";
import { RunPagination } from "./pagination";
import { SummaryCards } from "./summary-cards";
import { apiFilterParams, hasActiveFilters, serializeSyncLogUrl, useSyncLogUrl } from "./use-sync-log-filters";
import { useErrorMessage } from "@/components/api/use-error-message";

const anyActive = (page: SyncRunPage | undefined) => Boolean(page?.results.some((r) => isActiveStatus(r.status)));

/**
 * The sync log page below its header: summary for the current filters, per-system performance, the
 * runs (live while one is running) and a run's detail in a dialog linked by `?run=<id>`.
 */
export function SyncLogsDashboard({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("syncLogs");
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const url = useSyncLogUrl();
  const { filters, setFilters, clearFilters, setRun } = url;
  const timeZone = useTimeZone() ?? "Asia/Shanghai";

  const filterParams = useMemo(() => apiFilterParams(filters, timeZone), [filters, timeZone]);
  const listParams = useMemo(
    () => ({ ...filterParams, page: filters.page, page_size: RUNS_PAGE_SIZE }),
    [filterParams, filters.page],
  );
  const active = hasActiveFilters(filters);

  const list = useQuery({
    queryKey: queryKeys.syncLogs.list(listParams),
    queryFn: ({ signal }) => fetchJson<SyncRunPage>(`/api/sync-logs/?${toQueryString(listParams)}`, { signal }),
    placeholderData: keepPreviousData,
    // Live while anything listed is still running: counts move every poll; it stops on its own.
    refetchInterval: (query) => (anyActive(query.state.data) ? LIVE_POLL_MS : false),
  });
  const stats = useQuery({
    queryKey: queryKeys.syncLogs.statistics(filterParams),
    queryFn: ({ signal }) =>
      fetchJson<SyncStatistics>(`/api/sync-logs/statistics/?${toQueryString(filterParams)}`, { signal }),
    placeholderData: keepPreviousData,
  });
  // The system choices come from the unfiltered statistics (the same request as the cards when nothing is filtered).
  const allStats = useQuery({
    queryKey: queryKeys.syncLogs.statistics({}),
    queryFn: ({ signal }) => fetchJson<SyncStatistics>("/api/sync-logs/statistics/", { signal }),
    staleTime: 60_000,
  });
  const systems = useMemo<SystemChoice[] | undefined>(
    () =>
      allStats.data?.by_system
        .flatMap((s) => (s.system_id === null ? [] : [{ id: s.system_id, name: s.system_name }]))
        .sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
    [allStats.data],
  );

  // When the last running sync finishes, the summary and the analysis have new finished runs to count.
  const running = anyActive(list.data);
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.syncLogs.all, "statistics"] });
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.syncLogs.all, "performance"] });
    }
    wasRunning.current = running;
  }, [running, queryClient]);

  // Opening a run from the list is a history entry, so closing it (or the back button) returns to the list;
  // a run opened from a shared link closes by dropping the parameter.
  const openedHere = useRef(false);
  const openRun = useCallback(
    (id: number) => {
      openedHere.current = true;
      setRun(id);
    },
    [setRun],
  );
  const closeRun = useCallback(() => {
    if (!new URLSearchParams(window.location.search).has("run")) return; // already closed (back button)
    if (openedHere.current) {
      openedHere.current = false;
      window.history.back();
    } else setRun(undefined, true);
  }, [setRun]);
  const hrefFor = useCallback(
    (id: number) => `/admin/sync-logs?${serializeSyncLogUrl({ filters, days: url.days, run: id })}`,
    [filters, url.days],
  );

  const data = list.data;
  const runFromList = url.run === undefined ? undefined : data?.results.find((r) => r.id === url.run);

  return (
    <div className="space-y-6">
      <SummaryCards
        stats={stats.data}
        isError={stats.isError}
        isFetching={stats.isFetching}
        isPlaceholder={stats.isPlaceholderData}
        filtered={active}
        onRetry={() => stats.refetch()}
      />

      <PerformanceSection days={url.days} onDays={url.setDays} />

      <section aria-labelledby="sync-runs-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="sync-runs-heading" className="text-lg font-semibold text-slate-900">
            {t("list.heading")}
          </h2>
          <p aria-live="polite" className={cn("text-sm", running ? "text-blue-700" : "sr-only")}>
            {running && (
              <span className="inline-flex items-center gap-1.5">
                <Spinner className="size-3.5" />
                {t("list.live")}
              </span>
            )}
          </p>
        </div>
        <RunFilters
          filters={filters}
          systems={systems}
          systemsFailed={allStats.isError}
          onChange={setFilters}
          onClear={active ? clearFilters : undefined}
        />

        <div aria-live="polite" className="sr-only">
          {data && !list.isPlaceholderData ? t("list.resultCount", { count: data.count }) : ""}
        </div>

        {list.isError && !data ? (
          <Alert tone="error" title={t("list.errorTitle")}>
            <p>{describeError(list.error)}</p>
            <div className="mt-3 flex flex-wrap gap-2">
              <Button
                size="sm"
                variant="secondary"
                className="h-11 sm:h-8"
                onClick={() => list.refetch()}
                busy={list.isFetching}
              >
                {t("list.retry")}
              </Button>
              {active && (
                <Button size="sm" variant="ghost" className="h-11 sm:h-8" onClick={clearFilters}>
                  {t("filters.clear")}
                </Button>
              )}
            </div>
          </Alert>
        ) : !data ? (
          <RunsSkeleton />
        ) : data.results.length === 0 ? (
          <RunsEmpty
            beyondLastPage={data.count > 0}
            filtered={active}
            isAdmin={isAdmin}
            onClear={clearFilters}
            onFirstPage={() => setFilters({ page: 1 })}
          />
        ) : (
          <div
            className={cn("space-y-4 transition-opacity", list.isPlaceholderData && "opacity-60")}
            aria-busy={list.isFetching && !running}
          >
            {list.isError && (
              <Alert tone="warning">
                {t("list.refreshFailed")}{" "}
                <button
                  type="button"
                  className="min-h-11 font-medium underline sm:min-h-0"
                  onClick={() => list.refetch()}
                >
                  {t("list.retry")}
                </button>
              </Alert>
            )}
            <RunsTable runs={data.results} hrefFor={hrefFor} onOpen={openRun} />
            <RunCards runs={data.results} hrefFor={hrefFor} onOpen={openRun} />
            <RunPagination
              page={filters.page}
              count={data.count}
              pageSize={RUNS_PAGE_SIZE}
              onPage={(page) => {
                setFilters({ page });
                document.getElementById("sync-runs-heading")?.scrollIntoView();
              }}
            />
          </div>
        )}
      </section>

      <RunDetailDialog runId={url.run} fromList={runFromList} onClose={closeRun} />
    </div>
  );
}
