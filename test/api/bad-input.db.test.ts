import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ticketImages, tickets } from "@/db/schema";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { rotateTrackingLink } from "@/lib/tickets/tracking";
import { addDays, localDate } from "@/lib/tickets/slots";
import type { BookingInput } from "@/lib/tickets/schemas";
import { withTestDatabase } from "@/test/db";
import { bookingFor, createTechnician, jpegBytes, tomorrow } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { sessionCookie } from "@/test/http/session";
import {
  addReceipt,
  createApiWorld,
  fileForm,
  freshTicket,
  nextAppointment,
  describeBadInputs,
  invalid,
  persistentState,
  uploadedFiles,
  type ApiWorld,
  type BadInput,
} from "./support";

/**
 * Bad input over HTTP (docs/security.md): every rejection is a clear 4xx in the one error shape, names the
 * offending fields, and writes nothing — no ticket, event, image, audit entry, outbox row or tracking
 * link, no change of any ticket's status or version, no file under UPLOAD_ROOT.
 */

withTestDatabase();
withApiServer();

const KB10 = "x".repeat(10 * 1024);
const SCRIPT = "<script>alert(1)</script>";
const SQL = "'; DROP TABLE tickets; --";

let world: ApiWorld;
let ctx: {
  booked: { id: string; version: number };
  confirmed: { id: string; version: number };
  assigned: { id: string; version: number; trackingToken: string };
  inProgressNoReceipt: { id: string; version: number };
  completed: { id: string; version: number };
  imageId: string;
  inactiveTechId: string;
  revokedTrackingToken: string;
  usedIdempotencyKey: string;
};

beforeAll(async () => {
  world = await createApiWorld();
  adminCookie = await sessionCookie(world.admin);
  const [booked, confirmed, assigned, inProgress, completed, rotated] = await Promise.all([
    freshTicket("BOOKED", world),
    freshTicket("CONFIRMED", world),
    freshTicket("ASSIGNED", world),
    freshTicket("IN_PROGRESS", world),
    freshTicket("COMPLETED", world),
    freshTicket("BOOKED", world),
  ]);
  await addReceipt(assigned.id, world.admin);
  const db = await getDb();
  const [image] = await db.select().from(ticketImages).where(eq(ticketImages.ticketId, assigned.id));
  const inactive = await createTechnician(world.center.id, { active: false });
  await rotateTrackingLink(rotated.id, world.admin, "http://test.local");
  const usedKey = `used-key-${Date.now()}`;
  const first = await api("POST", "/api/public/booking", {
    json: { ...booking(), idempotency_key: usedKey },
  });
  expect(first.status).toBe(201);
  ctx = {
    booked,
    confirmed,
    assigned: { ...assigned, trackingToken: assigned.booking.tracking_token },
    inProgressNoReceipt: inProgress,
    completed,
    imageId: image!.id,
    inactiveTechId: inactive.id,
    revokedTrackingToken: rotated.booking.tracking_token,
    usedIdempotencyKey: usedKey,
  };
});

const booking = (overrides: Partial<Record<keyof BookingInput, unknown>> = {}) => ({
  ...bookingFor(world.center, nextAppointment()),
  ...overrides,
});
const today = () => localDate(new Date(), getEnv().APP_TIMEZONE);
const admin = () => ({ token: world.admin.token });
/** Tokens are created by signed-in people only (a bearer token gets 403): the admin's session cookie. */
let adminCookie: string;
const adminSession = () => ({ cookie: adminCookie });

const postBooking = (json: unknown) => api("POST", "/api/public/booking", { json });
const postRaw = (p: string, body: BodyInit, contentType?: string, token?: string) =>
  api("POST", p, { body, token, headers: contentType ? { "content-type": contentType } : {} });
const confirm = (id: string, json: unknown) => api("POST", `/api/tickets/${id}/confirm`, { ...admin(), json });
const assign = (json: Record<string, unknown>) =>
  api("POST", `/api/tickets/${ctx.confirmed.id}/assign`, { ...admin(), json: { version: ctx.confirmed.version, ...json } });
const upload = (form: FormData, id = ctx.assigned.id) =>
  api("POST", `/api/tickets/${id}/images`, { ...admin(), form });
const listTickets = (query: string) => api("GET", `/api/tickets?${query}`, admin());

/** Bytes that start like an ELF executable / a Windows PE executable. */
const elfBytes = () =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.from("payload".repeat(200))]);
function peBytes() {
  const b = Buffer.alloc(1024);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  return b;
}
/** A JPEG start-of-image marker followed by junk: sniffs as JPEG, does not decode. */
const fakeJpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("not really a jpeg".repeat(64))]);

async function trackingToken(opts: { secret?: string; ticketId?: string; jti?: string; alg?: "HS256" | "none" }) {
  if (opts.alg === "none") {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${enc({ alg: "none" })}.${enc({ sub: opts.ticketId, jti: opts.jti, aud: "servicehub:track", exp: 9999999999 })}.`;
  }
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(opts.ticketId ?? ctx.assigned.id)
    .setJti(opts.jti ?? crypto.randomUUID())
    .setAudience("servicehub:track")
    .setExpirationTime("1d")
    .sign(new TextEncoder().encode(opts.secret ?? getEnv().LINK_SIGNING_SECRET));
}

/** `bytes` as a chunked body (no Content-Length), pulled 64 kB at a time; `sent()` says how much was pulled. */
function streamOf(bytes: Uint8Array | number, fill = 0x20) {
  const total = typeof bytes === "number" ? bytes : bytes.length;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      const n = Math.min(64 * 1024, total - sent);
      c.enqueue(typeof bytes === "number" ? new Uint8Array(n).fill(fill) : bytes.slice(sent, sent + n));
      sent += n;
    },
  });
  return Object.assign(stream, { sent: () => sent });
}

const bookingFields = [
  "customer_name",
  "phone",
  "city",
  "district",
  "address",
  "appliance_type",
  "issue_desc",
  "appointment_date",
  "appointment_slot",
];

const badInputs: BadInput[] = [
  // ── POST /api/public/booking: shape and types ───────────────────────────────────────────────
  invalid("booking: every field missing ({})", bookingFields, () => postBooking({})),
  invalid("booking: one required field missing (phone)", ["phone"], () => {
    const { phone: _phone, ...rest } = booking();
    return postBooking(rest);
  }),
  invalid("booking: a number for customer_name", ["customer_name"], () => postBooking(booking({ customer_name: 12345 }))),
  invalid("booking: an object for address and a boolean for the date", ["address", "appointment_date"], () =>
    postBooking(booking({ address: { street: "x" }, appointment_date: true })),
  ),
  invalid("booking: an array body", ["(root)"], () => postBooking([booking()])),
  invalid("booking: a JSON null body", ["(root)"], () => postBooking(null)),
  invalid("booking: a JSON string body", ["(root)"], () => postBooking("customer_name=张三")),
  invalid("booking: a whitespace-only name", ["customer_name"], () => postBooking(booking({ customer_name: "   " }))),

  invalid("booking: 100 000-deep nested arrays", ["(root)"], () =>
    postRaw("/api/public/booking", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, "application/json"),
  ),

  // ── NUL characters (Postgres text cannot store U+0000) ───────────────────────────────────────
  invalid("booking: a NUL character in customer_name", ["customer_name"], () =>
    postBooking(booking({ customer_name: "张\u0000三" })),
  ),
  invalid("booking (multipart): a NUL character in issue_desc", ["issue_desc"], () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(booking({ issue_desc: "漏水\u0000" }))) form.append(k, String(v));
    return api("POST", "/api/public/booking", { form });
  }),
  invalid("cancel: a NUL character in the reason", ["reason"], () =>
    api("POST", `/api/tickets/${ctx.booked.id}/cancel`, {
      ...admin(),
      json: { version: ctx.booked.version, reason: "改期\u0000" },
    }),
  ),
  invalid("list: a NUL character in the keyword", ["q"], () => listTickets("q=a%00b")),
  invalid("slots: a NUL character in the city", ["city"], () =>
    api("GET", `/api/public/slots?city=a%00b&district=x&date=${tomorrow()}`),
  ),
  invalid("tokens: a NUL character in the name", ["name"], () =>
    api("POST", "/api/tokens", { ...adminSession(), json: { name: "ci\u0000" } }),
  ),
  invalid("track cancel: a NUL character in the reason", ["reason"], () =>
    api("POST", `/api/public/track/${ctx.assigned.trackingToken}/cancel`, { json: { reason: "\u0000" } }),
  ),

  // ── 10 kB in every text field ───────────────────────────────────────────────────────────────
  ...(
    [
      "customer_name",
      "phone",
      "city",
      "district",
      "address",
      "appliance_type",
      "appliance_model",
      "issue_desc",
      "appointment_date",
      "appointment_slot",
      "idempotency_key",
    ] as const
  ).map((field) => invalid(`booking: 10 kB in ${field}`, [field], () => postBooking(booking({ [field]: KB10 })))),

  // ── dates, phones, enums, places ────────────────────────────────────────────────────────────
  invalid("booking: a date in the past", ["appointment_date"], () =>
    postBooking(booking({ appointment_date: addDays(today(), -1) })),
  ),
  invalid("booking: a date more than 30 days ahead", ["appointment_date"], () =>
    postBooking(booking({ appointment_date: addDays(today(), 31) })),
  ),
  invalid("booking: an impossible date (2026-02-30)", ["appointment_date"], () =>
    postBooking(booking({ appointment_date: "2026-02-30" })),
  ),
  invalid("booking: a date not in YYYY-MM-DD form (2026-3-5)", ["appointment_date"], () =>
    postBooking(booking({ appointment_date: "2026-3-5" })),
  ),
  ...["12345", "23812345678", "1381234567a", "+1 415 555 0100", "138123456789"].map((phone) =>
    invalid(`booking: bad phone ${JSON.stringify(phone)}`, ["phone"], () => postBooking(booking({ phone }))),
  ),
  invalid("booking: an unknown appliance type", ["appliance_type"], () =>
    postBooking(booking({ appliance_type: "toaster" })),
  ),
  invalid("booking: an unknown time slot", ["appointment_slot"], () =>
    postBooking(booking({ appointment_slot: "08:00-10:00" })),
  ),
  invalid("booking: a district nobody serves", ["district"], () => postBooking(booking({ district: "不存在区" }))),
  invalid("booking: an idempotency key with bad characters", ["idempotency_key"], () =>
    postBooking(booking({ idempotency_key: "key with spaces;<>" })),
  ),
  invalid("booking: an idempotency header with bad characters", ["idempotency_key"], () =>
    api("POST", "/api/public/booking", { json: booking(), headers: { "idempotency-key": "../../etc/passwd" } }),
  ),
  invalid("booking: an idempotency key too short", ["idempotency_key"], () =>
    postBooking(booking({ idempotency_key: "abc" })),
  ),
  {
    name: "booking: an idempotency key already used for another phone",
    status: 409,
    code: "conflict",
    send: () => postBooking(booking({ idempotency_key: ctx.usedIdempotencyKey })),
  },

  // ── how the body is sent ────────────────────────────────────────────────────────────────────
  {
    name: "booking: JSON sent as text/plain",
    status: 415,
    code: "unsupported_media_type",
    send: () => postRaw("/api/public/booking", JSON.stringify(booking()), "text/plain"),
  },
  {
    name: "booking: form-urlencoded on a JSON/multipart route",
    status: 415,
    code: "unsupported_media_type",
    send: () =>
      postRaw(
        "/api/public/booking",
        new URLSearchParams(booking() as unknown as Record<string, string>).toString(),
        "application/x-www-form-urlencoded",
      ),
  },
  {
    name: "booking: invalid JSON",
    status: 400,
    code: "invalid_json",
    send: () => postRaw("/api/public/booking", '{"customer_name": "张三", ', "application/json"),
  },
  invalid("booking: an empty JSON body", bookingFields, () => postRaw("/api/public/booking", "", "application/json")),
  {
    name: "booking: an empty body without a content type",
    status: 415,
    code: "unsupported_media_type",
    send: () => api("POST", "/api/public/booking"),
  },
  {
    name: "booking: an oversized JSON body (300 kB, declared length)",
    status: 413,
    code: "payload_too_large",
    send: () => postBooking(booking({ issue_desc: "x".repeat(300 * 1024) })),
  },
  {
    name: "booking: an oversized JSON body (300 kB, streamed without a length)",
    status: 413,
    code: "payload_too_large",
    send: () => {
      const bytes = new TextEncoder().encode(JSON.stringify(booking({ issue_desc: "x".repeat(300 * 1024) })));
      return postRaw("/api/public/booking", streamOf(bytes), "application/json");
    },
  },
  invalid("booking (multipart): an executable as a fault photo", ["photos"], () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(booking())) form.append(k, String(v));
    form.append("photos", new File([elfBytes()], "photo.jpg", { type: "image/jpeg" }));
    return api("POST", "/api/public/booking", { form });
  }),
  invalid("booking (multipart): photos sent as text", ["photos"], () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(booking())) form.append(k, String(v));
    form.append("photos", "/etc/passwd");
    return api("POST", "/api/public/booking", { form });
  }),

  // ── GET /api/public/slots ───────────────────────────────────────────────────────────────────
  invalid("slots: no query at all", ["city", "district", "date"], () => api("GET", "/api/public/slots")),
  invalid("slots: an impossible date", ["date"], () =>
    api("GET", `/api/public/slots?city=${encodeURIComponent(world.center.city)}&district=x&date=2026-02-30`),
  ),
  invalid("slots: a past date", ["date"], () =>
    api(
      "GET",
      `/api/public/slots?city=${encodeURIComponent(world.center.city)}&district=${encodeURIComponent(world.center.districts[0]!)}&date=${addDays(today(), -3)}`,
    ),
  ),

  // ── GET /api/technicians ────────────────────────────────────────────────────────────────────
  invalid("technicians: a ticket_id that is not a uuid", ["ticket_id"], () =>
    api("GET", `/api/technicians?ticket_id=${encodeURIComponent(SQL)}`, admin()),
  ),

  // ── GET /api/public/availability ────────────────────────────────────────────────────────────
  invalid("availability: no query at all", ["city", "district"], () => api("GET", "/api/public/availability")),
  invalid("availability: a district no center serves", ["district"], () =>
    api("GET", `/api/public/availability?city=${encodeURIComponent(world.center.city)}&district=${encodeURIComponent("不存在区")}`),
  ),
  invalid("availability: a city of 10 kB", ["city"], () =>
    api("GET", `/api/public/availability?city=${KB10}&district=${encodeURIComponent(world.center.districts[0]!)}`),
  ),
  invalid("availability: a blank district", ["district"], () =>
    api("GET", `/api/public/availability?city=${encodeURIComponent(world.center.city)}&district=%20%20`),
  ),

  // ── GET /api/public/track/{token}/images/{imageId} ─────────────────────────────────────────
  invalid("track image: an image id that is not a UUID", ["imageId"], () =>
    api("GET", `/api/public/track/${ctx.assigned.trackingToken}/images/1`),
  ),
  invalid("track image: an unknown size", ["size"], () =>
    api("GET", `/api/public/track/${ctx.assigned.trackingToken}/images/${ctx.imageId}?size=huge`),
  ),
  {
    name: "track image: the ticket's own receipt before the job is completed",
    status: 404,
    code: "not_found",
    send: () => api("GET", `/api/public/track/${ctx.assigned.trackingToken}/images/${ctx.imageId}`),
  },
  {
    name: "track image: a receipt's id with a forged token",
    status: 404,
    code: "not_found",
    send: async () =>
      api(
        "GET",
        `/api/public/track/${await trackingToken({ secret: "attacker-secret-0123456789abcdef012345" })}/images/${ctx.imageId}`,
      ),
  },
  {
    name: "track image: a receipt's id with another ticket's revoked link",
    status: 404,
    code: "not_found",
    send: () => api("GET", `/api/public/track/${ctx.revokedTrackingToken}/images/${ctx.imageId}`),
  },

  // ── ticket and image ids ────────────────────────────────────────────────────────────────────
  {
    name: "ticket: an unknown (valid) UUID",
    status: 404,
    code: "not_found",
    send: () => api("GET", `/api/tickets/${crypto.randomUUID()}`, admin()),
  },
  {
    name: "confirm: an unknown (valid) UUID",
    status: 404,
    code: "not_found",
    send: () => confirm(crypto.randomUUID(), { version: 1 }),
  },
  invalid("ticket: id `abc`", ["id"], () => api("GET", "/api/tickets/abc", admin())),
  invalid("note: an empty body", ["body"], () =>
    api("POST", `/api/tickets/${ctx.booked.id}/notes`, { ...admin(), json: { body: "   " } }),
  ),
  invalid("note: 2001 characters", ["body"], () =>
    api("POST", `/api/tickets/${ctx.booked.id}/notes`, { ...admin(), json: { body: "记".repeat(2001) } }),
  ),
  invalid("note: no body field", ["body"], () => api("POST", `/api/tickets/${ctx.booked.id}/notes`, { ...admin(), json: {} })),
  invalid("note: an unknown field", ["private"], () =>
    api("POST", `/api/tickets/${ctx.booked.id}/notes`, { ...admin(), json: { body: "x", private: true } }),
  ),
  invalid("note: a ticket id that is not a UUID", ["id"], () => api("POST", "/api/tickets/42/notes", { ...admin(), json: { body: "x" } })),
  invalid("ticket: id `1 OR 1=1`", ["id"], () => api("GET", `/api/tickets/${encodeURIComponent("1 OR 1=1")}`, admin())),
  invalid("ticket: a 200-character id", ["id"], () => api("GET", `/api/tickets/${"a".repeat(200)}`, admin())),
  invalid("confirm: a malformed id", ["id"], () => confirm("abc", { version: 1 })),
  {
    name: "image: an unknown (valid) UUID",
    status: 404,
    code: "not_found",
    send: () => api("GET", `/api/files/ticket-receipt/${crypto.randomUUID()}`, admin()),
  },
  invalid("image: a malformed id", ["id"], () =>
    api("GET", `/api/files/ticket-receipt/${encodeURIComponent("../../etc/passwd")}`, admin()),
  ),
  invalid("image: an unknown size", ["size"], () =>
    api("GET", `/api/files/ticket-receipt/${ctx.imageId}?size=original`, admin()),
  ),

  // ── versions and states ─────────────────────────────────────────────────────────────────────
  invalid("confirm: version as a string", ["version"], () => confirm(ctx.booked.id, { version: "1" })),
  invalid("confirm: no version", ["version"], () => confirm(ctx.booked.id, {})),
  invalid("confirm: version 0", ["version"], () => confirm(ctx.booked.id, { version: 0 })),
  invalid("confirm: a fractional version", ["version"], () => confirm(ctx.booked.id, { version: 1.5 })),
  invalid("confirm: an empty JSON body", ["version"], () =>
    postRaw(`/api/tickets/${ctx.booked.id}/confirm`, "", "application/json", world.admin.token),
  ),
  {
    name: "confirm: text/plain",
    status: 415,
    code: "unsupported_media_type",
    send: () => postRaw(`/api/tickets/${ctx.booked.id}/confirm`, '{"version":1}', "text/plain", world.admin.token),
  },
  {
    name: "confirm: multipart on a JSON route",
    status: 415,
    code: "unsupported_media_type",
    send: () => {
      const form = new FormData();
      form.append("version", "1");
      return api("POST", `/api/tickets/${ctx.booked.id}/confirm`, { ...admin(), form });
    },
  },
  {
    name: "confirm: invalid JSON",
    status: 400,
    code: "invalid_json",
    send: () => postRaw(`/api/tickets/${ctx.booked.id}/confirm`, "{version: 1}", "application/json", world.admin.token),
  },
  {
    name: "assign: a stale version",
    status: 409,
    code: "conflict",
    send: () => assign({ version: ctx.confirmed.version - 1, technician_id: world.tech.id }),
    also: (body) => {
      expect(body.error.details.current_version).toBe(ctx.confirmed.version);
      expect(body.error.details.ticket).toMatchObject({
        id: ctx.confirmed.id,
        status: "CONFIRMED",
        version: ctx.confirmed.version,
      });
    },
  },
  {
    name: "start: a BOOKED ticket (wrong state)",
    status: 409,
    code: "invalid_transition",
    send: () => api("POST", `/api/tickets/${ctx.booked.id}/start`, { ...admin(), json: { version: ctx.booked.version } }),
    also: (body) => {
      expect(body.error.details.allowed_actions).toEqual(["confirm", "cancel"]);
      expect(body.error.message).toMatch(/confirm, cancel/);
    },
  },
  {
    name: "complete: no receipt uploaded yet",
    status: 409,
    code: "receipt_required",
    send: () =>
      api("POST", `/api/tickets/${ctx.inProgressNoReceipt.id}/complete`, {
        ...admin(),
        json: { version: ctx.inProgressNoReceipt.version },
      }),
  },

  // ── assign ──────────────────────────────────────────────────────────────────────────────────
  invalid("assign: both technician_id and auto", ["technician_id"], () =>
    assign({ technician_id: world.tech.id, auto: true }),
  ),
  invalid("assign: neither technician_id nor auto", ["technician_id"], () => assign({})),
  invalid("assign: an unknown technician", ["technician_id"], () => assign({ technician_id: crypto.randomUUID() })),
  invalid("assign: an inactive technician", ["technician_id"], () => assign({ technician_id: ctx.inactiveTechId })),
  invalid("assign: a technician id that is not a UUID", ["technician_id"], () =>
    assign({ technician_id: "1 OR 1=1" }),
  ),
  invalid("assign: auto as a string", ["auto"], () => assign({ auto: "yes" })),

  // ── cancel ──────────────────────────────────────────────────────────────────────────────────
  invalid("cancel: no reason", ["reason"], () =>
    api("POST", `/api/tickets/${ctx.booked.id}/cancel`, { ...admin(), json: { version: ctx.booked.version } }),
  ),
  invalid("cancel: a whitespace reason", ["reason"], () =>
    api("POST", `/api/tickets/${ctx.booked.id}/cancel`, {
      ...admin(),
      json: { version: ctx.booked.version, reason: " \n\t " },
    }),
  ),
  invalid("cancel: a 10 kB reason", ["reason"], () =>
    api("POST", `/api/tickets/${ctx.booked.id}/cancel`, {
      ...admin(),
      json: { version: ctx.booked.version, reason: KB10 },
    }),
  ),

  // ── GET /api/tickets query ──────────────────────────────────────────────────────────────────
  invalid("list: status=FOO", ["status"], () => listTickets("status=FOO")),
  invalid("list: status=BOOKED,FOO", ["status"], () => listTickets("status=BOOKED,FOO")),
  invalid("list: page=0", ["page"], () => listTickets("page=0")),
  invalid("list: page=abc", ["page"], () => listTickets("page=abc")),
  invalid("list: page_size=1000", ["page_size"], () => listTickets("page_size=1000")),
  invalid("list: date_from after date_to", ["date_to"], () =>
    listTickets(`date_from=${addDays(today(), 5)}&date_to=${today()}`),
  ),
  invalid("list: date_from=2026-02-30", ["date_from"], () => listTickets("date_from=2026-02-30")),
  invalid("list: an unknown sort", ["sort"], () => listTickets("sort=password_hash")),
  invalid("list: a 10 kB keyword", ["q"], () => listTickets(`q=${KB10}`)),
  invalid("list: a keyword of punctuation only", ["q"], () => listTickets(`q=${encodeURIComponent("!!!")}`)),
  invalid("list: technician_id with SQL", ["technician_id"], () =>
    listTickets(`technician_id=${encodeURIComponent(SQL)}`),
  ),
  invalid("counts: status=FOO", ["status"], () => api("GET", "/api/tickets/counts?status=FOO", admin())),

  // ── tracking tokens ─────────────────────────────────────────────────────────────────────────
  {
    name: "track: a malformed token",
    status: 404,
    code: "not_found",
    send: () => api("GET", "/api/public/track/abc"),
  },
  {
    name: "track: a token forged with another secret",
    status: 404,
    code: "not_found",
    send: async () =>
      api("GET", `/api/public/track/${await trackingToken({ secret: "attacker-secret-0123456789abcdef012345" })}`),
  },
  {
    name: "track: a correctly signed token for a link that was never issued",
    status: 404,
    code: "not_found",
    send: async () => api("GET", `/api/public/track/${await trackingToken({})}`),
  },
  {
    name: "track: an unsigned (alg none) token",
    status: 404,
    code: "not_found",
    send: async () =>
      api("GET", `/api/public/track/${await trackingToken({ alg: "none", ticketId: ctx.assigned.id, jti: crypto.randomUUID() })}`),
  },
  {
    name: "track: a revoked token",
    status: 404,
    code: "not_found",
    send: () => api("GET", `/api/public/track/${ctx.revokedTrackingToken}`),
  },
  invalid("track: a 2000-character token", ["token"], () => api("GET", `/api/public/track/${"a".repeat(2000)}`)),
  {
    name: "track cancel: a forged token",
    status: 404,
    code: "not_found",
    send: async () =>
      api("POST", `/api/public/track/${await trackingToken({ secret: "attacker-secret-0123456789abcdef012345" })}/cancel`, {
        json: { reason: "取消" },
      }),
  },
  {
    name: "track cancel: a revoked token",
    status: 404,
    code: "not_found",
    send: () => api("POST", `/api/public/track/${ctx.revokedTrackingToken}/cancel`, { json: { reason: "取消" } }),
  },
  invalid("track cancel: no reason", ["reason"], () =>
    api("POST", `/api/public/track/${ctx.assigned.trackingToken}/cancel`, { json: {} }),
  ),
  invalid("track cancel: a 10 kB reason", ["reason"], () =>
    api("POST", `/api/public/track/${ctx.assigned.trackingToken}/cancel`, { json: { reason: KB10 } }),
  ),

  // ── uploads ─────────────────────────────────────────────────────────────────────────────────
  {
    name: "upload: a 9 MB image",
    status: 413,
    code: "payload_too_large",
    send: () => {
      const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(big);
      return upload(fileForm(big, "big.jpg"));
    },
  },
  {
    name: "upload: a 9 MB image streamed without a Content-Length",
    status: 413,
    code: "payload_too_large",
    send: async () => {
      const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(big);
      const multipart = new Response(fileForm(big, "big.jpg"));
      const type = multipart.headers.get("content-type")!;
      const bytes = new Uint8Array(await multipart.arrayBuffer());
      return postRaw(`/api/tickets/${ctx.assigned.id}/images`, streamOf(bytes), type, world.admin.token);
    },
  },
  invalid("upload: an ELF executable renamed .jpg, sent as image/jpeg", ["file"], () =>
    upload(fileForm(elfBytes(), "receipt.jpg")),
  ),
  invalid("upload: a PE executable renamed .jpg, sent as image/jpeg", ["file"], () =>
    upload(fileForm(peBytes(), "receipt.jpg")),
  ),
  invalid("upload: a text file renamed .png", ["file"], () =>
    upload(fileForm(Buffer.from("just some text, not an image\n".repeat(20)), "receipt.png", "image/png")),
  ),
  invalid("upload: an SVG with a script renamed .png", ["file"], () =>
    upload(
      fileForm(
        Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
        "receipt.png",
        "image/png",
      ),
    ),
  ),
  invalid("upload: text bytes named ../../etc/passwd.jpg", ["file"], () =>
    upload(fileForm(Buffer.from("root:x:0:0:root:/root:/bin/bash\n"), "../../etc/passwd.jpg")),
  ),
  invalid("upload: JPEG magic bytes followed by junk", ["file"], () => upload(fileForm(fakeJpeg(), "receipt.jpg"))),
  invalid("upload: a GIF (an image, but not on the allow-list)", ["file"], async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ff0000" } })
      .gif()
      .toBuffer();
    return upload(fileForm(gif, "receipt.jpg"));
  }),
  invalid("upload: multipart without a file", ["file"], () => {
    const form = new FormData();
    form.append("note", "forgot the photo");
    return upload(form);
  }),
  invalid("upload: the file field sent as text", ["file"], () => {
    const form = new FormData();
    form.append("file", "/etc/passwd");
    return upload(form);
  }),
  invalid("upload: an empty file", ["file"], () => upload(fileForm(Buffer.alloc(0), "empty.jpg"))),
  invalid("upload: two files in one request (one per request)", ["file"], async () => {
    const form = fileForm(await jpegBytes({ color: "#010203" }), "a.jpg");
    form.append("file", new File([new Uint8Array(await jpegBytes({ color: "#030201" }))], "b.jpg", { type: "image/jpeg" }));
    return upload(form);
  }),
  {
    name: "upload: a multipart body that does not parse",
    status: 422,
    code: "invalid_input",
    send: () =>
      postRaw(
        `/api/tickets/${ctx.assigned.id}/images`,
        "this is not multipart at all",
        "multipart/form-data; boundary=----nothing",
        world.admin.token,
      ),
  },
  {
    name: "upload: JSON instead of multipart",
    status: 415,
    code: "unsupported_media_type",
    send: () => api("POST", `/api/tickets/${ctx.assigned.id}/images`, { ...admin(), json: { file: "aGVsbG8=" } }),
  },
  {
    name: "upload: a valid photo on a COMPLETED ticket",
    status: 409,
    code: "invalid_transition",
    send: async () => upload(fileForm(await jpegBytes({ color: "#101010" })), ctx.completed.id),
  },

  // ── API tokens ──────────────────────────────────────────────────────────────────────────────
  invalid("tokens: a number for name", ["name"], () => api("POST", "/api/tokens", { ...adminSession(), json: { name: 42 } })),
  invalid("tokens: a 10 kB name", ["name"], () => api("POST", "/api/tokens", { ...adminSession(), json: { name: KB10 } })),
  invalid("tokens: expires_in_days 0", ["expires_in_days"], () =>
    api("POST", "/api/tokens", { ...adminSession(), json: { name: "ci", expires_in_days: 0 } }),
  ),
  invalid("tokens: expires_in_days past API_TOKEN_MAX_DAYS (365)", ["expires_in_days"], () =>
    api("POST", "/api/tokens", { ...adminSession(), json: { name: "ci", expires_in_days: 366 } }),
  ),
  invalid("tokens: revoke a malformed id", ["id"], () => api("DELETE", "/api/tokens/abc", admin())),
  {
    name: "tokens: revoke an unknown id",
    status: 404,
    code: "not_found",
    send: () => api("DELETE", `/api/tokens/${crypto.randomUUID()}`, admin()),
  },
];

describeBadInputs("bad input is refused with a clear 4xx and writes nothing", badInputs);

describe("bodies over the limit are cut off at the limit, not read whole first", () => {
  const MB = 1024 * 1024;
  it.each([
    ["JSON booking (limit 256 kB)", "/api/public/booking", "application/json", false],
    ["multipart booking (limit 4 photos + 1 MB)", "/api/public/booking", "multipart/form-data; boundary=x", false],
    ["receipt upload (limit 8 MB + 256 kB)", "/images", "multipart/form-data; boundary=x", true],
  ])("%s: 80 MB streamed without a length → 413 before the client has sent it all", async (_l, p, type, isUpload) => {
    const before = await persistentState();
    const body = streamOf(80 * MB);
    const url = isUpload ? `/api/tickets/${ctx.assigned.id}${p}` : p;
    const res = await postRaw(url, body, type, isUpload ? world.admin.token : undefined);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    // The server stopped reading at its limit (plus socket buffers), long before the 80 MB.
    expect(body.sent()).toBeLessThan(res.body.error.details.limit_bytes + 8 * MB);
    expect(await persistentState()).toEqual(before);
  });
});

describe("script and SQL text are data: stored verbatim, returned unchanged", () => {
  it("a booking full of markup and SQL is accepted, stored and served back exactly", async () => {
    const input = booking({
      customer_name: SCRIPT,
      address: `${SQL} ${SCRIPT}`,
      appliance_model: SQL,
      issue_desc: `${SCRIPT}\n${SQL}\n" onmouseover="alert(2)`,
    });
    const res = await postBooking(input);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.ticket_id as string;

    const db = await getDb();
    const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
    expect(row).toMatchObject({
      customerName: input.customer_name,
      address: input.address,
      applianceModel: input.appliance_model,
      issueDesc: input.issue_desc,
    });

    const detail = await api("GET", `/api/tickets/${id}`, admin());
    expect(detail.status).toBe(200);
    expect(detail.headers.get("content-type")).toMatch(/^application\/json/);
    expect(detail.body).toMatchObject({
      customer_name: input.customer_name,
      address: input.address,
      appliance_model: input.appliance_model,
      issue_desc: input.issue_desc,
    });

    // The keyword search treats it as text too, and the table is still there.
    const found = await listTickets(`q=${encodeURIComponent(SQL)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((t: { id: string }) => t.id)).toContain(id);
    const track = await api("GET", `/api/public/track/${res.body.tracking_token}`);
    expect(track.body.address).toBe(input.address);
  });

  it("a cancel reason with markup and SQL comes back verbatim", async () => {
    const t = await freshTicket("BOOKED", world);
    const reason = `${SCRIPT} ${SQL}`;
    const res = await api("POST", `/api/tickets/${t.id}/cancel`, { ...admin(), json: { version: t.version, reason } });
    expect(res.status).toBe(200);
    const detail = await api("GET", `/api/tickets/${t.id}`, admin());
    expect(detail.body.cancel_reason).toBe(reason);
    expect(detail.body.events.at(-1).details.reason).toBe(reason);
  });
});

describe("stale versions under concurrency", () => {
  it("five simultaneous confirms of one version: one wins, the others get 409 with the winner's state", async () => {
    const t = await freshTicket("BOOKED", world);
    const results = await Promise.all(
      [world.admin, world.agent, world.admin, world.agent, world.admin].map((u) =>
        api("POST", `/api/tickets/${t.id}/confirm`, { token: u.token, json: { version: t.version } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error.code).toBe("conflict");
      expect(r.body.error.details.ticket).toMatchObject({ status: "CONFIRMED", version: 2 });
    }
    const detail = await api("GET", `/api/tickets/${t.id}`, admin());
    expect(detail.body.events.map((e: { action: string }) => e.action)).toEqual(["booked", "confirmed"]);
  });
});

describe("fields the client may not set are ignored", () => {
  it("a booking that names its own id, status, technician and version gets none of them", async () => {
    const chosenId = crypto.randomUUID();
    const res = await postBooking({
      ...booking(),
      id: chosenId,
      ticket_id: chosenId,
      status: "COMPLETED",
      version: 99,
      technician_id: world.tech.id,
      center_id: crypto.randomUUID(),
      code: "TK-MINE",
      ...JSON.parse('{"__proto__": {"role": "admin"}}'),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.ticket_id).not.toBe(chosenId);
    const detail = await api("GET", `/api/tickets/${res.body.ticket_id}`, admin());
    expect(detail.body).toMatchObject({ status: "BOOKED", version: 1, technician: null, center: { id: world.center.id } });
    expect(detail.body.code).not.toBe("TK-MINE");
  });
});

describe("file names from the client never become paths", () => {
  it("a real JPEG named ../../etc/passwd.jpg is stored under a server-chosen name in tickets/<id>/", async () => {
    const t = await freshTicket("ASSIGNED", world);
    const before = uploadedFiles();
    const res = await upload(fileForm(await jpegBytes({ color: "#0a0b0c" }), "../../etc/passwd.jpg"), t.id);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const imageId = res.body.images[0].id as string;

    const db = await getDb();
    const [image] = await db.select().from(ticketImages).where(eq(ticketImages.id, imageId));
    expect(image!.storageKey).toMatch(new RegExp(`^tickets/${t.id}/[0-9a-f]{16}_\\d+\\.jpg$`));
    expect(image!.thumbnailKey).toMatch(new RegExp(`^tickets/${t.id}/[0-9a-f]{16}_\\d+_thumb\\.webp$`));

    const added = Object.keys(uploadedFiles()).filter((f) => !(f in before));
    expect(added.sort()).toEqual([image!.storageKey, image!.thumbnailKey].map((k) => k.split("/").join(path.sep)).sort());
    expect(added.some((f) => f.includes("passwd") || f.includes(".."))).toBe(false);

    const download = await api("GET", `/api/files/ticket-receipt/${imageId}`, admin());
    expect(download.status).toBe(200);
    expect(download.bytes.equals(fs.readFileSync(path.join(getEnv().UPLOAD_ROOT, image!.storageKey)))).toBe(true);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect(download.headers.get("content-disposition")).toBe(`inline; filename="receipt-${imageId}.jpg"`);
  });
});
