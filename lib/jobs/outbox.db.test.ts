import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { jobOutbox } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { createWorld, ticketIn, ticketTrail } from "@/test/fixtures";
import { confirmTicket } from "../tickets/transitions";
import type { JobEvent } from "./events";
import { inlineHandlers, type InlineHandler } from "./inline-handlers";
import { claimOutboxRows, settleJobs } from "./outbox";
import { runPeriodicTick } from "./tick";

withTestDatabase();

const handlers = inlineHandlers["ticket/status.changed"];
const added: InlineHandler<"ticket/status.changed">[] = [];
function addHandler(h: InlineHandler<"ticket/status.changed">) {
  handlers.push(h);
  added.push(h);
}
afterEach(() => {
  for (const h of added.splice(0)) handlers.splice(handlers.indexOf(h), 1);
});

/** The tick re-delivers rows left pending for a while (not ones a request is still dispatching). */
async function age(outboxId: string) {
  const db = await getDb();
  await db
    .update(jobOutbox)
    .set({ createdAt: sql`now() - interval '2 minutes'` })
    .where(eq(jobOutbox.id, outboxId));
}

/**
 * An outbox row as a committed change leaves it, past the tick's grace period: what is left when the
 * request that committed it died before dispatching.
 */
async function committedEvent(to: "CONFIRMED" | "ASSIGNED" | "IN_PROGRESS") {
  const db = await getDb();
  const ticketId = crypto.randomUUID();
  const data = {
    ticketId,
    code: "TK000000TEST0",
    action: "confirmed",
    from: "BOOKED",
    to,
    version: 2,
    actor: { type: "user", label: "test" },
    at: new Date().toISOString(),
  };
  const [row] = await db
    .insert(jobOutbox)
    .values({ eventName: "ticket/status.changed", payload: data, createdAt: sql`now() - interval '2 minutes'` })
    .returning();
  return { ...row!, ticketId };
}

/** The lease of a claimed row runs out (its dispatcher died, and the lease's time has passed). */
async function expireLease(outboxId: string) {
  const db = await getDb();
  await db
    .update(jobOutbox)
    .set({ claimedUntil: sql`now() - interval '1 second'` })
    .where(eq(jobOutbox.id, outboxId));
}

async function outboxRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(jobOutbox).where(eq(jobOutbox.id, id));
  return row!;
}

/** The outbox row announcing the ticket's move to `to`. */
async function rowFor(ticketId: string, to: string) {
  const rows = (await ticketTrail(ticketId)).outbox.filter((o) => o.payload.to === to);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe("transactional outbox (inline driver)", () => {
  it("delivers a committed change's event to the handlers once, after commit", async () => {
    const world = await createWorld();
    const t = await ticketIn("BOOKED", world);
    await settleJobs();
    const seen: JobEvent[] = [];
    addHandler(async (e) => void seen.push(e));
    await confirmTicket(t.id, t.version, world.admin);
    await settleJobs();
    expect(seen).toEqual([
      {
        name: "ticket/status.changed",
        data: expect.objectContaining({ ticketId: t.id, from: "BOOKED", to: "CONFIRMED", action: "confirmed" }),
      },
    ]);
    const confirmed = await rowFor(t.id, "CONFIRMED");
    expect(confirmed).toMatchObject({ status: "dispatched", attempts: 1, lastError: null });
    // A tick finds nothing more to do for it.
    await age(confirmed.id);
    await runPeriodicTick();
    expect(seen).toHaveLength(1);
  });

  it("keeps a failed delivery pending with its error, and the tick delivers it later", async () => {
    const world = await createWorld();
    const t = await ticketIn("BOOKED", world);
    await settleJobs();
    let failNext = true;
    const delivered: string[] = [];
    addHandler(async (e) => {
      if (failNext) {
        failNext = false;
        throw new Error("SMS gateway timed out");
      }
      delivered.push(`${e.data.ticketId}:${e.data.to}`);
    });

    await confirmTicket(t.id, t.version, world.admin);
    await settleJobs();
    let row = await rowFor(t.id, "CONFIRMED");
    expect(row).toMatchObject({ status: "pending", attempts: 1, dispatchedAt: null });
    expect(row.lastError).toMatch(/SMS gateway timed out/);
    // The change itself stands: the failure is the notification's, not the ticket's.
    expect((await ticketTrail(t.id)).ticket.status).toBe("CONFIRMED");

    // A row younger than the tick's grace period is left to its in-flight dispatcher.
    expect((await runPeriodicTick()).outbox.dispatched).toBe(0);
    await age(row.id);
    const tick = await runPeriodicTick();
    expect(tick.outbox).toEqual({ dispatched: 1, failed: 0 });
    expect(delivered).toEqual([`${t.id}:CONFIRMED`]);
    row = await outboxRow(row.id);
    expect(row).toMatchObject({ status: "dispatched", attempts: 2 });
    expect(row.dispatchedAt).toBeInstanceOf(Date);

    // Delivered once: another tick does not send it again.
    expect((await runPeriodicTick()).outbox.dispatched).toBe(0);
    expect(delivered).toHaveLength(1);
  });

  it("gives up after 10 attempts and marks the row failed", async () => {
    const world = await createWorld();
    const t = await ticketIn("BOOKED", world);
    await settleJobs();
    addHandler(async () => {
      throw new Error("always down");
    });
    await confirmTicket(t.id, t.version, world.admin);
    await settleJobs();
    const { id } = await rowFor(t.id, "CONFIRMED");
    for (let attempt = 2; attempt <= 10; attempt++) {
      await age(id);
      expect((await runPeriodicTick()).outbox.failed).toBe(1);
    }
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: 10, lastError: expect.stringMatching(/always down/) });
    await age(id);
    expect((await runPeriodicTick()).outbox).toEqual({ dispatched: 0, failed: 0 });
  });

  it("a dispatcher that dies between claim and delivery loses nothing: the next tick delivers once", async () => {
    const delivered: string[] = [];
    addHandler(async (e) => void delivered.push(`${e.data.ticketId}:${e.data.to}`));
    // A committed change's event, whose request died before dispatching it.
    const row = await committedEvent("CONFIRMED");

    // A dispatcher claims it — and then its process stops: no delivery, no settle.
    const [claimed] = await claimOutboxRows([row.id]);
    expect(claimed).toMatchObject({ id: row.id, status: "delivering", attempts: 1 });
    expect(claimed!.claimedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Never "dispatched" before delivery:
    expect(await outboxRow(row.id)).toMatchObject({ status: "delivering", dispatchedAt: null });

    // While the lease runs, no other dispatcher takes the row (it may still be in delivery elsewhere).
    expect((await runPeriodicTick()).outbox).toEqual({ dispatched: 0, failed: 0 });
    expect(delivered).toEqual([]);

    // Once the lease has run out, the tick delivers it — exactly once.
    await expireLease(row.id);
    expect((await runPeriodicTick()).outbox).toEqual({ dispatched: 1, failed: 0 });
    expect(delivered).toEqual([`${row.ticketId}:CONFIRMED`]);
    expect(await outboxRow(row.id)).toMatchObject({ status: "dispatched", attempts: 2, claimedUntil: null });
    expect((await runPeriodicTick()).outbox).toEqual({ dispatched: 0, failed: 0 });
    expect(delivered).toHaveLength(1);
  });

  it("two dispatchers sweeping at once claim each row once", async () => {
    const rows = await Promise.all(Array.from({ length: 5 }, () => committedEvent("ASSIGNED")));
    const [a, b] = await Promise.all([claimOutboxRows(), claimOutboxRows()]);
    const claimedIds = [...a, ...b].map((r) => r.id).filter((id) => rows.some((r) => r.id === id));
    expect(claimedIds.sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("an event whose delivery kills the process every time is given up after 10 attempts", async () => {
    const { id } = await committedEvent("IN_PROGRESS");
    await claimOutboxRows([id]);
    for (let attempt = 2; attempt <= 10; attempt++) {
      await expireLease(id); // …the process died
      expect((await claimOutboxRows()).map((r) => r.id)).toContain(id);
    }
    await expireLease(id);
    await runPeriodicTick();
    expect(await outboxRow(id)).toMatchObject({
      status: "failed",
      attempts: 10,
      lastError: expect.stringMatching(/process stopped/),
    });
  });
});
