import "server-only";
import { and, count, desc, eq, gt, ilike, inArray, lte, sql, type SQL } from "drizzle-orm";
import { externalSystems, projects, syncRuns } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { getDb, type DbOrTx } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import type { Locale } from "../i18n/config";
import { getLogger } from "../logger";
import { executeRun, requestSync, type RunRow } from "../sync/engine";
import { isDue } from "../sync/schedule";
import { deleteExpiredAccessLinks } from "./access-links";
import { effectiveCron, type CacheState, type ListProjectsQuery, type ProjectSyncBody } from "./schemas";
import { getProjectSyncConfig, getTimeDisplayConfig, wallClock } from "./sync-config";
import type { ProjectRunParams } from "./sync-target";
import type { ProjectStatus, ProjectType } from "./types";

/** A sync asked for over the API waits for its result at most this long; the next run continues. */
const REQUEST_SYNC_BUDGET_MS = 60_000;
/** An expired copy is kept this long (a library outage is ridden out on it) before the cleanup drops it. */
const EXPIRED_COPY_GRACE_MS = 24 * 60 * 60_000;

type SystemRow = typeof externalSystems.$inferSelect;

/** The one project library (external_systems allows one), or null. */
export async function projectLibrarySystem(db?: DbOrTx): Promise<SystemRow | null> {
  db ??= await getDb();
  const [row] = await db.select().from(externalSystems).where(eq(externalSystems.type, "project_library")).limit(1);
  return row ?? null;
}

export interface ProjectSyncAnswer {
  success: boolean;
  run_id: number;
  status: string;
  total: number;
  /** New and changed projects (seed 003 counts a new one as updated). */
  updated: number;
  created: number;
  unchanged: number;
  failed: number;
  sync_time: string;
  duration: string;
  message: string | null;
  changes: { project_id: string; old_status: ProjectStatus; new_status: ProjectStatus; notified: boolean }[];
  /** More changes than listed (the run's details name the first 500). */
  changes_truncated: boolean;
}

/**
 * Seed 003's "sync now": runs a project sync in this request and answers with what it found. The run
 * is an ordinary sync run (one at a time per system; 409 while another is going).
 */
export async function runProjectSync(body: ProjectSyncBody, locale: Locale): Promise<ProjectSyncAnswer> {
  const system = await projectLibrarySystem();
  if (!system) {
    throw new AppError("conflict", "No project library is set up yet: add one under Config center → External systems");
  }
  if (!system.isActive) throw new AppError("conflict", `${system.name} is paused; resume it before syncing`);
  const config = (await getProjectSyncConfig()).value;
  const params: ProjectRunParams = { types: body.project_types ?? config.sync_types, force: body.force };
  const run = await requestSync(system.id, { trigger: body.sync_type, params, dispatch: false });
  const done = await executeRun(run.id, { budgetMs: REQUEST_SYNC_BUDGET_MS });
  return toSyncAnswer(done, locale, (await getTimeDisplayConfig()).timezone);
}

export function toSyncAnswer(run: RunRow, locale: Locale, timeZone: string): ProjectSyncAnswer {
  const details = run.details as { changes?: ProjectSyncAnswer["changes"]; status_changes?: number };
  const changes = details.changes ?? [];
  return {
    success: run.status === "success" || run.status === "partial",
    run_id: run.id,
    status: run.status,
    total: run.totalCount,
    updated: run.createdCount + run.updatedCount,
    created: run.createdCount,
    unchanged: run.unchangedCount,
    failed: run.failedCount,
    sync_time: wallClock(run.startedAt ?? run.createdAt, timeZone),
    duration: formatDuration(run.durationMs, locale),
    message: run.message,
    changes,
    changes_truncated: (details.status_changes ?? changes.length) > changes.length,
  };
}

/** Seed 003 writes "5.6秒". */
export function formatDuration(ms: number | null, locale: Locale): string {
  const seconds = Math.round((ms ?? 0) / 100) / 10;
  return locale === "en" ? `${seconds} s` : `${seconds}秒`;
}

/** Seed 003's sync history: every project sync and cache cleanup, newest first. */
export async function projectSyncHistory(page: number, pageSize: number, locale: Locale) {
  const db = await getDb();
  const where = inArray(syncRuns.syncType, ["projects", "cleanup"]);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(syncRuns)
      .where(where)
      .orderBy(desc(syncRuns.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(syncRuns).where(where),
  ]);
  const timeZone = (await getTimeDisplayConfig()).timezone;
  return {
    history: rows.map((run) => ({
      id: run.id,
      sync_time: wallClock(run.startedAt ?? run.createdAt, timeZone),
      sync_type: run.trigger === "auto" ? "auto" : "manual",
      kind: run.syncType === "cleanup" ? "cleanup" : "sync",
      trigger: run.trigger,
      total_projects: run.totalCount,
      updated_count: run.createdCount + run.updatedCount,
      unchanged_count: run.unchangedCount,
      failed_count: run.failedCount,
      duration: run.durationMs === null ? null : formatDuration(run.durationMs, locale),
      status: run.status,
      message: run.message,
      error_detail: run.errorDetail,
      changes: (run.details as { changes?: unknown[] }).changes ?? [],
    })),
    pagination: { page, page_size: pageSize, total: total!.n },
  };
}

/** A copy is "expiring" in its last quarter-TTL (at most 10 minutes): seed 004's 即将过期 view. */
export const expiringWindowMinutes = (ttlMinutes: number) => Math.min(10, Math.max(1, Math.floor(ttlMinutes / 4)));

export function cacheStateOf(expiresAt: Date, ttlMinutes: number, now = Date.now()): CacheState {
  const left = expiresAt.getTime() - now;
  if (left <= 0) return "expired";
  return left <= expiringWindowMinutes(ttlMinutes) * 60_000 ? "expiring" : "fresh";
}

/** Staff's list of cached projects (seed 004's cache views as a filter), newest change first. */
export async function listCachedProjects(q: ListProjectsQuery) {
  const db = await getDb();
  const ttl = (await getProjectSyncConfig()).value.cache_ttl;
  const window = sql`now() + make_interval(mins => ${expiringWindowMinutes(ttl)})`;
  const stateFilter: Record<CacheState, SQL> = {
    expired: lte(projects.expiresAt, sql`now()`),
    expiring: and(gt(projects.expiresAt, sql`now()`), lte(projects.expiresAt, window))!,
    fresh: gt(projects.expiresAt, window),
  };
  const conditions = [
    q.type ? eq(projects.type, q.type) : undefined,
    q.status ? eq(projects.status, q.status) : undefined,
    q.keyword
      ? ilike(sql`(${projects.id} || ' ' || ${projects.title} || ' ' || ${projects.customerName})`, `%${escapeLike(q.keyword)}%`)
      : undefined,
  ];
  const where = and(...conditions, q.cache_state ? stateFilter[q.cache_state] : undefined);
  const [rows, [total], states] = await Promise.all([
    db
      .select()
      .from(projects)
      .where(where)
      .orderBy(desc(projects.remoteUpdatedAt), projects.id)
      .limit(q.page_size)
      .offset((q.page - 1) * q.page_size),
    db.select({ n: count() }).from(projects).where(where),
    // The three views' sizes under the other filters, for the tabs.
    db
      .select({
        fresh: sql<number>`count(*) filter (where ${stateFilter.fresh})::int`,
        expiring: sql<number>`count(*) filter (where ${stateFilter.expiring})::int`,
        expired: sql<number>`count(*) filter (where ${stateFilter.expired})::int`,
      })
      .from(projects)
      .where(and(...conditions)),
  ]);
  const now = Date.now();
  return {
    count: total!.n,
    page: q.page,
    page_size: q.page_size,
    cache_states: states[0] ?? { fresh: 0, expiring: 0, expired: 0 },
    cache_ttl: ttl,
    results: rows.map((r) => ({
      id: r.id,
      type: r.type as ProjectType,
      title: r.title,
      status: r.status as ProjectStatus,
      customer_name: r.customerName,
      phone: r.phoneMasked,
      cache_state: cacheStateOf(r.expiresAt, ttl, now),
      remote_updated_at: r.remoteUpdatedAt?.toISOString() ?? null,
      fetched_at: r.fetchedAt.toISOString(),
      cached_at: r.cachedAt.toISOString(),
      expires_at: r.expiresAt.toISOString(),
    })),
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The per-minute part of the project schedule: starts a sync when auto sync is on and the cron fired
 * since the later of the last run and the last save of the config (a saved cron takes over from the
 * next minute on, without an immediate catch-up run).
 */
export async function startDueProjectSync(now = new Date()): Promise<number | null> {
  const system = await projectLibrarySystem();
  if (!system?.isActive) return null;
  const stored = await getProjectSyncConfig();
  const config = stored.value;
  if (!config.auto_sync_enabled) return null;
  const since = [system.lastSyncAt, stored.updatedAt].filter((d): d is Date => d !== null);
  const lastRunAt = since.length ? new Date(Math.max(...since.map((d) => d.getTime()))) : null;
  const due = isDue(
    { intervalSeconds: 60, cronExpression: effectiveCron(config) },
    { now, lastRunAt, createdAt: system.createdAt, timeZone: getEnv().APP_TIMEZONE },
  );
  if (!due) return null;
  try {
    const params: ProjectRunParams = { types: config.sync_types, force: false };
    const run = await requestSync(system.id, {
      trigger: "auto",
      params,
      eventId: `sync:${system.id}:${now.toISOString().slice(0, 16)}`,
    });
    return run.id;
  } catch (e) {
    if (e instanceof AppError && e.code === "conflict") return null;
    getLogger().error({ err: e, systemId: system.id }, "scheduled project sync could not start");
    return null;
  }
}

/**
 * The daily cleanup (seed 004's two procedures): cached copies expired for more than a day, and links
 * past their expiry, are deleted. Logged as a `cleanup` run, so the sync history shows it.
 */
export async function cleanProjectCache(now = new Date(), actor: Actor | null = null) {
  const db = await getDb();
  const started = Date.now();
  const removed = await db
    .delete(projects)
    .where(lte(projects.expiresAt, new Date(now.getTime() - EXPIRED_COPY_GRACE_MS)))
    .returning({ id: projects.id });
  const links = await deleteExpiredAccessLinks(now);
  const system = await projectLibrarySystem(db);
  const total = removed.length + links;
  const [run] = await db
    .insert(syncRuns)
    .values({
      systemId: system?.id ?? null,
      systemName: system?.name ?? "Project cache",
      syncType: "cleanup",
      trigger: actor ? "manual" : "auto",
      status: "success",
      totalCount: total,
      successCount: total,
      message: `Removed ${removed.length} cached projects expired for more than a day and ${links} expired links`,
      details: { projects_removed: removed.length, links_removed: links },
      startedAt: new Date(started),
      completedAt: sql`now()`,
      durationMs: Date.now() - started,
    })
    .returning();
  return { projects_removed: removed.length, links_removed: links, run_id: run!.id };
}
