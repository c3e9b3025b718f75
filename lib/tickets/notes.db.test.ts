import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { appErrorFrom, createStaff, createWorld, ticketIn } from "@/test/fixtures";
import { addTicketNote } from "./notes";
import { getTicketDetail } from "./queries";
import { getTrackingView } from "./tracking";

/** Internal notes: in the staff detail and timeline, audited, never on the customer's tracking page. */

withTestDatabase();

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld();
});

describe("internal notes", () => {
  it("an agent's note is in the detail's notes and timeline, audited, and not on the tracking page", async () => {
    const agent = await createStaff("agent");
    const t = await ticketIn("CONFIRMED", world);
    const note = await addTicketNote(t.id, "客户说门禁密码 4321，勿外传", agent);
    expect(note).toMatchObject({ body: "客户说门禁密码 4321，勿外传", author: agent.name });

    const detail = await getTicketDetail(t.id, world.admin);
    expect(detail.notes).toEqual([note]);
    expect(detail.events.at(-1)).toMatchObject({ id: note.id, action: "note_added", from_status: null, to_status: null });
    // A note changes nothing about the ticket.
    expect(detail.status).toBe("CONFIRMED");
    expect(detail.version).toBe(t.version);

    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "ticket.note_added"), eq(auditLog.targetId, t.id)));
    expect(audit).toMatchObject({ actorLabel: agent.email, details: { note_id: note.id, body: note.body } });

    const tracking = await getTrackingView(t.booking.tracking_token, { ip: "10.1.2.3" });
    expect(JSON.stringify(tracking)).not.toContain("4321");
    expect(tracking.timeline.map((s) => s.status)).toEqual(["BOOKED", "CONFIRMED"]);
  });

  it("a technician sees the notes of their own job; another's ticket is a 404", async () => {
    const t = await ticketIn("ASSIGNED", world);
    await addTicketNote(t.id, "带上 12mm 扳手", world.admin);
    expect((await getTicketDetail(t.id, world.techUser)).notes.map((n) => n.body)).toEqual(["带上 12mm 扳手"]);
    const stranger = await createStaff("technician", { technicianCenterId: world.center.id });
    const err = await appErrorFrom(addTicketNote(t.id, "x", stranger));
    expect(err.code).toBe("not_found");
  });
});
