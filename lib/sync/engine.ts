import "server-only";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { externalSystems, syncRuns, workOrders, type ExternalSystemType, type SyncTrigger, type SyncType } from "@/db/schema";
import { sha256Hex } from "../crypto";
import { executeRows, getDb, type DbOrTx, type Tx } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { transactionWithEvents, type Emit } from "../jobs/outbox";
import { getLogger } from "../logger";
import { createProjectSyncTarget } from "../projects/sync-target";
import { workOrderAdapterFor } from "./adapters/registry";
import { RemoteError } from "./remote-http";
import { activeRunId, activeWorkOrderSystemIds, connectionOf, systemRowOrThrow, type SystemRow } from "./systems";
import type { MappedWorkOrder, PulledPage } from "./types";

/**
 * The sync engine, one for every sync type (work orders, projects). A run is:
 *
 *   begin    a `pending` sync_runs row — at most one active per system (a partial unique index), so a
 *            second request is refused with the running run's id — and a `sync/run.requested` event
 *   execute  pending → processing; page by page: map, upsert the page in ONE statement, and commit it
 *            together with the system's cursor and the run's counts in ONE transaction; so a run that
 *            stops anywhere (error, crash, budget) resumes from its last committed page next time, never
 *            skipping or doubling a record
 *   finish   success | partial (some records failed to map, or the time budget ended it) | failed
 *
 * Created / updated / unchanged are told apart by a content hash, so a page seen twice (the overlap of
 * an incremental sync, a retry after a crash) changes nothing. Memory stays flat: one page at a time.
 */

/** A run whose process died stops holding its system after this long without a heartbeat. */
export const STALE_RUN_MS = 5 * 60_000;
/** A pending run nobody picked up (the job driver lost it) is given up after this long. */
const STALE_PENDING_MS = 15 * 60_000;
/** Longest a run may take before it stops after its current page (the next run continues). */
export const DEFAULT_RUN_BUDGET_MS = 10 * 60_000;
/** Failures named in a run's details (the count is always complete). */
const MAX_NAMED_FAILURES = 50;
/** Keys of failed records handed to a target's finish(); more than this arrive as MAX + 1 keys. */
export const MAX_FAILED_KEYS = 1000;

export type RunRow = typeof syncRuns.$inferSelect;

/**
 * What a run of one sync type reads and how it writes a page; the engine does the rest (the run row,
 * counting, the cursor, one transaction per page, the budget, errors). Work orders are below; the
 * project cache's target is lib/projects/sync-target.ts.
 */
export interface SyncTarget<T> {
  /** Pages from where the system's cursor (or the run's own choice, e.g. a forced full sync) says. */
  pull(signal: AbortSignal): AsyncIterable<PulledPage<T>>;
  keyOf(record: T): string;
  /** Writes one page's records in the page's transaction; events emitted here commit with it. */
  commit(tx: Tx, emit: Emit, records: T[]): Promise<{ created: number; updated: number; unchanged: number }>;
  requestCount(): number;
  /** The listing ran to its end (not cut short by an error or the budget). */
  finish?(failedKeys: string[]): Promise<void>;
  /** More to keep in the run's details (the changes seen). */
  details?(): Record<string, unknown>;
}

/** What each kind of system syncs. */
const syncTypeOf: Partial<Record<ExternalSystemType, SyncType>> = {
  jira: "work_orders",
  zendesk: "work_orders",
  project_library: "projects",
};

async function targetFor(run: RunRow, system: SystemRow): Promise<SyncTarget<unknown>> {
  if (run.syncType === "projects") return (await createProjectSyncTarget(run, system)) as SyncTarget<unknown>;
  if (run.syncType === "work_orders") return workOrderTarget(system) as SyncTarget<unknown>;
  throw new AppError("invalid_input", `Runs of type ${run.syncType} are not executed by the sync engine`);
}

function workOrderTarget(system: SystemRow): SyncTarget<MappedWorkOrder> {
  const adapter = workOrderAdapterFor(connectionOf(system));
  return {
    pull: (signal) => adapter.pull({ cursor: system.cursor, signal }),
    keyOf: (r) => r.externalId,
    async commit(tx, _emit, records) {
      const written = await upsertWorkOrders(tx, system.id, records);
      const created = written.filter((w) => w.inserted).length;
      return { created, updated: written.length - created, unchanged: records.length - written.length };
    },
    requestCount: () => adapter.requestCount(),
  };
}

/**
 * Creates a pending run for the system and asks the job driver to execute it. Refused with 409 (and the
 * running run's id) while another run of the system is active.
 */
export async function requestSync(
  systemId: number,
  opts: {
    trigger: SyncTrigger;
    eventId?: string;
    /** What this run should do beyond the defaults (projects: `{ types, force }`), kept on the run. */
    params?: Record<string, unknown>;
    /** false: the caller executes the run itself (and waits for it) instead of the job driver. */
    dispatch?: boolean;
  },
): Promise<RunRow> {
  const db = await getDb();
  const system = await systemRowOrThrow(db, systemId);
  const syncType = syncTypeOf[system.type];
  if (!syncType) throw new AppError("invalid_input", `${system.name} is a ${system.type} system; there is nothing to sync from it yet`);
  await closeAbandonedRuns(db, systemId);
  try {
    return await transactionWithEvents(async (tx, emit) => {
      const [run] = await tx
        .insert(syncRuns)
        .values({ systemId, systemName: system.name, syncType, trigger: opts.trigger, details: opts.params ?? {} })
        .returning();
      // The schedule counts from the start of the latest run, whoever started it.
      await tx
        .update(externalSystems)
        .set({ lastSyncAt: sql`now()` })
        .where(eq(externalSystems.id, systemId));
      if (opts.dispatch !== false) {
        await emit({ name: "sync/run.requested", data: { runId: run!.id, systemId } }, { id: opts.eventId });
      }
      return run!;
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // The active run (or none: the unique event id of a tick already used this minute).
    const running = await activeRunId(db, systemId);
    throw new AppError("conflict", `A sync of ${system.name} is already running (run ${running ?? "?"})`, {
      running_run_id: running,
    });
  }
}

/** Starts a sync of every active work-order system; those already running are reported, not refused. */
export async function requestSyncAll(trigger: SyncTrigger) {
  const started: RunRow[] = [];
  const skipped: { system_id: number; reason: string; running_run_id: number | null }[] = [];
  for (const systemId of await activeWorkOrderSystemIds()) {
    try {
      started.push(await requestSync(systemId, { trigger }));
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "conflict") throw e;
      skipped.push({
        system_id: systemId,
        reason: e.message,
        running_run_id: (e.details?.running_run_id as number | null) ?? null,
      });
    }
  }
  return { started, skipped };
}

/**
 * A run left `processing` by a process that died (no heartbeat for STALE_RUN_MS), or `pending` with no
 * one to pick it up, is closed as failed so the system can sync again. Its committed pages stand.
 */
export async function closeAbandonedRuns(db: DbOrTx, systemId?: number): Promise<number> {
  const now = Date.now();
  const closed = await db
    .update(syncRuns)
    .set({
      status: "failed",
      completedAt: sql`now()`,
      message: sql`case when ${syncRuns.status} = 'pending' then 'Never started: no worker picked it up' else 'Interrupted: the process running it stopped. The next run continues from its last committed page.' end`,
    })
    .where(
      and(
        systemId === undefined ? sql`true` : eq(syncRuns.systemId, systemId),
        or(
          and(
            eq(syncRuns.status, "processing"),
            lt(sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.startedAt})`, isoTimestamp(now - STALE_RUN_MS)),
          ),
          and(
            eq(syncRuns.status, "pending"),
            lt(sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.createdAt})`, isoTimestamp(now - STALE_PENDING_MS)),
          ),
        ),
      ),
    )
    .returning({ id: syncRuns.id });
  return closed.length;
}

/**
 * The remote rate-limited us for longer than we wait in place, and the caller asked to yield: the run
 * went back to `pending` (its committed pages stand) for the job driver to resume after the wait.
 */
export class RunRateLimited extends Error {
  constructor(
    readonly runId: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`Sync run ${runId} is rate limited; resume in ${retryAfterSeconds} s`);
    this.name = "RunRateLimited";
  }
}

/** A time as a typed SQL value: compared with an expression, drizzle cannot tell postgres.js it is a timestamp. */
const isoTimestamp = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

export interface ExecuteOptions {
  signal?: AbortSignal;
  budgetMs?: number;
  /** `yield` (Inngest): on a long rate limit, put the run back to pending and throw RunRateLimited. */
  onRateLimited?: "fail" | "yield";
  /** Called after each committed page with the run's counts so far (the CLI's progress line). */
  onPage?: (progress: {
    pages: number;
    total: number;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
  }) => void;
}

/**
 * Executes a pending run to its end. Idempotent: a run that is no longer pending (another worker took
 * it, or a re-delivered event) is returned as it is.
 */
export async function executeRun(runId: number, opts: ExecuteOptions = {}): Promise<RunRow> {
  const db = await getDb();
  const [run] = await db
    .update(syncRuns)
    .set({ status: "processing", startedAt: sql`coalesce(${syncRuns.startedAt}, now())`, heartbeatAt: sql`now()` })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "pending")))
    .returning();
  if (!run) {
    const [existing] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    if (!existing) throw new AppError("not_found", `No sync run with id ${runId}`);
    return existing;
  }
  const counts = { pages: 0, requests: 0, total: 0, success: 0, failed: 0, created: 0, updated: 0, unchanged: 0 };
  const failures: { external_id: string; reason: string }[] = [];
  const failedKeys: string[] = [];
  let outcome: { status: "success" | "partial" | "failed"; message: string; errorDetail?: string };
  let target: SyncTarget<unknown> | null = null;
  try {
    if (run.systemId === null) throw new AppError("not_found", "The system of this run was deleted");
    const system = await systemRowOrThrow(db, run.systemId);
    const t = (target = await targetFor(run, system));
    const deadline = Date.now() + (opts.budgetMs ?? DEFAULT_RUN_BUDGET_MS);
    const signal = opts.signal ?? new AbortController().signal;
    let budgetEnded = false;
    for await (const page of readAhead(t.pull(signal))) {
      const mapped = uniqueBy(page.items.flatMap((i) => (i.ok ? [i.record] : [])), t.keyOf);
      const failed = page.items.flatMap((i) => (i.ok ? [] : [{ external_id: i.externalId, reason: i.reason }]));
      const written = await commitPage(run, t, mapped, page.nextCursor, {
        failed: failed.length,
        requests: page.requests,
      });
      counts.pages++;
      counts.requests += page.requests;
      counts.total += mapped.length + failed.length;
      counts.success += mapped.length;
      counts.failed += failed.length;
      counts.created += written.created;
      counts.updated += written.updated;
      counts.unchanged += written.unchanged;
      for (const f of failed) if (failures.length < MAX_NAMED_FAILURES) failures.push(f);
      // Enough to tell the target which records to leave alone; past that it is told "too many".
      for (const f of failed) if (failedKeys.length <= MAX_FAILED_KEYS) failedKeys.push(f.external_id);
      opts.onPage?.(counts);
      if (Date.now() > deadline) {
        budgetEnded = true;
        break;
      }
    }
    if (!budgetEnded) await t.finish?.(failedKeys);
    const summary = `${counts.total} records in ${counts.pages} pages: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged${counts.failed ? `, ${counts.failed} failed` : ""}`;
    outcome = budgetEnded
      ? { status: "partial", message: `Stopped at the time budget after ${summary}; the next run continues from here` }
      : counts.failed
        ? { status: "partial", message: `${summary}. Records that could not be read are listed in the details.` }
        : { status: "success", message: summary };
  } catch (e) {
    if (e instanceof RemoteError && e.kind === "rate_limited" && opts.onRateLimited === "yield") {
      const wait = e.details.retryAfterSeconds ?? 60;
      await db
        .update(syncRuns)
        .set({ status: "pending", message: `Waiting ${wait} s: ${e.message}`, heartbeatAt: sql`now()` })
        .where(eq(syncRuns.id, runId));
      throw new RunRateLimited(runId, wait);
    }
    const where = counts.pages
      ? ` after ${counts.pages} committed pages (${counts.total} records); the next run continues from there`
      : "";
    if (e instanceof RemoteError) {
      outcome = {
        status: "failed",
        message: `${e.message}${where}`,
        errorDetail: JSON.stringify({ kind: e.kind, ...e.details }),
      };
    } else if (e instanceof AppError) {
      outcome = { status: "failed", message: `${e.message}${where}` };
    } else {
      getLogger().error({ err: e, runId }, "sync run failed");
      outcome = { status: "failed", message: `Internal error${where}; see the server log for run ${runId}` };
    }
  }
  const requests = Math.max(counts.requests, target?.requestCount() ?? 0);
  const [finished] = await db
    .update(syncRuns)
    .set({
      status: outcome.status,
      message: outcome.message.slice(0, 2000),
      errorDetail: outcome.errorDetail?.slice(0, 2000) ?? null,
      requestCount: requests,
      // The run's parameters stay; what it saw is added.
      details: { ...run.details, pages: counts.pages, ...(failures.length ? { failures } : {}), ...target?.details?.() },
      completedAt: sql`now()`,
      // Seed 002's duration: completed − started (a run resumed after a rate limit counts its wait too).
      durationMs: sql`greatest(0, round(extract(epoch from (now() - ${syncRuns.startedAt})) * 1000))::int`,
    })
    .where(eq(syncRuns.id, runId))
    .returning();
  if (run.systemId !== null) {
    await db
      .update(externalSystems)
      .set({ lastSyncStatus: outcome.status })
      .where(eq(externalSystems.id, run.systemId));
  }
  return finished!;
}

/** One page, one transaction: the target's rows (and events), the system's cursor and the run's counts. */
async function commitPage<T>(
  run: RunRow,
  target: SyncTarget<T>,
  records: T[],
  nextCursor: Record<string, unknown>,
  extra: { failed: number; requests: number },
) {
  return transactionWithEvents(async (tx, emit) => {
    const { created, updated, unchanged } = records.length
      ? await target.commit(tx, emit, records)
      : { created: 0, updated: 0, unchanged: 0 };
    // Sent together: postgres.js pipelines them on the transaction's connection (one round trip).
    await Promise.all([
      tx.update(externalSystems).set({ cursor: nextCursor }).where(eq(externalSystems.id, run.systemId!)),
      tx
        .update(syncRuns)
        .set({
          totalCount: sql`${syncRuns.totalCount} + ${records.length + extra.failed}`,
          successCount: sql`${syncRuns.successCount} + ${records.length}`,
          failedCount: sql`${syncRuns.failedCount} + ${extra.failed}`,
          createdCount: sql`${syncRuns.createdCount} + ${created}`,
          updatedCount: sql`${syncRuns.updatedCount} + ${updated}`,
          unchangedCount: sql`${syncRuns.unchangedCount} + ${unchanged}`,
          requestCount: sql`${syncRuns.requestCount} + ${extra.requests}`,
          heartbeatAt: sql`now()`,
        })
        .where(eq(syncRuns.id, run.id)),
    ]);
    return { created, updated, unchanged };
  });
}

/**
 * Writes mapped work orders for a system; returns one row per record actually inserted or changed. A
 * row whose content hash did not change is not touched (and not returned), which is how unchanged
 * records are counted; `xmax = 0` tells a fresh insert from an update.
 *
 * The whole page travels as ONE jsonb parameter, unpacked by `jsonb_to_recordset`: building a
 * 100-row × 18-column VALUES list through the query builder cost more CPU than the database spent on
 * the page (profiled: half the engine's time), and one parameter is parsed by Postgres in C.
 */
export async function upsertWorkOrders(tx: DbOrTx, systemId: number, records: MappedWorkOrder[]) {
  const now = new Date().toISOString();
  const page = records.map((r) => ({
    external_id: r.externalId,
    external_key: r.externalKey,
    external_url: r.externalUrl,
    title: r.title,
    description: r.description,
    status: r.status,
    raw_status: r.rawStatus,
    priority: r.priority,
    raw_priority: r.rawPriority,
    assignee: r.assignee,
    requester: r.requester,
    due_at: r.dueAt?.toISOString() ?? null,
    external_created_at: r.externalCreatedAt?.toISOString() ?? null,
    external_updated_at: r.externalUpdatedAt?.toISOString() ?? null,
    raw: r.raw,
    content_hash: contentHash(r),
    deleted_at: r.deleted ? now : null,
  }));
  return executeRows<{ id: number; inserted: boolean }>(
    tx,
    sql`insert into ${workOrders} (system_id, external_id, external_key, external_url, title, description, status,
          raw_status, priority, raw_priority, assignee, requester, due_at, external_created_at, external_updated_at,
          raw, content_hash, deleted_at)
        select ${systemId}::int, p.external_id, p.external_key, p.external_url, p.title, p.description, p.status,
          p.raw_status, p.priority, p.raw_priority, p.assignee, p.requester, p.due_at, p.external_created_at,
          p.external_updated_at, p.raw, p.content_hash, p.deleted_at
        from jsonb_to_recordset(${JSON.stringify(page)}::jsonb) as p(external_id text, external_key text,
          external_url text, title text, description text, status text, raw_status text, priority text,
          raw_priority text, assignee text, requester text, due_at timestamptz, external_created_at timestamptz,
          external_updated_at timestamptz, raw jsonb, content_hash text, deleted_at timestamptz)
        on conflict (system_id, external_id) do update set
          external_key = excluded.external_key, external_url = excluded.external_url, title = excluded.title,
          description = excluded.description, status = excluded.status, raw_status = excluded.raw_status,
          priority = excluded.priority, raw_priority = excluded.raw_priority, assignee = excluded.assignee,
          requester = excluded.requester, due_at = excluded.due_at,
          external_created_at = excluded.external_created_at, external_updated_at = excluded.external_updated_at,
          raw = excluded.raw, content_hash = excluded.content_hash,
          -- A record deleted earlier keeps the moment we first saw it deleted.
          deleted_at = case when excluded.deleted_at is null then null
                            else coalesce(${workOrders}.deleted_at, excluded.deleted_at) end,
          synced_at = now(), updated_at = now()
        where ${workOrders}.content_hash is distinct from excluded.content_hash
        returning id, (xmax = 0) as inserted`,
  );
}

/** The remote's content as we store it: what changes when the remote record changes (raw excluded). */
function contentHash(r: MappedWorkOrder): string {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return sha256Hex(
    JSON.stringify([
      r.externalId,
      r.externalKey,
      r.externalUrl,
      r.title,
      r.description,
      r.status,
      r.rawStatus,
      r.priority,
      r.rawPriority,
      r.assignee,
      r.requester,
      iso(r.dueAt),
      iso(r.externalCreatedAt),
      iso(r.externalUpdatedAt),
      r.deleted,
    ]),
  );
}

/**
 * Asks for the next page as soon as the current one is handed out, so fetching page n+1 overlaps with
 * committing page n (the remote and the database work at the same time instead of taking turns). At
 * most one page waits in memory; a page fetched ahead but never committed is simply fetched again by
 * the next run, from the last committed cursor.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      // A failure of the page fetched ahead surfaces when the engine asks for it, not before.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    await it.return?.();
  }
}

/** A page listing one record twice (it changed while we paged) keeps its last version. */
function uniqueBy<T>(records: T[], keyOf: (r: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const r of records) byId.set(keyOf(r), r);
  return [...byId.values()];
}

/** Runs not finished, for a system or all (the CLI's --status). */
export async function activeRuns(db: DbOrTx) {
  return db
    .select()
    .from(syncRuns)
    .where(and(inArray(syncRuns.status, ["pending", "processing"]), sql`${syncRuns.systemId} is not null`));
}
