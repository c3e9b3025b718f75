import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { jobOutbox } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { createWorld, ticketIn, ticketTrail } from "@/test/fixtures";
import { confirmTicket } from "../tickets/transitions";
import type { JobEvent } from "./events";
import { inlineHandlers, type InlineHandler } from "./inline-handlers";
import { settleJobs } from "./outbox";
import { runPeriodicTick } from "./tick";

withTestDatabase();

const handlers = inlineHandlers["ticket/status.changed"];
const added: InlineHandler[] = [];
function addHandler(h: InlineHandler) {
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
});
