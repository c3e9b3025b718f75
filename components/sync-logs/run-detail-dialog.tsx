"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Button, Spinner } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/field";
import { ERROR_KINDS, isActiveStatus, LIVE_POLL_MS, type SyncRunDto } from "./constants";
import { useRunLabels } from "./labels";
import { RunStatusBadge } from "./run-status-badge";
import { useSyncFormat } from "./use-sync-format";
import { useErrorMessage } from "@/components/api/use-error-message";

interface ErrorDetail {
  kind?: string;
  status?: number;
  url?: string;
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** error_detail is a JSON object written by the engine; anything else is shown as the text it is. */
function parseErrorDetail(raw: string | null): ErrorDetail | string | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as ErrorDetail) : raw;
  } catch {
    return raw;
  }
}

interface Failure {
  external_id: string;
  reason: string;
}

function failuresOf(details: Record<string, unknown>): Failure[] {
  const list = details.failures;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f: unknown) => {
    if (!f || typeof f !== "object") return [];
    const { external_id, reason } = f as Record<string, unknown>;
    return [{ external_id: String(external_id ?? ""), reason: String(reason ?? "") }];
  });
}

/**
 * One run, linked by `?run=<id>`: every field, the message, the error in plain parts, the records that
 * failed. Polls while the run is pending or processing, so its counts move.
 */
export function RunDetailDialog({
  runId,
  fromList,
  onClose,
}: {
  runId: number | undefined;
  /** The run as the list has it, shown at once while the detail loads. */
  fromList: SyncRunDto | undefined;
  onClose: () => void;
}) {
  const t = useTranslations("syncLogs.detail");
  const describeError = useErrorMessage();
  const detail = useQuery({
    queryKey: queryKeys.syncLogs.detail(runId ?? 0),
    queryFn: ({ signal }) => fetchJson<SyncRunDto>(`/api/sync-logs/${runId}/`, { signal }),
    enabled: runId !== undefined,
    placeholderData: fromList,
    refetchInterval: (query) => (query.state.data && isActiveStatus(query.state.data.status) ? LIVE_POLL_MS : false),
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 1,
  });
  const run = detail.data;
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;

  return (
    <Dialog
      open={runId !== undefined}
      onClose={onClose}
      title={runId !== undefined ? t("title", { id: runId }) : ""}
      size="lg"
    >
      {/* First in the focus order, so opening the dialog does not land inside its content; the modal <dialog> is the positioning box. */}
      <button
        type="button"
        onClick={onClose}
        aria-label={t("close")}
        className="absolute right-2 top-2 inline-flex size-11 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      >
        <svg viewBox="0 0 20 20" className="size-5" aria-hidden="true">
          <path d="m5 5 10 10M15 5 5 15" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" />
        </svg>
      </button>
      <div className="space-y-4">
        {detail.isError && !run ? (
          <Alert tone="error" title={notFound ? t("notFoundTitle") : t("errorTitle")}>
            <p>{notFound ? t("notFoundBody") : describeError(detail.error)}</p>
            {!notFound && (
              <Button
                size="sm"
                variant="secondary"
                className="mt-2 h-11 sm:h-8"
                onClick={() => detail.refetch()}
                busy={detail.isFetching}
              >
                {t("retry")}
              </Button>
            )}
          </Alert>
        ) : !run ? (
          <div role="status" className="flex items-center gap-2 py-8 text-sm text-slate-500">
            <Spinner />
            {t("loading")}
          </div>
        ) : (
          <RunDetailBody run={run} fetchedAt={detail.dataUpdatedAt} refreshFailed={detail.isError} />
        )}
        <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:justify-end">
          {runId !== undefined && !notFound && (
            <CopyButton
              variant="secondary"
              className="h-11 sm:h-10"
              text={typeof window === "undefined" ? "" : `${window.location.origin}/admin/sync-logs?run=${runId}`}
              label={t("copyLink")}
              copiedLabel={t("copied")}
              failedLabel={t("copyFailed")}
            />
          )}
          <Button variant="primary" className="h-11 sm:h-10" onClick={onClose}>
            {t("close")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function RunDetailBody({
  run,
  fetchedAt,
  refreshFailed,
}: {
  run: SyncRunDto;
  fetchedAt: number;
  refreshFailed: boolean;
}) {
  const t = useTranslations("syncLogs.detail");
  const tc = useTranslations("syncLogs.counts");
  const ts = useTranslations("syncLogs.status");
  const labels = useRunLabels();
  const fmt = useSyncFormat();
  const active = isActiveStatus(run.status);
  const failures = failuresOf(run.details);
  const pages = typeof run.details.pages === "number" ? run.details.pages : null;
  const { pages: _pages, failures: _failures, ...otherDetails } = run.details;
  const error = parseErrorDetail(run.error_detail);
  // While running, the API has no duration yet: show how long it has been going, as of the last poll.
  const elapsed =
    active && run.started_at && fetchedAt ? Math.max(0, (fetchedAt - Date.parse(run.started_at)) / 1000) : null;

  const facts: [string, React.ReactNode][] = [
    [t("system"), labels.system(run)],
    [t("syncType"), labels.syncType(run.sync_type)],
    [t("trigger"), labels.trigger(run.trigger)],
    [t("created"), fmt.dateTime(run.created_at)],
    [t("started"), run.started_at ? fmt.dateTime(run.started_at) : t("notYet")],
    [t("completed"), run.completed_at ? fmt.dateTime(run.completed_at) : t("notYet")],
    [t("duration"), elapsed !== null ? t("elapsed", { duration: fmt.duration(elapsed) }) : fmt.duration(run.duration)],
    [t("requests"), fmt.count(run.request_count)],
    [t("pages"), pages === null ? t("none") : fmt.count(pages)],
  ];
  const counts: [string, number, string?][] = [
    [tc("total"), run.total_count],
    [tc("success"), run.success_count],
    [tc("failed"), run.failed_count, run.failed_count > 0 ? "text-red-700" : undefined],
    [tc("created"), run.created_count],
    [tc("updated"), run.updated_count],
    [tc("unchanged"), run.unchanged_count],
  ];

  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <RunStatusBadge status={run.status} />
        <span className="text-sm text-slate-600">
          {labels.system(run)} · {labels.syncType(run.sync_type)} · {labels.trigger(run.trigger)}
        </span>
      </div>
      {/* Announces the change of status, not every count that moves. */}
      <p aria-live="polite" className={active ? "text-sm text-blue-700" : "sr-only"}>
        {active ? t("live") : t("finished", { status: ts.has(run.status) ? ts(run.status) : run.status })}
      </p>
      {refreshFailed && <Alert tone="warning">{t("refreshFailed")}</Alert>}

      <section aria-labelledby="run-counts-heading">
        <h3 id="run-counts-heading" className="mb-2 text-sm font-semibold text-slate-900">
          {t("countsHeading")}
        </h3>
        <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6">
          {counts.map(([label, value, tone]) => (
            <div key={label} className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
              <dt className="truncate text-xs text-slate-500">{label}</dt>
              <dd className={`text-lg font-semibold tabular-nums ${tone ?? "text-slate-900"}`}>{fmt.count(value)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-1 text-xs text-slate-500">{tc("explain")}</p>
      </section>

      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {facts.map(([label, value]) => (
          <div
            key={label}
            className="flex justify-between gap-3 border-b border-slate-100 pb-1.5 sm:block sm:border-0 sm:pb-0"
          >
            <dt className="text-slate-500">{label}</dt>
            <dd className="text-right text-slate-900 sm:text-left">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="run-message-heading">
        <h3 id="run-message-heading" className="mb-1 text-sm font-semibold text-slate-900">
          {t("message")}
        </h3>
        <p className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-200">
          {run.message ?? t("noMessage")}
        </p>
      </section>

      {error !== null && <ErrorDetailView error={error} />}

      {(failures.length > 0 || run.failed_count > 0) && (
        <section aria-labelledby="run-failures-heading">
          <h3 id="run-failures-heading" className="mb-1 text-sm font-semibold text-slate-900">
            {t("failuresHeading")}
          </h3>
          {failures.length < run.failed_count && (
            <p className="mb-2 text-xs text-slate-500">
              {t("failuresPartial", { shown: failures.length, total: run.failed_count })}
            </p>
          )}
          {failures.length > 0 && (
            <div className="max-h-64 overflow-y-auto rounded-lg ring-1 ring-inset ring-slate-200" tabIndex={0}>
              <table className="w-full text-sm">
                <caption className="sr-only">{t("failuresHeading")}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-500">
                      {t("externalId")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-500">
                      {t("reason")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {failures.map((f, i) => (
                    <tr key={`${f.external_id}-${i}`}>
                      <td className="whitespace-nowrap px-3 py-2 align-top font-mono text-xs text-slate-800">
                        {f.external_id || t("none")}
                      </td>
                      <td className="break-words px-3 py-2 align-top text-slate-700">{f.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {Object.keys(otherDetails).length > 0 && (
        <details className="text-sm">
          <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-700 sm:min-h-0">
            {t("otherDetails")}
          </summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded-lg bg-slate-50 p-3 text-xs text-slate-800 ring-1 ring-inset ring-slate-200">
            {JSON.stringify(otherDetails, null, 2)}
          </pre>
        </details>
      )}
    </>
  );
}

function ErrorDetailView({ error }: { error: ErrorDetail | string }) {
  const t = useTranslations("syncLogs.detail");
  const te = useTranslations("syncLogs.errorKind");
  const fmt = useSyncFormat();
  if (typeof error === "string")
    return (
      <section aria-labelledby="run-error-heading">
        <h3 id="run-error-heading" className="mb-1 text-sm font-semibold text-red-800">
          {t("errorHeading")}
        </h3>
        <p className="whitespace-pre-wrap break-words rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-inset ring-red-200">
          {error}
        </p>
      </section>
    );
  const { kind, status, url, retryAfterSeconds, ...rest } = error;
  const knownKind = typeof kind === "string" && (ERROR_KINDS as readonly string[]).includes(kind) ? kind : null;
  const rows: { label: string; value: React.ReactNode; mono?: boolean }[] = [];
  if (kind !== undefined)
    rows.push({
      label: t("errorKind"),
      value: knownKind ? (
        <>
          <span className="font-medium">{te(`${knownKind}.label`)}</span>
          <span className="block text-red-800">{te(`${knownKind}.hint`)}</span>
        </>
      ) : (
        String(kind)
      ),
    });
  if (status !== undefined) rows.push({ label: t("httpStatus"), value: String(status), mono: true });
  if (url !== undefined) rows.push({ label: t("url"), value: String(url), mono: true });
  if (typeof retryAfterSeconds === "number")
    rows.push({ label: t("retryAfter"), value: fmt.duration(retryAfterSeconds) });
  for (const [key, value] of Object.entries(rest))
    rows.push({ label: key, value: typeof value === "string" ? value : JSON.stringify(value), mono: true });
  return (
    <section
      aria-labelledby="run-error-heading"
      className="rounded-lg bg-red-50 px-3 py-2 ring-1 ring-inset ring-red-200"
    >
      <h3 id="run-error-heading" className="mb-1 text-sm font-semibold text-red-800">
        {t("errorHeading")}
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-red-900">
        {rows.map(({ label, value, mono }) => (
          <div key={label} className="contents">
            <dt className="text-red-700">{label}</dt>
            <dd className={mono ? "min-w-0 break-all font-mono text-xs leading-5" : "min-w-0"}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
