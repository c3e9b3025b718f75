"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import {
  deleteSystemAction,
  setSystemActiveAction,
  syncSystemAction,
  testConnectionAction,
} from "@/app/admin/config/systems/actions";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/field";
import type { SyncRunDto } from "@/lib/sync/run-dto";
import type { SystemDto } from "@/lib/sync/systems";
import type { ConnectionCheck } from "@/lib/sync/types";
import { SystemFormDialog } from "./system-form";
import { useErrorMessage } from "@/components/api/use-error-message";

const statusTone: Record<string, BadgeTone> = {
  success: "green",
  partial: "amber",
  failed: "red",
  pending: "blue",
  processing: "blue",
};

type Notice = { tone: "success" | "error" | "info"; text: string } | null;

/** One external system: what it is, when it syncs, how its last run went, and what an admin can do. */
export function SystemCard({ system, timeZone, onChanged }: { system: SystemDto; timeZone: string; onChanged: () => void }) {
  const t = useTranslations("integrations.card");
  const describeError = useErrorMessage();
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState<null | "test" | "sync" | "toggle">(null);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });
  const nextRun = system.schedule.next_runs[0];

  async function run<T>(kind: "test" | "sync" | "toggle", action: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string; code: string } }>, ok: (data: T) => void) {
    setBusy(kind);
    setNotice(null);
    try {
      const result = await action();
      if (result.ok) ok(result.data);
      else setNotice({ tone: "error", text: describeError(result.error) });
    } catch {
      setNotice({ tone: "error", text: t("offline") });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card className="p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-base font-semibold text-slate-900">{system.name}</h3>
            <Badge tone="indigo">{system.type === "jira" ? "Jira" : system.type === "zendesk" ? "Zendesk" : t("projectLibrary")}</Badge>
            {system.is_active ? <Badge tone="green">{t("active")}</Badge> : <Badge>{t("paused")}</Badge>}
          </div>
          <p className="mt-1 break-all text-sm text-slate-500">{system.api_url}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            busy={busy === "test"}
            onClick={() => run("test", () => testConnectionAction(system.id), (c) => setCheck(c))}
          >
            {t("test")}
          </Button>
          <Button
            busy={busy === "sync"}
            disabled={!!system.running_run_id}
            onClick={() =>
              run("sync", () => syncSystemAction(system.id), (r) => {
                setNotice({ tone: "info", text: t("syncStarted", { id: r.id }) });
                onChanged();
              })
            }
          >
            {system.running_run_id ? t("syncing") : t("syncNow")}
          </Button>
        </div>
      </div>

      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <Item label={t("credentials")}>
          {system.type === "project_library" ? (
            t("apiKeyState", { set: String(system.api_key_set) })
          ) : (
            <>
              {system.username ?? t("noUser")}
              <span className="block text-xs text-slate-500">
                {t("apiKeyState", { set: String(system.api_key_set) })} · {t("passwordState", { set: String(system.password_set) })}
              </span>
            </>
          )}
        </Item>
        <Item label={t("schedule")}>
          {system.schedule.kind === "project_sync" ? (
            <Link href="/admin/config/project-sync" className="text-brand-700 underline">
              <span className="font-mono">{system.schedule.cron}</span>
            </Link>
          ) : system.cron_expression ? (
            <span className="font-mono">{system.cron_expression}</span>
          ) : (
            t("everyMinutes", { minutes: Math.round(system.sync_interval / 60) })
          )}
          <span className="block text-xs text-slate-500">
            {nextRun ? t("nextRun", { at: when(nextRun), relative: format.relativeTime(new Date(nextRun), now) }) : t("noNextRun")}
          </span>
        </Item>
        <Item label={t("lastRun")}>
          {system.last_run ? (
            <>
              <Badge tone={statusTone[system.last_run.status] ?? "gray"}>{t(`status.${system.last_run.status}`)}</Badge>{" "}
              {system.last_run.started_at && <span className="text-slate-600">{when(system.last_run.started_at)}</span>}
              <Link href={`/admin/sync-logs?run=${system.last_run.id}`} className="block text-xs text-brand-700 underline">
                {t("openRun", { id: system.last_run.id })}
              </Link>
            </>
          ) : (
            <span className="text-slate-500">{t("neverRan")}</span>
          )}
        </Item>
        <Item label={t("settings")}>
          {system.type === "jira" && (system.settings.jql || system.settings.project_key)
            ? String(system.settings.jql ?? `project = ${system.settings.project_key}`)
            : t("noSettings")}
        </Item>
      </dl>

      {system.running_run_id && <RunProgress runId={system.running_run_id} onFinished={onChanged} />}
      {!system.running_run_id && system.last_run?.message && system.last_run.status !== "success" && (
        <p className="mt-3 text-sm text-slate-600">{system.last_run.message}</p>
      )}
      {check && (
        <Alert tone={check.ok ? "success" : "error"} className="mt-3" title={check.ok ? t("testOk") : t("testFailed")}>
          {check.message} · {t("latency", { ms: check.latency_ms })}
        </Alert>
      )}
      {notice && (
        <Alert tone={notice.tone} className="mt-3">
          {notice.text}
        </Alert>
      )}

      <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-3">
        <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
          {t("edit")}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          busy={busy === "toggle"}
          onClick={() => run("toggle", () => setSystemActiveAction(system.id, !system.is_active), () => onChanged())}
        >
          {system.is_active ? t("pause") : t("resume")}
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setDeleting(true)}>
          {t("delete")}
        </Button>
      </div>

      <SystemFormDialog
        open={editing}
        onClose={() => {
          setEditing(false);
          onChanged();
        }}
        system={system}
        timeZone={timeZone}
      />
      <DeleteDialog system={system} open={deleting} onClose={() => setDeleting(false)} onDeleted={onChanged} />
    </Card>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{children}</dd>
    </div>
  );
}

/** The running run's counts, polled every second until it ends. */
function RunProgress({ runId, onFinished }: { runId: number; onFinished: () => void }) {
  const t = useTranslations("integrations.card");
  const run = useQuery({
    queryKey: queryKeys.syncLogs.detail(runId),
    queryFn: () => fetchJson<SyncRunDto>(`/api/sync-logs/${runId}/`),
    refetchInterval: (q) => (q.state.data && !isRunning(q.state.data) ? false : 1000),
  });
  const r = run.data;
  const finished = r !== undefined && !isRunning(r);
  // The system's card shows the finished run from the list: refresh it once this run ends.
  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);
  return (
    <div role="status" aria-live="polite" className="mt-3 flex items-center gap-3 rounded-lg bg-blue-50 px-3 py-2 text-sm text-blue-900">
      <Spinner />
      <span>
        {r
          ? t("progress", {
              id: runId,
              total: r.total_count,
              created: r.created_count,
              updated: r.updated_count,
              pages: Number(r.details.pages ?? 0),
            })
          : t("starting")}
      </span>
      <Link href={`/admin/sync-logs?run=${runId}`} className="ml-auto text-blue-800 underline">
        {t("details")}
      </Link>
    </div>
  );
}

const isRunning = (r: SyncRunDto) => r.status === "pending" || r.status === "processing";

function DeleteDialog({ system, open, onClose, onDeleted }: { system: SystemDto; open: boolean; onClose: () => void; onDeleted: () => void }) {
  const t = useTranslations("integrations.delete");
  const describeError = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = await deleteSystemAction(system.id);
      if (result.ok) {
        onClose();
        onDeleted();
      } else setError(describeError(result.error));
    } catch {
      setError(t("offline"));
    } finally {
      setPending(false);
    }
  }
  return (
    <Dialog open={open} onClose={onClose} title={t("title", { name: system.name })}>
      <p className="text-sm text-slate-700">{t("body")}</p>
      {error && (
        <Alert className="mt-3">{error}</Alert>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          {t("cancel")}
        </Button>
        <Button variant="danger" busy={pending} onClick={confirm}>
          {t("confirm")}
        </Button>
      </div>
    </Dialog>
  );
}
