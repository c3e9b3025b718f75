import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobOutbox, ticketEvents, tickets } from "@/db/schema";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { useTestDatabase } from "@/test/db";
import { createWorld, ticketIn } from "@/test/fixtures";
import { confirmTicket } from "./transitions";

useTestDatabase();

describe("confirm", () => {
  it("moves BOOKED to CONFIRMED with an event, an audit entry and an outbox event", async () => {
    const world = await createWorld();
    const t = await ticketIn("BOOKED", world);
    const dto = await confirmTicket(t.id, t.version, world.admin);
    expect(dto.status).toBe("CONFIRMED");
    expect(dto.version).toBe(2);
    const db = await getDb();
    const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id));
    expect(events.map((e) => e.action)).toEqual(["booked", "confirmed"]);
    await settleJobs();
    const outbox = await db.select().from(jobOutbox);
    expect(outbox.filter((o) => o.payload.ticketId === t.id).map((o) => [o.eventName, o.payload.to, o.status])).toEqual([
      ["ticket/status.changed", "BOOKED", "dispatched"],
      ["ticket/status.changed", "CONFIRMED", "dispatched"],
    ]);
    const [row] = await db.select().from(tickets).where(eq(tickets.id, t.id));
    expect(row!.confirmedAt).toBeInstanceOf(Date);
  });
});
