import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { externalSystems } from "@/db/schema";
import { getDb } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import { closeAbandonedRuns, requestSync } from "./engine";
import { isDue } from "./schedule";
import { deleteOldSyncLogs } from "./sync-logs";

/**
 * The per-minute part of the schedule (called by the periodic tick under either job driver): closes
 * abandoned runs, then starts a run for every active system whose interval or cron says it is due. Each
 * is requested with the event id `sync:{system}:{minute}`, and a system's `last_sync_at` moves when its
 * run starts, so a tick that runs twice in one minute starts nothing twice.
 */
export async function startDueSyncs(now = new Date()): Promise<{ started: number[]; skipped: number[] }> {
  const db = await getDb();
  await closeAbandonedRuns(db);
  const systems = await db
    .select()
    .from(externalSystems)
    .where(and(eq(externalSystems.isActive, true), inArray(externalSystems.type, ["jira", "zendesk"])));
  const timeZone = getEnv().APP_TIMEZONE;
  const minute = now.toISOString().slice(0, 16);
  const started: number[] = [];
  const skipped: number[] = [];
  for (const system of systems) {
    const due = isDue(
      { intervalSeconds: system.syncIntervalSeconds, cronExpression: system.cronExpression },
      { now, lastRunAt: system.lastSyncAt, createdAt: system.createdAt, timeZone },
    );
    if (!due) continue;
    try {
      await requestSync(system.id, { trigger: "auto", eventId: `sync:${system.id}:${minute}` });
      started.push(system.id);
    } catch (e) {
      // Still running from an earlier tick, or already requested this minute: nothing to do.
      if (e instanceof AppError && e.code === "conflict") skipped.push(system.id);
      else getLogger().error({ err: e, systemId: system.id }, "scheduled sync could not start");
    }
  }
  return { started, skipped };
}

/** Retention of the sync log (days); the daily cleanup deletes finished runs older than this. */
export const syncLogRetentionDays = () => getEnv().SYNC_LOG_RETENTION_DAYS;

/** The daily cleanup (seed 000's "日志清理"): finished runs older than the retention are deleted. */
export async function cleanOldSyncLogs(now = new Date()): Promise<{ deleted: number; retention_days: number }> {
  const days = syncLogRetentionDays();
  return { deleted: await deleteOldSyncLogs(days, now), retention_days: days };
}
