import { eq, sum } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { rateLimitBuckets, ticketImages } from "@/db/schema";
import { getDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { cleanUploadedImage } from "@/lib/files/images";
import { timeSlots } from "@/lib/tickets/enums";
import { addDays, localDate } from "@/lib/tickets/slots";
import { withTestDatabase } from "@/test/db";
import { bookingFor, createCenter, createTechnician, jpegBytes, tomorrow } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { persistentState } from "./support";

/**
 * Public booking does the cheap work first (docs/security.md): fields and limits are checked before the
 * photos are decoded, and every attempt counts toward the per-address limit. Four 7000×7000 PNGs are
 * small on the wire (~150 kB each) and cost about a second of CPU and tens of MB to decode; a booking
 * that is refused anyway must not pay that.
 */

// This file's own limits: one technician per center and one job per slot, a small address allowance.
process.env.JOBS_PER_SLOT = "1";
process.env.BOOKING_LIMIT_PER_IP_PER_HOUR = "8";
process.env.BOOKING_LIMIT_PER_PHONE_PER_DAY = "1";
resetEnvCache();

withTestDatabase();
withApiServer();

let center: Awaited<ReturnType<typeof createCenter>>;
let bigPng: Buffer;
/** Time to check and decode ONE of the large photos, measured in this run (the machine's speed varies). */
let oneDecodeMs: number;
let addressCounter = 0;
const newAddress = () => `198.51.100.${++addressCounter}`;

beforeAll(async () => {
  center = await createCenter();
  await createTechnician(center.id);
  bigPng = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: "#808080" } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const started = performance.now();
  await cleanUploadedImage(bigPng, "photos");
  oneDecodeMs = performance.now() - started;
  // The first request to the route pays for loading it: not what is measured here.
  await timedPost(multipartBooking({ ...fields(), appointment_date: "2020-01-01" }, [bigPng]), "198.51.100.250");
}, 120_000);

function multipartBooking(fields: Record<string, string>, photos: Buffer[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const p of photos) form.append("photos", new File([new Uint8Array(p)], "fault.png", { type: "image/png" }));
  return form;
}

const fourBigPhotos = () => [bigPng, bigPng, bigPng, bigPng];

async function attemptsCounted(ip: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sum(rateLimitBuckets.count) })
    .from(rateLimitBuckets)
    .where(eq(rateLimitBuckets.key, `booking:ip:${ip}`));
  return Number(row?.n ?? 0);
}

async function timedPost(form: FormData, ip: string) {
  const started = performance.now();
  const res = await api("POST", "/api/public/booking", { form, headers: { "x-forwarded-for": ip } });
  return { res, ms: performance.now() - started };
}

describe("a refused booking with large photos", () => {
  const refusals: [string, number, string, () => Promise<Record<string, string>>][] = [
    ["a date in the past", 422, "invalid_input", async () => ({ ...fields(), appointment_date: "2020-01-01" })],
    ["a district we do not serve", 422, "invalid_input", async () => ({ ...fields(), district: "Nowhere" })],
    [
      "a slot that is already full",
      409,
      "slot_full",
      async () => {
        const taken = { ...fields(), appointment_date: addDays(tomorrow(), 3), appointment_slot: "14:00-16:00" };
        const first = await api("POST", "/api/public/booking", { json: taken, headers: { "x-forwarded-for": newAddress() } });
        expect(first.status).toBe(201);
        return { ...taken, phone: randomPhone(), idempotency_key: crypto.randomUUID() };
      },
    ],
    [
      "a phone number that has booked today already",
      429,
      "rate_limited",
      async () => {
        const phone = randomPhone();
        const first = await api("POST", "/api/public/booking", {
          json: { ...fields(), phone, appointment_date: addDays(tomorrow(), 5) },
          headers: { "x-forwarded-for": newAddress() },
        });
        expect(first.status).toBe(201);
        return { ...fields(), phone, appointment_date: addDays(tomorrow(), 6) };
      },
    ],
  ];

  for (const [why, status, code, prepare] of refusals) {
    it(`${why}: answered before any photo is decoded, writing nothing, and counted`, async () => {
      const form = multipartBooking(await prepare(), fourBigPhotos());
      const ip = newAddress();
      const before = await persistentState();
      const { res, ms } = await timedPost(form, ip);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      // Decoding all four (what the refused request used to do) takes 4× oneDecodeMs (~1 s here before
      // the fix); the refusal answers in well under half of that, with room for a busy machine.
      expect(ms, `refused in ${ms.toFixed(0)} ms; one decode takes ${oneDecodeMs.toFixed(0)} ms`).toBeLessThan(2 * oneDecodeMs);
      expect(await persistentState()).toEqual(before);
      expect(await attemptsCounted(ip)).toBe(1);
    });
  }

  it("every attempt from an address counts, refused or not, until the address is turned away", async () => {
    const ip = newAddress();
    for (let i = 1; i <= 8; i++) {
      const { res } = await timedPost(multipartBooking({ ...fields(), appointment_date: "2020-01-01" }, fourBigPhotos()), ip);
      expect(res.status).toBe(422);
      expect(await attemptsCounted(ip)).toBe(i);
    }
    // The ninth, even a perfectly good booking, is refused for the address.
    const { res, ms } = await timedPost(multipartBooking(fields(), fourBigPhotos()), ip);
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: "rate_limited", details: { retry_after_seconds: 3600 } });
    expect(res.headers.get("retry-after")).toBe("3600");
    expect(ms).toBeLessThan(2 * oneDecodeMs);
    // Another address is not affected.
    const other = await timedPost(multipartBooking(fields(), [await jpegBytes({ color: "#cc6600" })]), newAddress());
    expect(other.res.status).toBe(201);
  });

  it("a booking that passes every check still gets its photos decoded and stored", async () => {
    const { res } = await timedPost(
      multipartBooking({ ...fields(), appointment_date: addDays(tomorrow(), 8) }, [await jpegBytes({ color: "#2266aa" })]),
      newAddress(),
    );
    expect(res.status).toBe(201);
    const db = await getDb();
    const images = await db.select().from(ticketImages).where(eq(ticketImages.ticketId, res.body.ticket_id));
    expect(images.map((i) => i.kind)).toEqual(["ISSUE"]);
  });
});

let slotCounter = 0;
/** A valid booking for a fresh (day, slot) and phone, so only the refusal under test can refuse it. */
function fields(): Record<string, string> {
  const n = slotCounter++;
  const date = addDays(localDate(new Date(), "Asia/Shanghai"), 10 + Math.floor(n / 4));
  const slot = timeSlots[n % timeSlots.length]!;
  const b = bookingFor(center, { appointment_date: date, appointment_slot: slot, phone: randomPhone() });
  return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

function randomPhone() {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
}
