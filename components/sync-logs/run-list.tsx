"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonClasses, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { isActiveStatus, type SyncRunDto } from "./constants";
import { useRunLabels } from "./labels";
import { RunStatusBadge } from "./run-status-badge";
import { useSyncFormat } from "./use-sync-format";

/** Opens a run's detail: a real link (so it can be opened in a new tab or copied) that opens the dialog in place. */
export interface RunLinkProps {
  hrefFor: (id: number) => string;
  onOpen: (id: number) => void;
}

const openInPlace = (e: React.MouseEvent, id: number, onOpen: (id: number) => void) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  onOpen(id);
};

/** Records of a run: total = success + failed, and success split into new / updated / unchanged. */
function Counts({ run, compact }: { run: SyncRunDto; compact?: boolean }) {
  const t = useTranslations("syncLogs.counts");
  const fmt = useSyncFormat();
  return (
    <div className={cn("tabular-nums", compact && "text-sm")}>
      <div className="whitespace-nowrap text-slate-900">
        {t("totalLine", { total: fmt.count(run.total_count), success: fmt.count(run.success_count) })}
        {run.failed_count > 0 && (
          <span className="ml-1 font-medium text-red-700">
            {t("failedShort", { failed: fmt.count(run.failed_count) })}
          </span>
        )}
      </div>
      <div className="whitespace-nowrap text-xs text-slate-500">
        {t("splitLine", {
          created: fmt.count(run.created_count),
          updated: fmt.count(run.updated_count),
          unchanged: fmt.count(run.unchanged_count),
        })}
      </div>
    </div>
  );
}

function Duration({ run }: { run: SyncRunDto }) {
  const t = useTranslations("syncLogs.list");
  const fmt = useSyncFormat();
  if (isActiveStatus(run.status))
    return (
      <span className="inline-flex items-center gap-1.5 text-blue-700">
        <Spinner className="size-3.5" />
        {run.status === "pending" ? t("waiting") : t("running")}
      </span>
    );
  return <>{fmt.duration(run.duration)}</>;
}

function Started({ run }: { run: SyncRunDto }) {
  const t = useTranslations("syncLogs.list");
  const fmt = useSyncFormat();
  const at = run.started_at ?? run.created_at;
  return (
    <span title={fmt.dateTime(at)}>
      {fmt.shortDateTime(at)}
      {!run.started_at && <span className="block text-xs text-slate-500">{t("queued")}</span>}
    </span>
  );
}

export function RunsTable({ runs, hrefFor, onOpen }: { runs: SyncRunDto[] } & RunLinkProps) {
  const t = useTranslations("syncLogs");
  const labels = useRunLabels();
  const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 whitespace-nowrap";
  const td = "px-3 py-3 align-top";
  return (
    <Card className="hidden overflow-hidden lg:block">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("list.tableCaption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {(["id", "system", "type", "trigger", "status", "records", "duration", "started", "message"] as const).map(
              (c) => (
                <th key={c} scope="col" className={th}>
                  {t(`columns.${c}`)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} className="relative hover:bg-slate-50 focus-within:bg-brand-50">
              <td className={td}>
                {/* The link's ::after covers the row, so the whole row opens the run. */}
                <a
                  href={hrefFor(run.id)}
                  onClick={(e) => openInPlace(e, run.id, onOpen)}
                  aria-label={t("list.openRun", { id: run.id })}
                  className="font-mono font-medium text-brand-700 after:absolute after:inset-0 hover:underline focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-brand-500"
                >
                  #{run.id}
                </a>
              </td>
              <td className={cn(td, "max-w-48 break-words font-medium text-slate-900")}>{labels.system(run)}</td>
              <td className={cn(td, "whitespace-nowrap")}>{labels.syncType(run.sync_type)}</td>
              <td className={cn(td, "whitespace-nowrap")}>{labels.trigger(run.trigger)}</td>
              <td className={td}>
                <RunStatusBadge status={run.status} />
              </td>
              <td className={td}>
                <Counts run={run} />
              </td>
              <td className={cn(td, "whitespace-nowrap tabular-nums")}>
                <Duration run={run} />
              </td>
              <td className={cn(td, "whitespace-nowrap text-slate-600")}>
                <Started run={run} />
              </td>
              <td className={cn(td, "max-w-xs text-slate-600")}>
                <p className="truncate" title={run.message ?? undefined}>
                  {run.message ?? <span className="text-slate-400">{t("list.noMessage")}</span>}
                </p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export function RunCards({ runs, hrefFor, onOpen }: { runs: SyncRunDto[] } & RunLinkProps) {
  const t = useTranslations("syncLogs");
  const labels = useRunLabels();
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:hidden">
      {runs.map((run) => (
        <li key={run.id}>
          <a
            href={hrefFor(run.id)}
            onClick={(e) => openInPlace(e, run.id, onOpen)}
            className="block rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500 active:bg-slate-50"
          >
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <span className="font-mono text-sm font-semibold text-brand-700">#{run.id}</span>
                <span className="ml-2 font-medium text-slate-900">{labels.system(run)}</span>
              </div>
              <RunStatusBadge status={run.status} />
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {labels.syncType(run.sync_type)} · {labels.trigger(run.trigger)}
            </p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("columns.records")}</dt>
              <dd>
                <Counts run={run} compact />
              </dd>
              <dt className="text-slate-500">{t("columns.duration")}</dt>
              <dd className="tabular-nums text-slate-800">
                <Duration run={run} />
              </dd>
              <dt className="text-slate-500">{t("columns.started")}</dt>
              <dd className="text-slate-800">
                <Started run={run} />
              </dd>
            </dl>
            {run.message && <p className="mt-2 line-clamp-2 text-sm text-slate-600">{run.message}</p>}
          </a>
        </li>
      ))}
    </ul>
  );
}

const emptyIcon = "M4 12a8 8 0 0 1 13.7-5.6L20 8.7M20 4v4.7h-4.7M20 12a8 8 0 0 1-13.7 5.6L4 15.3M4 20v-4.7h4.7";

/** No runs at all (with the way to add a system), none matching the filters, or a page past the end. */
export function RunsEmpty({
  beyondLastPage,
  filtered,
  isAdmin,
  onClear,
  onFirstPage,
}: {
  beyondLastPage: boolean;
  filtered: boolean;
  isAdmin: boolean;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  const t = useTranslations("syncLogs.empty");
  const kind = beyondLastPage ? "page" : filtered ? "filtered" : "none";
  const hint = kind === "none" ? (isAdmin ? "noneHintAdmin" : "noneHint") : `${kind}Hint`;
  return (
    <Card className="flex flex-col items-center px-6 py-12 text-center">
      <svg viewBox="0 0 24 24" className="size-10 text-slate-300" aria-hidden="true">
        <path d={emptyIcon} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" />
      </svg>
      <h3 className="mt-3 font-medium text-slate-900">{t(`${kind}Title`)}</h3>
      <p className="mt-1 max-w-md text-sm text-slate-500">{t(hint)}</p>
      <div className="mt-4 flex flex-wrap justify-center gap-2 empty:hidden">
        {kind === "none" && isAdmin && (
          <Link href="/admin/config" className={cn(buttonClasses("primary"), "h-11")}>
            {t("toConfig")}
          </Link>
        )}
        {beyondLastPage && (
          <Button variant="secondary" className="h-11" onClick={onFirstPage}>
            {t("firstPage")}
          </Button>
        )}
        {filtered && (
          <Button variant={beyondLastPage ? "ghost" : "secondary"} className="h-11" onClick={onClear}>
            {t("clearFilters")}
          </Button>
        )}
      </div>
    </Card>
  );
}

const bar = (w: string, strong = false) => (
  <div className={cn("h-4 animate-pulse rounded", w, strong ? "bg-slate-200" : "bg-slate-100")} />
);

/** The shape of the table (desktop) or the cards (phone) while the first page loads. */
export function RunsSkeleton() {
  const t = useTranslations("syncLogs.list");
  const columns = ["w-10", "w-28", "w-16", "w-12", "w-14", "w-24", "w-16", "flex-1"];
  return (
    <div role="status" aria-label={t("loading")}>
      <Card className="hidden divide-y divide-slate-100 px-4 py-2 lg:block">
        {Array.from({ length: 9 }, (_, row) => (
          <div key={row} className="flex gap-4 py-3">
            {columns.map((w, i) => (
              <div key={i} className={cn(w === "flex-1" ? "flex-1" : "shrink-0")}>
                {bar(w === "flex-1" ? "w-full" : w, row > 0 && i % 2 === 0)}
              </div>
            ))}
          </div>
        ))}
      </Card>
      <ul className="grid gap-3 sm:grid-cols-2 lg:hidden">
        {Array.from({ length: 4 }, (_, i) => (
          <li key={i}>
            <Card className="space-y-3 p-4">
              {bar("w-3/5", true)}
              {bar("w-1/3")}
              {bar("w-full")}
              {bar("w-2/3")}
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
