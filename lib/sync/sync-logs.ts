import "server-only";
import { and, count, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { syncRuns, type SyncRunStatus, type SyncType } from "@/db/schema";
import { executeRows, getDb } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { toRunDto } from "./run-dto";
import type { syncLogFilters } from "./schemas";

type Filters = z.output<typeof syncLogFilters>;

function whereOf(f: Filters): SQL | undefined {
  const where: SQL[] = [];
  if (f.system_id) where.push(eq(syncRuns.systemId, f.system_id));
  if (f.sync_type) where.push(eq(syncRuns.syncType, f.sync_type));
  if (f.status) where.push(eq(syncRuns.status, f.status));
  if (f.trigger) where.push(eq(syncRuns.trigger, f.trigger));
  if (f.from) where.push(gte(syncRuns.createdAt, new Date(f.from)));
  if (f.to) where.push(lte(syncRuns.createdAt, new Date(f.to)));
  return where.length ? and(...where) : undefined;
}

/** Seed 000's sync-log list, newest first. */
export async function listSyncLogs(f: Filters, page: number, pageSize: number) {
  const db = await getDb();
  const where = whereOf(f);
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(syncRuns).where(where),
    db
      .select()
      .from(syncRuns)
      .where(where)
      .orderBy(desc(syncRuns.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  return { count: total!.n, results: rows.map(toRunDto) };
}

export async function getSyncLogOrThrow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id)).limit(1);
  if (!row) throw new AppError("not_found", `No sync run with id ${id}`);
  return toRunDto(row);
}

/** Seed 002's `GET /api/haier/logs/`: the newest `limit` runs, optionally of one type and status. */
export async function latestSyncLogs(opts: { syncType?: SyncType; status?: SyncRunStatus; limit: number }) {
  const db = await getDb();
  const where: SQL[] = [];
  if (opts.syncType) where.push(eq(syncRuns.syncType, opts.syncType));
  if (opts.status) where.push(eq(syncRuns.status, opts.status));
  const rows = await db
    .select()
    .from(syncRuns)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(syncRuns.id))
    .limit(opts.limit);
  return { count: rows.length, results: rows.map(toRunDto) };
}

/** Seed 000's statistics: success rate and average duration, overall, per system and per sync type. */
export async function syncLogStatistics(f: Filters) {
  const db = await getDb();
  const where = and(whereOf(f), inArray(syncRuns.status, ["success", "failed", "partial"]));
  const fields = {
    runs: count(),
    succeeded: sql<number>`count(*) filter (where ${syncRuns.status} = 'success')::int`,
    partial: sql<number>`count(*) filter (where ${syncRuns.status} = 'partial')::int`,
    failed: sql<number>`count(*) filter (where ${syncRuns.status} = 'failed')::int`,
    avgMs: sql<number | null>`avg(${syncRuns.durationMs})::float8`,
    records: sql<number>`coalesce(sum(${syncRuns.totalCount}), 0)::int`,
  };
  const [[overall], bySystem, byType] = await Promise.all([
    db.select(fields).from(syncRuns).where(where),
    db
      .select({ system_id: syncRuns.systemId, system_name: syncRuns.systemName, ...fields })
      .from(syncRuns)
      .where(where)
      .groupBy(syncRuns.systemId, syncRuns.systemName)
      .orderBy(syncRuns.systemName),
    db.select({ sync_type: syncRuns.syncType, ...fields }).from(syncRuns).where(where).groupBy(syncRuns.syncType),
  ]);
  const shape = (r: typeof overall & object) => ({
    runs: r.runs,
    success: r.succeeded,
    partial: r.partial,
    failed: r.failed,
    // Partial runs synced what they could: they count as neither a success nor a failure here.
    success_rate: r.runs ? Math.round((r.succeeded / r.runs) * 1000) / 1000 : null,
    average_duration: r.avgMs === null ? null : Math.round(r.avgMs) / 1000,
    records: r.records,
  });
  return {
    ...shape(overall!),
    by_system: bySystem.map((s) => ({ system_id: s.system_id, system_name: s.system_name, ...shape(s) })),
    by_sync_type: byType.map((t) => ({ sync_type: t.sync_type, ...shape(t) })),
  };
}

/** Failed and partial runs, newest first. */
export async function recentFailures(limit: number) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(syncRuns)
    .where(inArray(syncRuns.status, ["failed", "partial"]))
    .orderBy(desc(syncRuns.id))
    .limit(limit);
  return { count: rows.length, results: rows.map(toRunDto) };
}

/**
 * Seed 000's performance analysis, per system over the last `days`: runs, p50/p95 duration, records
 * per second, and a trend by day (in the app's time zone) of runs, success rate and duration.
 */
export async function performanceAnalysis(days: number, now = new Date()) {
  const db = await getDb();
  const since = new Date(now.getTime() - days * 86_400_000);
  const tz = getEnv().APP_TIMEZONE;
  const finished = sql`${syncRuns.status} in ('success', 'failed', 'partial') and ${syncRuns.syncType} <> 'manual' and ${syncRuns.createdAt} >= ${since.toISOString()}::timestamptz`;
  const perSystem = await executeRows<{
    system_id: number | null;
    system_name: string;
    runs: number;
    success_rate: number;
    p50_ms: number | null;
    p95_ms: number | null;
    records: number;
    total_ms: number | null;
  }>(
    db,
    sql`select ${syncRuns.systemId} as system_id, ${syncRuns.systemName} as system_name, count(*)::int as runs,
          (count(*) filter (where ${syncRuns.status} = 'success'))::float8 / count(*) as success_rate,
          percentile_cont(0.5) within group (order by ${syncRuns.durationMs})::float8 as p50_ms,
          percentile_cont(0.95) within group (order by ${syncRuns.durationMs})::float8 as p95_ms,
          coalesce(sum(${syncRuns.totalCount}), 0)::int as records,
          sum(${syncRuns.durationMs})::float8 as total_ms
        from ${syncRuns} where ${finished}
        group by ${syncRuns.systemId}, ${syncRuns.systemName} order by ${syncRuns.systemName}`,
  );
  const trend = await executeRows<{
    system_id: number | null;
    day: string;
    runs: number;
    success_rate: number;
    avg_ms: number | null;
    records: number;
  }>(
    db,
    sql`select ${syncRuns.systemId} as system_id,
          to_char(${syncRuns.createdAt} at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as runs,
          (count(*) filter (where ${syncRuns.status} = 'success'))::float8 / count(*) as success_rate,
          avg(${syncRuns.durationMs})::float8 as avg_ms, coalesce(sum(${syncRuns.totalCount}), 0)::int as records
        from ${syncRuns} where ${finished}
        group by 1, 2 order by 2, 1`,
  );
  const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);
  return {
    days,
    systems: perSystem.map((s) => ({
      system_id: s.system_id,
      system_name: s.system_name,
      runs: s.runs,
      success_rate: Math.round(s.success_rate * 1000) / 1000,
      p50_duration: seconds(s.p50_ms),
      p95_duration: seconds(s.p95_ms),
      records: s.records,
      records_per_second: s.total_ms ? Math.round((s.records / (s.total_ms / 1000)) * 10) / 10 : null,
      trend: trend
        .filter((t) => t.system_id === s.system_id)
        .map((t) => ({
          day: t.day,
          runs: t.runs,
          success_rate: Math.round(t.success_rate * 1000) / 1000,
          average_duration: seconds(t.avg_ms),
          records: t.records,
        })),
    })),
  };
}

/** Deletes finished runs older than `days` (the daily cleanup and the CLI's --clean-logs). */
export async function deleteOldSyncLogs(days: number, now = new Date()): Promise<number> {
  const db = await getDb();
  const deleted = await db
    .delete(syncRuns)
    .where(
      and(
        lte(syncRuns.createdAt, new Date(now.getTime() - days * 86_400_000)),
        inArray(syncRuns.status, ["success", "failed", "partial"]),
      ),
    )
    .returning({ id: syncRuns.id });
  return deleted.length;
}
