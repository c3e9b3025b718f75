import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { syncRuns } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { getDb } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { readSetting, saveSetting, type SettingDefinition } from "../settings/store";
import { cronProblem, nextRuns } from "../sync/schedule";
import {
  defaultProjectSyncConfig,
  effectiveCron,
  projectSyncConfigSchema,
  type ProjectSyncConfig,
} from "./schemas";
import { defaultTimeDisplay, formatInZone, timeDisplaySchema, type TimeDisplayConfig } from "./time-display";

/** Seed 003's two configs, kept in `settings`. */
export const projectSyncSetting: SettingDefinition<ProjectSyncConfig> = {
  key: "project_sync",
  schema: projectSyncConfigSchema,
  defaults: defaultProjectSyncConfig,
};
export const timeDisplaySetting: SettingDefinition<TimeDisplayConfig> = {
  key: "time_display",
  schema: timeDisplaySchema,
  defaults: defaultTimeDisplay,
};

export interface ProjectSyncConfigView {
  config: ProjectSyncConfig;
  /** When the last project sync finished (`YYYY-MM-DD HH:mm:ss` in the app's zone), or null. */
  last_sync_time: string | null;
  /** The next five times the schedule starts a sync (ISO), empty while auto sync is off. */
  next_runs: string[];
  /** The cron the schedule follows (the raw expression when set, else the preset). */
  effective_cron: string;
  updated_at: string | null;
}

export async function getProjectSyncConfig() {
  return readSetting(projectSyncSetting);
}

export async function projectSyncConfigView(): Promise<ProjectSyncConfigView> {
  const stored = await getProjectSyncConfig();
  const timeZone = getEnv().APP_TIMEZONE;
  const cron = effectiveCron(stored.value);
  return {
    config: stored.value,
    last_sync_time: await lastProjectSyncTime((await getTimeDisplayConfig()).timezone),
    next_runs: stored.value.auto_sync_enabled ? upcomingRuns(cron, timeZone) : [],
    effective_cron: cron,
    updated_at: stored.updatedAt?.toISOString() ?? null,
  };
}

/**
 * Saves the fields given (the rest keep their value). Both cron fields are checked with the
 * scheduler's own rules, so what is saved is what runs; a bad one is a 422 naming the field and why.
 */
export async function saveProjectSyncConfig(patch: Partial<ProjectSyncConfig>, actor: Actor): Promise<ProjectSyncConfigView> {
  const current = (await getProjectSyncConfig()).value;
  const next = projectSyncConfigSchema.parse({ ...current, ...patch });
  const timeZone = getEnv().APP_TIMEZONE;
  const fields: { path: string; message: string }[] = [];
  const presetProblem = cronProblem(next.sync_frequency, timeZone);
  if (presetProblem) fields.push({ path: "sync_frequency", message: presetProblem });
  if (next.cron_expression) {
    const rawProblem = cronProblem(next.cron_expression, timeZone);
    if (rawProblem) fields.push({ path: "cron_expression", message: rawProblem });
  }
  if (fields.length) throw new AppError("invalid_input", fields[0]!.message, { fields });
  const db = await getDb();
  await db.transaction((tx) => saveSetting(tx, projectSyncSetting, next, actor));
  return projectSyncConfigView();
}

export async function getTimeDisplayConfig(): Promise<TimeDisplayConfig> {
  return (await readSetting(timeDisplaySetting)).value;
}

export async function saveTimeDisplayConfig(patch: Partial<TimeDisplayConfig>, actor: Actor): Promise<TimeDisplayConfig> {
  const current = await getTimeDisplayConfig();
  const next = timeDisplaySchema.parse({ ...current, ...patch });
  const db = await getDb();
  await db.transaction((tx) => saveSetting(tx, timeDisplaySetting, next, actor));
  return next;
}

/** The next run times of a cron (ISO), for the API and the form's live preview. */
export function upcomingRuns(cron: string, timeZone: string, count = 5): string[] {
  if (cronProblem(cron, timeZone)) return [];
  return nextRuns({ intervalSeconds: 60, cronExpression: cron }, { from: new Date(), lastRunAt: null, timeZone, count }).map(
    (d) => d.toISOString(),
  );
}

/** Seed 003's `last_sync_time`: when the newest finished project sync ended, in the app's zone. */
async function lastProjectSyncTime(timeZone: string): Promise<string | null> {
  const db = await getDb();
  const [run] = await db
    .select({ completedAt: syncRuns.completedAt })
    .from(syncRuns)
    .where(and(eq(syncRuns.syncType, "projects"), inArray(syncRuns.status, ["success", "partial"])))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return run?.completedAt ? wallClock(run.completedAt, timeZone) : null;
}

/** `2024-02-02 15:30:00` in the zone: the seeds' way of writing a moment. */
export const wallClock = (at: Date, timeZone: string) => formatInZone(at, "YYYY-MM-DD HH:mm:ss", timeZone);
