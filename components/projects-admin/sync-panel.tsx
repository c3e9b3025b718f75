"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { syncProjectsAction } from "@/app/admin/projects/actions";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import type { ProjectSyncAnswer, SyncHistoryPage } from "./types";
import { useErrorMessage } from "@/components/api/use-error-message";

const runTone = { success: "green", partial: "amber", failed: "red", pending: "gray", processing: "blue" } as const;

/**
 * The last project syncs (seed 003's sync history) and "sync now": the answer lists the counts, how long
 * it took and every status change it found.
 */
export function ProjectSyncPanel({ canSync }: { canSync: boolean }) {
  const t = useTranslations("projects.sync");
  const describeError = useErrorMessage();
  const tStatus = useTranslations("projects.status");
  const queryClient = useQueryClient();
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ProjectSyncAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const history = useQuery({
    queryKey: queryKeys.projects.history,
    queryFn: ({ signal }) => fetchJson<SyncHistoryPage>("/api/projects/sync-history?page_size=5", { signal }),
  });

  async function syncNow() {
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      const result = await syncProjectsAction({ sync_type: "manual", force });
      if (result.ok) setAnswer(result.data);
      else setError(describeError(result.error));
      await queryClient.invalidateQueries({ queryKey: queryKeys.projects.all });
    } catch {
      setError(t("offline"));
    } finally {
      setBusy(false);
    }
  }

  const runs = history.data?.history ?? [];
  return (
    <Card className="space-y-3 p-4 sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
          <p className="text-sm text-slate-500">
            {runs[0] ? t("last", { at: runs[0].sync_time, status: t(`run.${runs[0].status}`) }) : t("never")}
          </p>
        </div>
        {canSync && (
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex min-h-11 items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" className="size-4" checked={force} onChange={(e) => setForce(e.target.checked)} />
              {t("force")}
            </label>
            <Button onClick={syncNow} busy={busy} aria-describedby="project-sync-result">
              {busy ? t("syncing") : t("syncNow")}
            </Button>
          </div>
        )}
      </div>

      <div id="project-sync-result" aria-live="polite">
        {error && <Alert>{error}</Alert>}
        {answer && (
          <Alert tone={answer.success ? "success" : "error"} title={answer.success ? t("done") : t("failed")}>
            <p>
              {t("summary", {
                total: answer.total,
                updated: answer.updated,
                unchanged: answer.unchanged,
                failed: answer.failed,
                duration: answer.duration,
              })}
            </p>
            {!answer.success && answer.message && <p className="mt-1">{answer.message}</p>}
            {answer.changes.length > 0 && (
              <ul className="mt-2 list-disc space-y-0.5 pl-5">
                {answer.changes.map((c) => (
                  <li key={c.project_id}>
                    {t("change", {
                      id: c.project_id,
                      from: tStatus(c.old_status),
                      to: tStatus(c.new_status),
                    })}
                    {c.notified ? ` · ${t("notified")}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>

      {runs.length > 0 && (
        <details className="group text-sm">
          <summary className="cursor-pointer py-2 text-brand-700">{t("history")}</summary>
          <ul className="divide-y divide-slate-100">
            {runs.map((run) => (
              <li key={run.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <span className="tabular-nums text-slate-700">{run.sync_time}</span>
                <Badge tone={runTone[run.status as keyof typeof runTone] ?? "gray"}>{t(`run.${run.status}`)}</Badge>
                <span className="text-slate-500">
                  {run.kind === "cleanup"
                    ? t("cleanupRun")
                    : t("runLine", {
                        trigger: t(`trigger.${run.sync_type}`),
                        total: run.total_projects,
                        updated: run.updated_count,
                        duration: run.duration ?? "—",
                      })}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
