import { randomUUID } from "node:crypto";
import { and, count, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tickets } from "@/db/schema";
import { getDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { settleJobs } from "@/lib/jobs/outbox";
import { withTestDatabase } from "@/test/db";
import {
  appErrorFrom,
  bookingFor,
  createCenter,
  createStaff,
  createTechnician,
  ticketTrail,
  tomorrow,
  writeCounts,
} from "@/test/fixtures";
import { availableSlots, createBooking } from "./booking";
import { addDays } from "./slots";
import { cancelTicket } from "./transitions";

// Small slots, so "more bookings than fit" stays cheap: capacity = active technicians × 3.
process.env.JOBS_PER_SLOT = "3";
resetEnvCache();

withTestDatabase();

let ipCounter = 0;
/** A fresh client address per request, so the per-IP limit stays out of tests that are not about it. */
const ctx = (extra: { now?: Date; ip?: string } = {}) => ({
  ip: extra.ip ?? `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
  baseUrl: "http://test.local",
  now: extra.now,
});

async function centerWith(activeTechs: number, inactiveTechs = 0) {
  const center = await createCenter();
  for (let i = 0; i < activeTechs; i++) await createTechnician(center.id);
  for (let i = 0; i < inactiveTechs; i++) await createTechnician(center.id, { active: false });
  return center;
}

async function liveBookings(centerId: string, date: string, slot: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(tickets)
    .where(
      and(
        eq(tickets.centerId, centerId),
        eq(tickets.appointmentDate, date),
        eq(tickets.appointmentSlot, slot),
        ne(tickets.status, "CANCELED"),
      ),
    );
  return row!.n;
}

describe("a booking", () => {
  it("creates a BOOKED ticket routed to the district's center, with a code and a working tracking link", async () => {
    const center = await centerWith(1);
    const result = await createBooking(bookingFor(center, { phone: "+86 139-1234-5678" }), ctx());
    expect(result).toMatchObject({
      status: "BOOKED",
      center_name: center.name,
      appointment_date: tomorrow(),
      appointment_slot: "14:00-16:00",
      replayed: false,
    });
    expect(result.code).toMatch(/^TK\d{6}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(result.tracking_url).toBe(`http://test.local/track/${result.tracking_token}`);
    const { ticket } = await ticketTrail(result.ticket_id);
    // The phone is kept only hashed, encrypted and masked.
    expect(ticket).toMatchObject({ centerId: center.id, phoneMasked: "139****5678", phoneLast4: "5678" });
    expect(JSON.stringify(ticket)).not.toContain("13912345678");
  });
});

describe("idempotent booking", () => {
  let center: Awaited<ReturnType<typeof centerWith>>;
  beforeAll(async () => {
    center = await centerWith(3);
  });

  it("answers a repeated submission with the first ticket, marked replayed", async () => {
    const input = bookingFor(center, { idempotency_key: randomUUID() });
    const first = await createBooking(input, ctx());
    const before = await writeCounts();
    const second = await createBooking(input, ctx());
    expect(second).toMatchObject({ ticket_id: first.ticket_id, code: first.code, replayed: true });
    expect(first.replayed).toBe(false);
    // The replay hands back a working tracking link too.
    expect(second.tracking_token).toBeTruthy();
    expect(await writeCounts()).toEqual(before);
  });

  it("answers a repeat with the first ticket even after its day has passed", async () => {
    const input = bookingFor(center, { idempotency_key: randomUUID(), appointment_date: tomorrow() });
    const first = await createBooking(input, ctx());
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect(await createBooking(input, ctx({ now: later }))).toMatchObject({
      ticket_id: first.ticket_id,
      replayed: true,
    });
    // Without the key, the same request is refused: the day is in the past by then.
    await expect(createBooking({ ...input, idempotency_key: undefined }, ctx({ now: later }))).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("creates one ticket when 10 identical submissions arrive at once", async () => {
    const input = bookingFor(center, { idempotency_key: randomUUID(), appointment_slot: "09:00-11:00" });
    const ip = "10.99.0.1"; // one client, double-tapping
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createBooking(input, ctx({ ip }))));
    const failures = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(failures).toEqual([]);
    const answers = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof createBooking>>>).value);
    expect(new Set(answers.map((a) => a.ticket_id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.code)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(answers.filter((a) => a.replayed)).toHaveLength(9);
    const db = await getDb();
    expect(await db.select().from(tickets).where(eq(tickets.idempotencyKey, input.idempotency_key!))).toHaveLength(1);
    await settleJobs();
    const { events, outbox } = await ticketTrail(answers[0]!.ticket_id);
    expect(events.map((e) => e.action)).toEqual(["booked"]);
    expect(outbox).toHaveLength(1);
  });

  it("refuses the same key for a different booking (another phone) with conflict, writing nothing", async () => {
    const key = randomUUID();
    await createBooking(bookingFor(center, { idempotency_key: key, phone: "13700000001" }), ctx());
    const before = await writeCounts();
    const err = await appErrorFrom(
      createBooking(bookingFor(center, { idempotency_key: key, phone: "13700000002" }), ctx()),
    );
    expect(err.code).toBe("conflict");
    expect(await writeCounts()).toEqual(before);
  });
});

describe("slot capacity", () => {
  it("lets exactly capacity bookings into a slot when many arrive at once; the rest get slot_full", async () => {
    // 2 active technicians × 3 jobs per slot = 6 places; the inactive one adds none.
    const center = await centerWith(2, 1);
    const date = addDays(tomorrow(), 2);
    const slot = "11:00-13:00" as const;
    const attempts = 15;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, () =>
        createBooking(bookingFor(center, { appointment_date: date, appointment_slot: slot }), ctx()),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(ok).toHaveLength(6);
    expect(refused).toHaveLength(attempts - 6);
    for (const e of refused) {
      expect(e).toMatchObject({ code: "slot_full", details: { fields: [{ path: "appointment_slot" }] } });
    }
    expect(await liveBookings(center.id, date, slot)).toBe(6);

    const view = await availableSlots(center.city, center.districts[0]!, date);
    expect(view.center).toBe(center.name);
    expect(view.slots.map((s) => [s.slot, s.capacity, s.remaining, s.available])).toEqual([
      ["09:00-11:00", 6, 6, true],
      ["11:00-13:00", 6, 0, false],
      ["14:00-16:00", 6, 6, true],
      ["16:00-18:00", 6, 6, true],
    ]);
  });

  it("frees a place when a booking is canceled, and reports remaining places", async () => {
    const center = await centerWith(1); // 3 places
    const admin = await createStaff("admin");
    const date = addDays(tomorrow(), 3);
    const slot = "16:00-18:00" as const;
    const booked = [];
    for (let i = 0; i < 3; i++) {
      booked.push(await createBooking(bookingFor(center, { appointment_date: date, appointment_slot: slot }), ctx()));
      const view = await availableSlots(center.city, center.districts[0]!, date);
      expect(view.slots.find((s) => s.slot === slot)).toMatchObject({ capacity: 3, remaining: 2 - i });
    }
    const full = await appErrorFrom(
      createBooking(bookingFor(center, { appointment_date: date, appointment_slot: slot }), ctx()),
    );
    expect(full.code).toBe("slot_full");

    await cancelTicket(booked[0]!.ticket_id, 1, "customer called", admin);
    const view = await availableSlots(center.city, center.districts[0]!, date);
    expect(view.slots.find((s) => s.slot === slot)).toMatchObject({ remaining: 1, available: true });
    await createBooking(bookingFor(center, { appointment_date: date, appointment_slot: slot }), ctx());
    expect(await liveBookings(center.id, date, slot)).toBe(3);
  });

  it("counts only active technicians: a center whose technicians are all inactive takes no bookings", async () => {
    const center = await centerWith(0, 2);
    const view = await availableSlots(center.city, center.districts[0]!, tomorrow());
    expect(view.slots.every((s) => s.capacity === 0 && s.remaining === 0 && !s.available)).toBe(true);
    const before = await writeCounts();
    expect((await appErrorFrom(createBooking(bookingFor(center), ctx()))).code).toBe("slot_full");
    expect(await writeCounts()).toEqual(before);
  });

  it("does not offer today's slots that have already begun", async () => {
    const center = await centerWith(1);
    const now = new Date("2026-03-02T04:30:00Z"); // 12:30 in Shanghai
    const view = await availableSlots(center.city, center.districts[0]!, "2026-03-02", now);
    expect(view.slots.map((s) => [s.slot, s.remaining, s.available])).toEqual([
      ["09:00-11:00", 3, false],
      ["11:00-13:00", 3, false],
      ["14:00-16:00", 3, true],
      ["16:00-18:00", 3, true],
    ]);
  });
});

describe("bookings that cannot be taken write nothing", () => {
  let center: Awaited<ReturnType<typeof centerWith>>;
  // 15:10 on 2026-03-02 in Shanghai (07:10 UTC).
  const now = new Date("2026-03-02T07:10:00Z");
  beforeAll(async () => {
    center = await centerWith(1);
  });

  it.each([
    ["a past date", { appointment_date: "2026-03-01" }, "appointment_date", /past/],
    ["a date more than 30 days ahead", { appointment_date: "2026-04-02" }, "appointment_date", /30 days/],
    [
      "a slot that began today",
      { appointment_date: "2026-03-02", appointment_slot: "14:00-16:00" },
      "appointment_slot",
      /already begun/,
    ],
    ["an impossible date", { appointment_date: "2026-02-30" }, "appointment_date", /YYYY-MM-DD/],
    ["a phone that is not a mobile", { phone: "021-62345678" }, "phone", /mobile/],
  ] as const)("refuses %s with invalid_input on that field", async (_what, overrides, path, message) => {
    const before = await writeCounts();
    const err = await appErrorFrom(createBooking(bookingFor(center, overrides), ctx({ now })));
    expect(err.code).toBe("invalid_input");
    expect(err.details).toEqual({ fields: [{ path, message: expect.stringMatching(message) }] });
    expect(await writeCounts()).toEqual(before);
  });

  it("accepts the edges: today's later slot and exactly 30 days ahead", async () => {
    const later = await createBooking(
      bookingFor(center, { appointment_date: "2026-03-02", appointment_slot: "16:00-18:00" }),
      ctx({ now }),
    );
    expect(later.code.slice(0, 8)).toBe("TK260302");
    await createBooking(bookingFor(center, { appointment_date: "2026-04-01" }), ctx({ now }));
  });

  it("refuses a district nobody serves, without saying more", async () => {
    const before = await writeCounts();
    const err = await appErrorFrom(createBooking(bookingFor(center, { district: "Nowhere" }), ctx()));
    expect(err).toMatchObject({ code: "invalid_input", details: { fields: [{ path: "district" }] } });
    const otherCity = await appErrorFrom(
      createBooking(bookingFor({ city: "Atlantis", districts: center.districts }), ctx()),
    );
    expect(otherCity.code).toBe("invalid_input");
    expect(await writeCounts()).toEqual(before);
    await expect(availableSlots(center.city, "Nowhere", tomorrow())).rejects.toMatchObject({ code: "invalid_input" });
  });
});
