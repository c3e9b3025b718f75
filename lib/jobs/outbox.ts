import "server-only";
import { and, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { jobOutbox } from "@/db/schema";
import { getDb, type Tx } from "../db";
import { getEnv } from "../env";
import { getLogger } from "../logger";
import { jobEventSchemas, type JobEvent } from "./events";
import { inlineHandlers, type InlineHandler } from "./inline-handlers";

/**
 * Events queued inside a transaction; dispatched only after it commits. `options.id` names the event
 * for deduplication (see job_outbox.event_id): a second emit of the same id fails its transaction.
 */
export type Emit = (event: JobEvent, options?: { id?: string }) => Promise<void>;

const MAX_ATTEMPTS = 10;
const inFlight = new Set<Promise<void>>();

/**
 * Runs `fn` in one transaction with an `emit` that writes outbox rows in that same transaction,
 * then hands the committed rows to the job driver. A rollback discards the events with the change.
 */
export async function transactionWithEvents<T>(fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
  const db = await getDb();
  const ids: string[] = [];
  const result = await db.transaction(async (tx) =>
    fn(tx, async (event, options) => {
      const data = jobEventSchemas[event.name].parse(event.data);
      const eventId = options?.id ?? null;
      if (nothingToDeliver(event.name)) {
        // The inline driver has no consumer for this event yet: record it, already settled.
        await tx
          .insert(jobOutbox)
          .values({ eventName: event.name, eventId, payload: data, status: "dispatched", dispatchedAt: sql`now()` });
        return;
      }
      const [row] = await tx
        .insert(jobOutbox)
        .values({ eventName: event.name, eventId, payload: data })
        .returning({ id: jobOutbox.id });
      ids.push(row!.id);
    }),
  );
  if (ids.length) dispatchSoon(ids);
  return result;
}

const nothingToDeliver = (name: JobEvent["name"]) =>
  getEnv().JOB_DRIVER === "inline" && inlineHandlers[name].length === 0;

/** Dispatch after the current request finishes its work; failures stay pending for the tick. */
function dispatchSoon(ids: string[]) {
  const p = new Promise<void>((resolve) => setImmediate(resolve))
    .then(async () => void (await dispatchOutbox(ids)))
    .catch((err) => getLogger().error({ err }, "outbox dispatch failed"))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Waits for dispatches started by this process (tests, graceful shutdown). */
export async function settleJobs(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}

/** How long a claim lasts. A delivery still running past it may be delivered again (consumers are idempotent). */
export const OUTBOX_LEASE_SECONDS = 120;
/** A row committed this recently is left to the request that committed it (dispatchSoon). */
const TICK_GRACE_SECONDS = 30;

/**
 * Delivers outbox rows at least once: claims them (by id, or the tick's sweep of stale ones), delivers
 * each, and settles a row only after its delivery succeeded. A dispatcher that dies between claim and
 * settle leaves the row `delivering` until its lease ends; the next tick claims and delivers it again.
 */
export async function dispatchOutbox(ids?: string[]): Promise<{ dispatched: number; failed: number }> {
  const db = await getDb();
  if (!ids) await giveUpOnAbandonedRows();
  const claimed = await claimOutboxRows(ids);

  let failed = 0;
  for (const row of claimed) {
    try {
      await deliver({ name: row.eventName, data: row.payload } as JobEvent, row.eventId ?? row.id);
      await db
        .update(jobOutbox)
        .set({ status: "dispatched", dispatchedAt: sql`now()`, claimedUntil: null, lastError: null })
        .where(and(eq(jobOutbox.id, row.id), eq(jobOutbox.status, "delivering")));
    } catch (err) {
      failed++;
      getLogger().warn({ err, outboxId: row.id, event: row.eventName }, "event delivery failed");
      await db
        .update(jobOutbox)
        .set({
          status: row.attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          claimedUntil: null,
          lastError: String(err).slice(0, 1000),
        })
        .where(eq(jobOutbox.id, row.id));
    }
  }
  return { dispatched: claimed.length - failed, failed };
}

/**
 * Takes a lease on deliverable rows: the given pending ones, or (the tick) the oldest pending rows past
 * the grace period and the rows whose lease ran out. One UPDATE … RETURNING, whose conditions Postgres
 * re-checks on each locked row, so two dispatchers sweeping at once never claim one row together.
 * Exported for tests that stop "the process" between the claim and the delivery.
 */
export async function claimOutboxRows(ids?: string[]) {
  const db = await getDb();
  const claimable = or(
    eq(jobOutbox.status, "pending"),
    and(eq(jobOutbox.status, "delivering"), lt(jobOutbox.claimedUntil, sql`now()`)),
  );
  const stale = or(
    and(
      eq(jobOutbox.status, "pending"),
      lt(jobOutbox.createdAt, sql`now() - make_interval(secs => ${TICK_GRACE_SECONDS})`),
    ),
    and(eq(jobOutbox.status, "delivering"), lt(jobOutbox.claimedUntil, sql`now()`)),
  );
  return db
    .update(jobOutbox)
    .set({
      status: "delivering",
      claimedUntil: sql`now() + make_interval(secs => ${OUTBOX_LEASE_SECONDS})`,
      attempts: sql`${jobOutbox.attempts} + 1`,
    })
    .where(
      and(
        claimable,
        ids
          ? and(inArray(jobOutbox.id, ids), eq(jobOutbox.status, "pending"))
          : inArray(
              jobOutbox.id,
              db.select({ id: jobOutbox.id }).from(jobOutbox).where(stale).orderBy(jobOutbox.createdAt).limit(100),
            ),
      ),
    )
    .returning();
}

/** A row whose every attempt died mid-delivery (a poison event that kills the process) stops here. */
async function giveUpOnAbandonedRows() {
  const db = await getDb();
  await db
    .update(jobOutbox)
    .set({
      status: "failed",
      claimedUntil: null,
      lastError: sql`coalesce(${jobOutbox.lastError}, 'Delivery never finished: the dispatching process stopped each time')`,
    })
    .where(
      and(
        eq(jobOutbox.status, "delivering"),
        lt(jobOutbox.claimedUntil, sql`now()`),
        gte(jobOutbox.attempts, MAX_ATTEMPTS),
      ),
    );
}

async function deliver(event: JobEvent, eventId: string): Promise<void> {
  if (getEnv().JOB_DRIVER === "inngest") {
    const { inngest } = await import("./inngest-client");
    // The Inngest event id is the emitter's id or the outbox id, so a re-sent row is deduplicated by Inngest.
    await inngest.send({ id: eventId, name: event.name, data: event.data });
    return;
  }
  const handlers = inlineHandlers[event.name] as InlineHandler[];
  for (const handler of handlers) await handler(event as never);
}
