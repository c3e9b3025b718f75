import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { jobOutbox } from "@/db/schema";
import { getDb, type Tx } from "../db";
import { getEnv } from "../env";
import { getLogger } from "../logger";
import { jobEventSchemas, type JobEvent } from "./events";
import { inlineHandlers } from "./inline-handlers";

/** Events queued inside a transaction; dispatched only after it commits. */
export type Emit = (event: JobEvent) => Promise<void>;

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
    fn(tx, async (event) => {
      const data = jobEventSchemas[event.name].parse(event.data);
      if (nothingToDeliver(event.name)) {
        // The inline driver has no consumer for this event yet: record it, already settled.
        await tx
          .insert(jobOutbox)
          .values({ eventName: event.name, payload: data, status: "dispatched", dispatchedAt: sql`now()` });
        return;
      }
      const [row] = await tx
        .insert(jobOutbox)
        .values({ eventName: event.name, payload: data })
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

/**
 * Claims pending rows (by id, or the oldest stale ones) and delivers them. The claim is an UPDATE ...
 * RETURNING, so two instances sweeping at once never deliver one row twice.
 */
export async function dispatchOutbox(ids?: string[]): Promise<{ dispatched: number; failed: number }> {
  const db = await getDb();
  const claimed = await db
    .update(jobOutbox)
    .set({ status: "dispatched", dispatchedAt: sql`now()`, attempts: sql`${jobOutbox.attempts} + 1` })
    .where(
      ids
        ? and(inArray(jobOutbox.id, ids), eq(jobOutbox.status, "pending"))
        : inArray(
            jobOutbox.id,
            db
              .select({ id: jobOutbox.id })
              .from(jobOutbox)
              .where(and(eq(jobOutbox.status, "pending"), lt(jobOutbox.createdAt, sql`now() - interval '30 seconds'`)))
              .orderBy(jobOutbox.createdAt)
              .limit(100),
          ),
    )
    .returning();

  let failed = 0;
  for (const row of claimed) {
    try {
      await deliver({ name: row.eventName, data: row.payload } as JobEvent, row.id);
    } catch (err) {
      failed++;
      getLogger().warn({ err, outboxId: row.id, event: row.eventName }, "event delivery failed");
      await db
        .update(jobOutbox)
        .set({
          status: row.attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          dispatchedAt: null,
          lastError: String(err).slice(0, 1000),
        })
        .where(eq(jobOutbox.id, row.id));
    }
  }
  return { dispatched: claimed.length - failed, failed };
}

async function deliver(event: JobEvent, outboxId: string): Promise<void> {
  if (getEnv().JOB_DRIVER === "inngest") {
    const { inngest } = await import("./inngest-client");
    // The outbox id is the Inngest event id, so a re-sent row is deduplicated by Inngest.
    await inngest.send({ id: outboxId, name: event.name, data: event.data });
    return;
  }
  for (const handler of inlineHandlers[event.name]) await handler(event);
}
