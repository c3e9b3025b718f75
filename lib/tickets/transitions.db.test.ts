import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { jobOutbox, technicians, ticketEvents, type TicketStatus } from "@/db/schema";
import { getDb } from "@/lib/db";
import { cleanUploadedImage } from "@/lib/files/images";
import { settleJobs } from "@/lib/jobs/outbox";
import { withTestDatabase } from "@/test/db";
import {
  appErrorFrom,
  bookingFor,
  createCenter,
  createStaff,
  createTechnician,
  createWorld,
  jpegBytes,
  ticketIn,
  ticketTrail,
  tomorrow,
  writeCounts,
} from "@/test/fixtures";
import { createBooking } from "./booking";
import { addDays } from "./slots";
import { listTechnicians } from "./technicians";
import { uploadReceipts } from "./images";
import { cancelByTrackingToken, getTrackingView } from "./tracking";
import { assignTicket, cancelTicket, completeTicket, confirmTicket, startTicket } from "./transitions";

withTestDatabase();

type World = Awaited<ReturnType<typeof createWorld>>;

/**
 * Runs `act` on a ticket and checks what it left behind: exactly one new ticket event (from → to),
 * one audit entry when staff acted, and one `ticket/status.changed` outbox row that the inline
 * driver marks dispatched (when the status changes). Returns the new event for action-specific checks.
 */
async function expectOneTransition(
  ticketId: string,
  act: () => Promise<unknown>,
  expected: { event: string; from: TicketStatus; to: TicketStatus; byStaff: boolean },
) {
  const before = await ticketTrail(ticketId);
  await act();
  await settleJobs();
  const after = await ticketTrail(ticketId);

  expect(after.ticket.status).toBe(expected.to);
  expect(after.ticket.version).toBe(before.ticket.version + 1);

  expect(after.events).toHaveLength(before.events.length + 1);
  const event = after.events.at(-1)!;
  expect(event).toMatchObject({ action: expected.event, fromStatus: expected.from, toStatus: expected.to });

  const newAudits = after.audits.slice(before.audits.length);
  if (expected.byStaff) {
    expect(newAudits).toHaveLength(1);
    expect(newAudits[0]).toMatchObject({
      action: `ticket.${expected.event}`,
      details: expect.objectContaining({ from: expected.from, to: expected.to, code: after.ticket.code }),
    });
  } else {
    expect(newAudits).toEqual([]);
  }

  const newOutbox = after.outbox.slice(before.outbox.length);
  if (expected.from === expected.to && expected.event !== "assigned") {
    expect(newOutbox).toEqual([]);
    return event;
  }
  // A re-assignment keeps the status but is announced too: the new technician must be told.
  expect(newOutbox).toHaveLength(1);
  expect(newOutbox[0]).toMatchObject({
    eventName: "ticket/status.changed",
    status: "dispatched",
    payload: expect.objectContaining({
      ticketId,
      code: after.ticket.code,
      action: expected.event,
      from: expected.from,
      to: expected.to,
      version: before.ticket.version + 1,
    }),
  });
  return event;
}

const receipt = async () =>
  cleanUploadedImage(await jpegBytes({ color: `#${Math.random().toString(16).slice(2, 8)}` }));

describe("each transition records itself", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });

  it("books a ticket with a 'booked' event and an outbox event", async () => {
    const t = await ticketIn("BOOKED", world);
    await settleJobs();
    const trail = await ticketTrail(t.id);
    expect(trail.ticket).toMatchObject({ status: "BOOKED", version: 1 });
    expect(trail.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorType])).toEqual([
      ["booked", null, "BOOKED", "customer"],
    ]);
    expect(trail.audits).toEqual([]); // customers are not audited staff
    expect(trail.outbox.map((o) => [o.payload.to, o.status])).toEqual([["BOOKED", "dispatched"]]);
  });

  it("confirm: BOOKED → CONFIRMED, stamps confirmed_at", async () => {
    const t = await ticketIn("BOOKED", world);
    let dto;
    const event = await expectOneTransition(
      t.id,
      async () => (dto = await confirmTicket(t.id, t.version, world.admin)),
      { event: "confirmed", from: "BOOKED", to: "CONFIRMED", byStaff: true },
    );
    expect(dto).toMatchObject({ status: "CONFIRMED", version: 2, allowed_actions: ["assign", "cancel"] });
    expect(event).toMatchObject({ actorType: "user", actorUserId: world.admin.userId });
    const { ticket, outbox } = await ticketTrail(t.id);
    expect(ticket.confirmedAt).toBeInstanceOf(Date);
    expect(outbox.map((o) => [o.eventName, o.payload.to, o.status])).toEqual([
      ["ticket/status.changed", "BOOKED", "dispatched"],
      ["ticket/status.changed", "CONFIRMED", "dispatched"],
    ]);
  });

  it("assign (manual): CONFIRMED → ASSIGNED to the chosen technician", async () => {
    const t = await ticketIn("CONFIRMED", world);
    const event = await expectOneTransition(
      t.id,
      () => assignTicket(t.id, { version: t.version, technician_id: world.tech.id }, world.admin),
      { event: "assigned", from: "CONFIRMED", to: "ASSIGNED", byStaff: true },
    );
    expect(event.details).toMatchObject({ mode: "manual", technician_id: world.tech.id, same_center: true });
    const { ticket } = await ticketTrail(t.id);
    expect(ticket.technicianId).toBe(world.tech.id);
    expect(ticket.assignedAt).toBeInstanceOf(Date);
  });

  it("assign again hands an ASSIGNED ticket to another technician and keeps the previous one in the event", async () => {
    const t = await ticketIn("ASSIGNED", world);
    const other = await createTechnician(world.center.id, { name: "Backup tech" });
    const event = await expectOneTransition(
      t.id,
      () => assignTicket(t.id, { version: t.version, technician_id: other.id }, world.admin),
      { event: "assigned", from: "ASSIGNED", to: "ASSIGNED", byStaff: true },
    );
    expect(event.details).toMatchObject({ technician_id: other.id, previous_technician_id: world.tech.id });
  });

  it("assign refuses an inactive or unknown technician, writing nothing", async () => {
    const t = await ticketIn("CONFIRMED", world);
    const off = await createTechnician(world.center.id, { active: false });
    const before = await writeCounts();
    const inactive = await appErrorFrom(assignTicket(t.id, { version: t.version, technician_id: off.id }, world.admin));
    expect(inactive.code).toBe("invalid_input");
    const unknown = await appErrorFrom(
      assignTicket(t.id, { version: t.version, technician_id: "0b4b9b8e-0000-4000-8000-000000000000" }, world.admin),
    );
    expect(unknown.code).toBe("invalid_input");
    expect(await writeCounts()).toEqual(before);
  });

  it("start: ASSIGNED → IN_PROGRESS, by the assigned technician", async () => {
    const t = await ticketIn("ASSIGNED", world);
    const event = await expectOneTransition(t.id, () => startTicket(t.id, t.version, world.techUser), {
      event: "started",
      from: "ASSIGNED",
      to: "IN_PROGRESS",
      byStaff: true,
    });
    expect(event.actorUserId).toBe(world.techUser.userId);
    expect((await ticketTrail(t.id)).ticket.startedAt).toBeInstanceOf(Date);
  });

  it("upload receipt: an event and an audit entry, but no version bump and no status event", async () => {
    const t = await ticketIn("IN_PROGRESS", world);
    const before = await ticketTrail(t.id);
    const result = await uploadReceipts(t.id, [await receipt()], world.techUser);
    await settleJobs();
    const after = await ticketTrail(t.id);
    expect(result.receipt_count).toBe(1);
    expect(after.ticket).toMatchObject({ status: "IN_PROGRESS", version: before.ticket.version });
    expect(after.events.slice(before.events.length)).toEqual([
      expect.objectContaining({
        action: "receipt_uploaded",
        fromStatus: "IN_PROGRESS",
        toStatus: "IN_PROGRESS",
        details: { image_ids: [result.images[0]!.id], count: 1 },
      }),
    ]);
    expect(after.audits.slice(before.audits.length).map((a) => a.action)).toEqual(["ticket.receipt_uploaded"]);
    expect(after.outbox).toHaveLength(before.outbox.length);
    // The version the technician's page holds still completes the ticket.
    expect((await completeTicket(t.id, t.version, world.techUser)).status).toBe("COMPLETED");
  });

  it("complete: IN_PROGRESS → COMPLETED once a receipt is stored", async () => {
    const t = await ticketIn("IN_PROGRESS", world);
    await uploadReceipts(t.id, [await receipt()], world.admin);
    const event = await expectOneTransition(t.id, () => completeTicket(t.id, t.version, world.admin), {
      event: "completed",
      from: "IN_PROGRESS",
      to: "COMPLETED",
      byStaff: true,
    });
    expect(event.details).toEqual({ receipt_count: 1 });
    expect((await ticketTrail(t.id)).ticket.completedAt).toBeInstanceOf(Date);
  });

  it("complete straight from ASSIGNED is allowed (seed 001) with a receipt", async () => {
    const t = await ticketIn("ASSIGNED", world);
    await uploadReceipts(t.id, [await receipt()], world.techUser);
    await expectOneTransition(t.id, () => completeTicket(t.id, t.version, world.techUser), {
      event: "completed",
      from: "ASSIGNED",
      to: "COMPLETED",
      byStaff: true,
    });
  });

  it.each(["BOOKED", "CONFIRMED", "ASSIGNED", "IN_PROGRESS"] as const)(
    "staff cancel from %s stores the reason and who canceled",
    async (status) => {
      const t = await ticketIn(status, world);
      const event = await expectOneTransition(t.id, () => cancelTicket(t.id, t.version, "客户电话取消", world.admin), {
        event: "canceled",
        from: status,
        to: "CANCELED",
        byStaff: true,
      });
      expect(event.details).toEqual({ reason: "客户电话取消" });
      const { ticket } = await ticketTrail(t.id);
      expect(ticket).toMatchObject({ cancelReason: "客户电话取消", canceledBy: "staff" });
      expect(ticket.canceledAt).toBeInstanceOf(Date);
    },
  );

  it.each(["BOOKED", "CONFIRMED"] as const)("customer cancel from %s through the tracking link", async (status) => {
    const t = await ticketIn(status, world);
    let view;
    const event = await expectOneTransition(
      t.id,
      async () => (view = await cancelByTrackingToken(t.booking.tracking_token, "时间冲突", { ip: "203.0.113.9" })),
      { event: "canceled", from: status, to: "CANCELED", byStaff: false },
    );
    expect(event).toMatchObject({ actorType: "customer", actorUserId: null, details: { reason: "时间冲突" } });
    expect(view).toMatchObject({ status: "CANCELED", cancel_reason: "时间冲突", can_cancel: false });
    expect((await ticketTrail(t.id)).ticket).toMatchObject({ canceledBy: "customer", cancelReason: "时间冲突" });
  });

  it.each(["ASSIGNED", "IN_PROGRESS", "COMPLETED", "CANCELED"] as const)(
    "customer cancel is refused once the ticket is %s, writing nothing",
    async (status) => {
      const t = await ticketIn(status, world);
      expect((await getTrackingView(t.booking.tracking_token, { ip: "203.0.113.9" })).can_cancel).toBe(false);
      const before = await writeCounts();
      const err = await appErrorFrom(
        cancelByTrackingToken(t.booking.tracking_token, "不想修了", { ip: "203.0.113.9" }),
      );
      expect(err.code).toBe("invalid_transition");
      expect(err.details).toEqual({ status });
      // In the customer's terms: no staff action names, no "allowed now", no internal status words.
      expect(err.message).not.toMatch(/allowed|\b(confirm|assign|start|upload_receipt|complete)\b/);
      expect(err.message).not.toMatch(/\b(BOOKED|CONFIRMED|ASSIGNED|IN_PROGRESS|COMPLETED|CANCELED)\b/);
      expect(err.message).toMatch(
        status === "ASSIGNED" || status === "IN_PROGRESS" ? /call the service center/ : /already/,
      );
      expect(await writeCounts()).toEqual(before);
      expect((await ticketTrail(t.id)).ticket.status).toBe(status);
    },
  );
});

describe("auto-assignment", () => {
  it("picks the least-loaded active technician of the ticket's center and records why", async () => {
    const world = await createWorld();
    // world.tech takes one ticket, so the idle colleague is the fairer choice.
    await ticketIn("ASSIGNED", world);
    const idle = await createTechnician(world.center.id, { name: "Idle colleague" });
    await createTechnician(world.center.id, { name: "Off today", active: false });
    // Someone elsewhere with no load must not win over the home center.
    await createTechnician((await createCenter()).id, { name: "Elsewhere idle" });

    const t = await ticketIn("CONFIRMED", world);
    const event = await expectOneTransition(
      t.id,
      () => assignTicket(t.id, { version: t.version, auto: true }, world.admin),
      { event: "assigned", from: "CONFIRMED", to: "ASSIGNED", byStaff: true },
    );
    expect(event.details).toMatchObject({
      mode: "auto",
      technician_id: idle.id,
      technician_name: "Idle colleague",
      same_center: true,
      load_7d: 0,
      // "Elsewhere idle" is as idle: the center is what set them apart.
      decided_by: "center",
      reason: expect.stringMatching(/^Decided by service center: .*; same service center; .*; 0 tickets in 7 days$/),
    });
    expect((await ticketTrail(t.id)).ticket.technicianId).toBe(idle.id);
  });

  it("skips a technician who has a job in the same date and slot, and the event says the slot decided", async () => {
    const world = await createWorld();
    const slot = { appointment_date: addDays(tomorrow(), 3), appointment_slot: "09:00-11:00" as const };
    // The idlest, skilled, local technician — but already booked for that morning.
    const booked = await createTechnician(world.center.id, { name: "甲 booked", skills: ["integrated_stove"] });
    const free = await createTechnician(world.center.id, { name: "乙 free", skills: ["integrated_stove"] });
    const clash = await ticketIn("CONFIRMED", world, slot);
    await assignTicket(clash.id, { version: clash.version, technician_id: booked.id }, world.admin);
    // Two jobs on other days for the free one: without the slot rule "甲 booked" (1 ticket) would win.
    for (const day of [4, 5]) {
      const other = await ticketIn("CONFIRMED", world, { appointment_date: addDays(tomorrow(), day) });
      await assignTicket(other.id, { version: other.version, technician_id: free.id }, world.admin);
    }

    const t = await ticketIn("CONFIRMED", world, slot);
    const event = await expectOneTransition(
      t.id,
      () => assignTicket(t.id, { version: t.version, auto: true }, world.admin),
      { event: "assigned", from: "CONFIRMED", to: "ASSIGNED", byStaff: true },
    );
    const clashCode = (await ticketTrail(clash.id)).ticket.code;
    expect(event.details).toMatchObject({
      mode: "auto",
      technician_id: free.id,
      decided_by: "free_slot",
      appliance_type: "integrated_stove",
      covers_appliance: true,
      same_center: true,
      load_7d: 2,
      same_slot_job: null,
      reason: `Decided by free in the slot: covers integrated_stove; same service center; free on ${slot.appointment_date} 09:00-11:00; 2 tickets in 7 days`,
    });

    // Picked by hand anyway (after the dialog's warning), the clash is allowed and stays on record.
    const other = await ticketIn("CONFIRMED", world, slot);
    await assignTicket(other.id, { version: other.version, technician_id: booked.id }, world.admin);
    const { events, ticket } = await ticketTrail(other.id);
    expect(ticket.technicianId).toBe(booked.id);
    expect(events.at(-1)!.details).toMatchObject({ mode: "manual", same_slot_job: clashCode, covers_appliance: true });
  });

  it("lists, for a ticket, who covers its appliance and who has a job in its slot (not the ticket itself)", async () => {
    const world = await createWorld();
    const slot = { appointment_date: addDays(tomorrow(), 6), appointment_slot: "14:00-16:00" as const };
    const hood = await createTechnician(world.center.id, { name: "Hood fixer", skills: ["range_hood"] });
    const t = await ticketIn("ASSIGNED", world, { ...slot, appliance_type: "range_hood" });
    const clash = await ticketIn("CONFIRMED", world, slot);
    await assignTicket(clash.id, { version: clash.version, technician_id: hood.id }, world.admin);
    // A finished visit in the slot no longer holds the technician.
    await ticketIn("COMPLETED", world, slot);

    const items = await listTechnicians({ ticketId: t.id, centerId: world.center.id }, world.admin);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(hood.id)).toMatchObject({
      skills: ["range_hood"],
      covers_appliance: true,
      same_slot_job: { id: clash.id, code: (await ticketTrail(clash.id)).ticket.code },
    });
    // world.tech is assigned this very ticket (and a completed one in the slot): no clash.
    expect(byId.get(world.tech.id)).toMatchObject({ covers_appliance: false, same_slot_job: null });

    // Without a ticket the list carries neither field; a ticket the reader may not see is not found.
    const [plain] = await listTechnicians({ centerId: world.center.id }, world.admin);
    expect(plain).not.toHaveProperty("same_slot_job");
    const outsider = await createStaff("technician");
    expect((await appErrorFrom(listTechnicians({ ticketId: t.id }, outsider))).code).toBe("not_found");
  });

  it("falls back to another center when the ticket's center has nobody active, and says so", async () => {
    const world = await createWorld();
    const t = await ticketIn("CONFIRMED", world);
    const db = await getDb();
    await db.update(technicians).set({ active: false }).where(eq(technicians.centerId, world.center.id));
    const dto = await assignTicket(t.id, { version: t.version, auto: true }, world.admin);
    const { events } = await ticketTrail(t.id);
    expect(events.at(-1)!.details).toMatchObject({
      mode: "auto",
      same_center: false,
      reason: expect.stringContaining("another service center"),
    });
    expect(dto.technician).not.toBeNull();
    expect(dto.technician!.id).not.toBe(world.tech.id);
  });
});

describe("refusals write nothing", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });

  it.each([
    ["CONFIRMED", "confirm", ["assign", "cancel"]],
    ["BOOKED", "start", ["confirm", "cancel"]],
    ["BOOKED", "assign", ["confirm", "cancel"]],
    ["IN_PROGRESS", "assign", ["upload_receipt", "complete", "cancel"]],
    ["CONFIRMED", "complete", ["assign", "cancel"]],
    ["COMPLETED", "cancel", []],
    ["CANCELED", "confirm", []],
  ] as const)(
    "a %s ticket refuses %s with invalid_transition and lists what is allowed",
    async (status, action, allowed) => {
      const t = await ticketIn(status, world);
      const calls = {
        confirm: () => confirmTicket(t.id, t.version, world.admin),
        start: () => startTicket(t.id, t.version, world.admin),
        assign: () => assignTicket(t.id, { version: t.version, technician_id: world.tech.id }, world.admin),
        complete: () => completeTicket(t.id, t.version, world.admin),
        cancel: () => cancelTicket(t.id, t.version, "x", world.admin),
      };
      const before = await writeCounts();
      const err = await appErrorFrom(calls[action]());
      expect(err.code).toBe("invalid_transition");
      expect(err.details).toMatchObject({ status, allowed_actions: allowed, version: t.version });
      expect(await writeCounts()).toEqual(before);
    },
  );

  it("refuses a receipt upload on a ticket that is not being worked on", async () => {
    const t = await ticketIn("CONFIRMED", world);
    const before = await writeCounts();
    const err = await appErrorFrom(uploadReceipts(t.id, [await receipt()], world.admin));
    expect(err).toMatchObject({ code: "invalid_transition", details: { status: "CONFIRMED" } });
    expect(await writeCounts()).toEqual(before);
  });

  it("hides another technician's ticket: not_found for every action, nothing written", async () => {
    const t = await ticketIn("ASSIGNED", world); // assigned to world.tech
    const intruder = await createStaff("technician", { technicianCenterId: world.center.id });
    const before = await writeCounts();
    for (const call of [
      () => startTicket(t.id, t.version, intruder),
      () => completeTicket(t.id, t.version, intruder),
      () => uploadReceipts(t.id, [], intruder),
    ]) {
      expect((await appErrorFrom(call())).code).toBe("not_found");
    }
    expect(await writeCounts()).toEqual(before);
    // The assigned technician can.
    expect((await startTicket(t.id, t.version, world.techUser)).status).toBe("IN_PROGRESS");
  });

  it("forbids roles without the permission, and a technician the actions outside their role", async () => {
    const agent = await createStaff("agent");
    const ops = await createStaff("ops_manager");
    const confirmed = await ticketIn("CONFIRMED", world);
    const booked = await ticketIn("BOOKED", world);
    const assigned = await ticketIn("ASSIGNED", world);
    const before = await writeCounts();
    const refusals = [
      () => assignTicket(confirmed.id, { version: confirmed.version, technician_id: world.tech.id }, agent),
      () => confirmTicket(booked.id, booked.version, ops),
      () => cancelTicket(booked.id, booked.version, "x", ops),
      () => uploadReceipts(assigned.id, [], ops),
      () => startTicket(assigned.id, assigned.version, agent),
      () => cancelTicket(assigned.id, assigned.version, "x", world.techUser),
    ];
    for (const call of refusals) expect((await appErrorFrom(call())).code).toBe("forbidden");
    expect(await writeCounts()).toEqual(before);
    // And the permitted ones work: ops assigns, agent confirms.
    expect((await assignTicket(confirmed.id, { version: 2, technician_id: world.tech.id }, ops)).status).toBe(
      "ASSIGNED",
    );
    expect((await confirmTicket(booked.id, 1, agent)).status).toBe("CONFIRMED");
  });
});

describe("optimistic locking", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });

  it("refuses a stale version with conflict and shows the fresh state, writing nothing", async () => {
    const t = await ticketIn("BOOKED", world);
    const confirmed = await confirmTicket(t.id, t.version, world.admin); // someone else got there first
    const before = await writeCounts();
    const err = await appErrorFrom(cancelTicket(t.id, t.version, "stale page", world.admin));
    expect(err.code).toBe("conflict");
    expect(err.details).toMatchObject({
      current_version: 2,
      current_status: "CONFIRMED",
      ticket: { id: t.id, status: "CONFIRMED", version: 2, updated_at: confirmed.updated_at },
    });
    expect(await writeCounts()).toEqual(before);
    expect((await ticketTrail(t.id)).ticket).toMatchObject({ status: "CONFIRMED", cancelReason: null });
  });

  it("lets exactly one of 20 concurrent assignments win; the other 19 get conflict", async () => {
    const center = await createCenter();
    const admin = await createStaff("admin");
    const crew = [];
    for (let i = 0; i < 20; i++)
      crew.push(await createTechnician(center.id, { name: `Crew ${String(i).padStart(2, "0")}` }));
    const t = await ticketIn("CONFIRMED", { center, admin, tech: crew[0]! });

    const results = await Promise.allSettled(
      crew.map((tech) => assignTicket(t.id, { version: t.version, technician_id: tech.id }, admin)),
    );
    await settleJobs();

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });

    const winner = (won[0] as PromiseFulfilledResult<{ technician: { id: string } | null }>).value.technician!.id;
    const { ticket, events, outbox } = await ticketTrail(t.id);
    expect(ticket).toMatchObject({ status: "ASSIGNED", version: t.version + 1, technicianId: winner });
    expect(events.filter((e) => e.action === "assigned")).toHaveLength(1);
    expect(events.filter((e) => e.action === "assigned")[0]!.details).toMatchObject({ technician_id: winner });
    expect(outbox.filter((o) => o.payload.to === "ASSIGNED")).toHaveLength(1);
  });
});

describe("completion gate", () => {
  it("refuses to complete without a receipt, then completes after one is uploaded", async () => {
    const world = await createWorld();
    const t = await ticketIn("IN_PROGRESS", world);
    const before = await writeCounts();
    const err = await appErrorFrom(completeTicket(t.id, t.version, world.techUser));
    expect(err).toMatchObject({ code: "receipt_required", details: { receipt_count: 0 } });
    expect(await writeCounts()).toEqual(before);
    expect((await ticketTrail(t.id)).ticket).toMatchObject({ status: "IN_PROGRESS", version: t.version });

    await uploadReceipts(t.id, [await receipt()], world.techUser);
    const done = await completeTicket(t.id, t.version, world.techUser);
    expect(done).toMatchObject({ status: "COMPLETED", version: t.version + 1, allowed_actions: [] });
  });

  it("does not count the customer's fault photos as a receipt", async () => {
    const world = await createWorld();
    const booking = await createBooking(bookingFor(world.center), {
      ip: "10.9.9.9",
      baseUrl: "http://test.local",
      photos: [new Blob([new Uint8Array(await jpegBytes({ color: "#aa3300" }))])],
    });
    const id = booking.ticket_id;
    await confirmTicket(id, 1, world.admin);
    await assignTicket(id, { version: 2, technician_id: world.tech.id }, world.admin);
    const err = await appErrorFrom(completeTicket(id, 3, world.techUser));
    expect(err.code).toBe("receipt_required");
    const { ticket, images } = await ticketTrail(id);
    expect(images.map((i) => i.kind)).toEqual(["ISSUE"]);
    expect(ticket.status).toBe("ASSIGNED");
  });
});

describe("outbox rows follow the transaction", () => {
  it("a refused transition leaves no outbox row behind", async () => {
    const world = await createWorld();
    const t = await ticketIn("IN_PROGRESS", world);
    const db = await getDb();
    await settleJobs(); // the notifications of the fixture's own transitions write outbox rows too
    const before = await db.select().from(jobOutbox);
    await appErrorFrom(completeTicket(t.id, t.version, world.admin)); // no receipt: rolled back
    expect(await db.select().from(jobOutbox)).toHaveLength(before.length);
    expect((await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id))).map((e) => e.action)).toEqual([
      "booked",
      "confirmed",
      "assigned",
      "started",
    ]);
  });
});
