import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { withTestDatabase } from "@/test/db";
import { appErrorFrom, bookingFor, createCenter, createTechnician, createWorld } from "@/test/fixtures";
import { bookableDays } from "./availability";
import { createBooking } from "./booking";
import { timeSlots, type TimeSlot } from "./enums";
import { addDays, BOOKING_WINDOW_DAYS, localDate } from "./slots";
import { cancelTicket } from "./transitions";

// One place per technician and slot: a day of a one-technician center is full after four bookings.
process.env.JOBS_PER_SLOT = "1";
resetEnvCache();

withTestDatabase();

const TZ = "Asia/Shanghai";
const today = localDate(new Date(), TZ);
/** A moment of today in the service's time zone, e.g. "15:00". */
const todayAt = (time: string) => new Date(`${today}T${time}:00+08:00`);

let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter % 250}`;

type Center = Awaited<ReturnType<typeof createCenter>>;

async function book(center: Center, date: string, slot: TimeSlot, now = todayAt("08:00")) {
  return createBooking(bookingFor(center, { appointment_date: date, appointment_slot: slot, idempotency_key: randomUUID() }), {
    ip: nextIp(),
    baseUrl: "http://test.local",
    now,
  });
}

const daysOf = async (center: Center, now = todayAt("08:00")) =>
  bookableDays(center.city, center.districts[0]!, { ip: nextIp(), now });

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld(); // one active technician: one place per slot
});

describe("which days of the booking window still have a free slot", () => {
  it("covers today up to 30 days ahead, one entry per day, in order", async () => {
    const answer = await daysOf(world.center);
    expect(answer.center).toBe(world.center.name);
    expect(answer.from).toBe(today);
    expect(answer.to).toBe(addDays(today, BOOKING_WINDOW_DAYS));
    expect(answer.days).toHaveLength(BOOKING_WINDOW_DAYS + 1);
    expect(answer.days.map((d) => d.date)).toEqual(
      Array.from({ length: BOOKING_WINDOW_DAYS + 1 }, (_, i) => addDays(today, i)),
    );
    expect(answer.days[5]).toEqual({ date: addDays(today, 5), status: "available", remaining: timeSlots.length });
  });

  it("marks a day full once every slot is booked, and free again when a booking is canceled", async () => {
    const date = addDays(today, 12);
    const booked = [];
    for (const slot of timeSlots) booked.push(await book(world.center, date, slot));
    let day = (await daysOf(world.center)).days.find((d) => d.date === date)!;
    expect(day).toEqual({ date, status: "full", remaining: 0 });
    // The neighbours are untouched.
    expect((await daysOf(world.center)).days.find((d) => d.date === addDays(date, 1))!.status).toBe("available");

    await cancelTicket(booked[0]!.ticket_id, 1, "customer called", world.admin);
    day = (await daysOf(world.center)).days.find((d) => d.date === date)!;
    expect(day).toEqual({ date, status: "available", remaining: 1 });
  });

  it("counts capacity per center: the same bookings fill a one-technician center but not a two-technician one", async () => {
    const small = await createCenter();
    await createTechnician(small.id);
    const large = await createCenter();
    await createTechnician(large.id);
    await createTechnician(large.id);
    await createTechnician(large.id, { active: false }); // an inactive technician adds nothing
    const date = addDays(today, 20);
    for (const center of [small, large]) for (const slot of timeSlots) await book(center, date, slot);

    expect((await daysOf(small)).days.find((d) => d.date === date)).toMatchObject({ status: "full", remaining: 0 });
    expect((await daysOf(large)).days.find((d) => d.date === date)).toMatchObject({
      status: "available",
      remaining: timeSlots.length,
    });
  });

  it("calls every day closed at a center without an active technician", async () => {
    const empty = await createCenter();
    await createTechnician(empty.id, { active: false });
    const answer = await daysOf(empty);
    expect(new Set(answer.days.map((d) => d.status))).toEqual(new Set(["closed"]));
  });

  it("judges today by the slots that have not begun yet", async () => {
    const center = await createCenter();
    await createTechnician(center.id);
    const todayOf = async (now: Date) => (await daysOf(center, now)).days[0]!;
    // 15:00: only 16:00–18:00 is left today.
    expect(await todayOf(todayAt("15:00"))).toEqual({ date: today, status: "available", remaining: 1 });
    await book(center, today, "16:00-18:00", todayAt("15:00"));
    expect(await todayOf(todayAt("15:00"))).toEqual({ date: today, status: "full", remaining: 0 });
    // After the last slot has begun, nothing can be booked today, booked or not.
    const other = await createCenter();
    await createTechnician(other.id);
    expect((await daysOf(other, todayAt("16:30"))).days[0]).toEqual({ date: today, status: "ended", remaining: 0 });
  });

  it("refuses a district it does not serve, naming the field", async () => {
    const err = await appErrorFrom(bookableDays(world.center.city, "Nowhere", { ip: nextIp() }));
    expect(err.code).toBe("invalid_input");
    expect(err.details).toEqual({ fields: [{ path: "district", message: "We do not serve this district yet" }] });
  });

  it("limits lookups per client address", async () => {
    const ip = "192.0.2.99";
    for (let i = 0; i < 120; i++) await bookableDays(world.center.city, world.center.districts[0]!, { ip });
    const err = await appErrorFrom(bookableDays(world.center.city, world.center.districts[0]!, { ip }));
    expect(err.code).toBe("rate_limited");
    expect(err.details).toEqual({ retry_after_seconds: 600 });
  });
});
