import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { withTestDatabase } from "@/test/db";
import { appErrorFrom, bookingFor, createCenter, createTechnician, writeCounts } from "@/test/fixtures";
import { createBooking } from "./booking";

// Low limits for this file only.
process.env.BOOKING_LIMIT_PER_IP_PER_HOUR = "3";
process.env.BOOKING_LIMIT_PER_PHONE_PER_DAY = "2";
resetEnvCache();

withTestDatabase();

const ctx = (ip: string) => ({ ip, baseUrl: "http://test.local" });
let center: Awaited<ReturnType<typeof createCenter>>;

beforeAll(async () => {
  center = await createCenter();
  await createTechnician(center.id);
});

describe("public booking rate limits", () => {
  it("refuses a phone number's third booking of the day, from any network, writing nothing", async () => {
    const phone = "13512340000";
    await createBooking(bookingFor(center, { phone }), ctx("10.1.0.1"));
    await createBooking(bookingFor(center, { phone: "+86 135 1234 0000" }), ctx("10.1.0.2")); // same number
    const before = await writeCounts();
    const err = await appErrorFrom(createBooking(bookingFor(center, { phone }), ctx("10.1.0.3")));
    expect(err).toMatchObject({ code: "rate_limited", details: { retry_after_seconds: 86_400 } });
    expect(err.message).toMatch(/phone number/);
    expect(await writeCounts()).toEqual(before);
    // Another number is not affected.
    await createBooking(bookingFor(center, { phone: "13512340001" }), ctx("10.1.0.3"));
  });

  it("refuses a network's fourth booking in the hour, whatever the phone, writing nothing", async () => {
    const ip = "10.2.0.1";
    for (let i = 0; i < 3; i++) await createBooking(bookingFor(center, { phone: `1360000000${i}` }), ctx(ip));
    const before = await writeCounts();
    const err = await appErrorFrom(createBooking(bookingFor(center, { phone: "13600000009" }), ctx(ip)));
    expect(err).toMatchObject({ code: "rate_limited", details: { retry_after_seconds: 3600 } });
    expect(err.message).toMatch(/network/);
    expect(await writeCounts()).toEqual(before);
    // Still refused on the next try; another network is fine.
    expect((await appErrorFrom(createBooking(bookingFor(center), ctx(ip)))).code).toBe("rate_limited");
    await createBooking(bookingFor(center), ctx("10.2.0.2"));
  });

  it("holds under a burst: of 8 concurrent bookings from one network exactly 3 get through", async () => {
    const ip = "10.3.0.1";
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => createBooking(bookingFor(center, { phone: `1370000001${i}` }), ctx(ip))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited" });
    }
  });

  it("does not charge a retried submission (same idempotency key) against the phone's daily limit", async () => {
    const phone = "13800001111";
    const input = bookingFor(center, { phone, idempotency_key: randomUUID() });
    const first = await createBooking(input, ctx("10.4.0.1"));
    for (let i = 0; i < 4; i++) {
      expect(await createBooking(input, ctx(`10.4.1.${i}`))).toMatchObject({ ticket_id: first.ticket_id, replayed: true });
    }
    // The phone's second booking of the day is still available.
    await createBooking(bookingFor(center, { phone }), ctx("10.4.0.2"));
  });

  it("counts every attempt against the address: repeats and refusals use up its allowance too", async () => {
    const ip = "10.5.0.1";
    const input = bookingFor(center, { idempotency_key: randomUUID() });
    const first = await createBooking(input, ctx(ip));
    expect(await createBooking(input, ctx(ip))).toMatchObject({ ticket_id: first.ticket_id, replayed: true });
    const refused = await appErrorFrom(createBooking(bookingFor(center, { appointment_date: "2020-01-01" }), ctx(ip)));
    expect(refused.code).toBe("invalid_input");
    // Three attempts made: the fourth is turned away, even a repeat of the first.
    expect(await appErrorFrom(createBooking(input, ctx(ip)))).toMatchObject({ code: "rate_limited" });
  });
});
