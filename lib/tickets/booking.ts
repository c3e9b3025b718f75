import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { serviceAreas, serviceCenters, technicians, tickets, type TicketStatus } from "@/db/schema";
import { currentTrackingLink, issueTrackingLink } from "../auth/customer-links";
import { encryptSecret, keyedHash } from "../crypto";
import { getDb, type DbOrTx } from "../db";
import { getEnv } from "../env";
import { AppError, isUniqueViolation } from "../errors";
import type { CleanImage } from "../files/images";
import { transactionWithEvents } from "../jobs/outbox";
import { consumeRateLimit, rateLimitAllows } from "../rate-limit";
import { newTicketCode } from "./codes";
import { cleanImageFiles, discardFiles, insertImageRows, storeImages } from "./images";
import { maskPhone, normalizeMainlandMobile } from "./phone";
import type { BookingInput } from "./schemas";
import { timeSlots, type TimeSlot } from "./enums";
import { appointmentDateProblem, slotHasStarted } from "./slots";
import { recordEvent } from "./transitions";

export interface BookingResult {
  ticket_id: string;
  code: string;
  status: TicketStatus;
  appointment_date: string;
  appointment_slot: string;
  center_name: string;
  tracking_token: string;
  tracking_url: string;
  /** True when this answers a repeated submission (same idempotency key). */
  replayed: boolean;
}

const fieldError = (path: string, message: string, code: "invalid_input" | "slot_full" = "invalid_input") =>
  new AppError(code, message, { fields: [{ path, message }] });

/** The cities and districts we serve, for the booking form. */
export async function listServiceAreas(): Promise<{ city: string; districts: string[] }[]> {
  const db = await getDb();
  const rows = await db
    .select({ city: serviceAreas.city, district: serviceAreas.district })
    .from(serviceAreas)
    .innerJoin(serviceCenters, eq(serviceCenters.id, serviceAreas.centerId))
    .where(eq(serviceCenters.active, true))
    .orderBy(asc(serviceAreas.city), asc(serviceAreas.district));
  const byCity = new Map<string, string[]>();
  for (const r of rows) byCity.set(r.city, [...(byCity.get(r.city) ?? []), r.district]);
  return [...byCity].map(([city, districts]) => ({ city, districts }));
}

/** The active center that serves a district, or null when none does. */
export async function centerForArea(db: DbOrTx, city: string, district: string) {
  const [center] = await db
    .select({ id: serviceCenters.id, name: serviceCenters.name })
    .from(serviceAreas)
    .innerJoin(serviceCenters, eq(serviceCenters.id, serviceAreas.centerId))
    .where(and(eq(serviceAreas.city, city), eq(serviceAreas.district, district), eq(serviceCenters.active, true)))
    .limit(1);
  return center ?? null;
}

/** Places per time slot at a center: its active technicians × JOBS_PER_SLOT (0 when it has none). */
export async function slotCapacity(db: DbOrTx, centerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(technicians)
    .where(and(eq(technicians.centerId, centerId), eq(technicians.active, true)));
  return (row?.n ?? 0) * getEnv().JOBS_PER_SLOT;
}

/** Capacity and places taken for one slot, in one round trip (read under the slot's lock). */
async function slotLoad(
  db: DbOrTx,
  centerId: string,
  date: string,
  slot: string,
): Promise<{ capacity: number; booked: number }> {
  const technicianCount = db
    .select({ n: count() })
    .from(technicians)
    .where(and(eq(technicians.centerId, centerId), eq(technicians.active, true)));
  const [row] = await db
    .select({ technicians: sql<number>`(${technicianCount})::int`, booked: count() })
    .from(tickets)
    .where(
      and(
        eq(tickets.centerId, centerId),
        eq(tickets.appointmentDate, date),
        eq(tickets.appointmentSlot, slot),
        ne(tickets.status, "CANCELED"),
      ),
    );
  return { capacity: (row?.technicians ?? 0) * getEnv().JOBS_PER_SLOT, booked: row?.booked ?? 0 };
}

export interface SlotAvailability {
  slot: TimeSlot;
  capacity: number;
  remaining: number;
  available: boolean;
}

/** Which slots of a day a district can still book; a slot is offered only while its center has capacity. */
export async function availableSlots(
  city: string,
  district: string,
  date: string,
  now = new Date(),
): Promise<{ center: string; slots: SlotAvailability[] }> {
  const env = getEnv();
  const problem = appointmentDateProblem(date, now, env.APP_TIMEZONE);
  if (problem) throw fieldError("date", dateProblemMessage[problem]);
  const db = await getDb();
  const center = await centerForArea(db, city, district);
  if (!center) throw fieldError("district", "We do not serve this district yet");
  const capacity = await slotCapacity(db, center.id);
  const booked = await db
    .select({ slot: tickets.appointmentSlot, n: count() })
    .from(tickets)
    .where(and(eq(tickets.centerId, center.id), eq(tickets.appointmentDate, date), ne(tickets.status, "CANCELED")))
    .groupBy(tickets.appointmentSlot);
  const bookedBySlot = new Map(booked.map((b) => [b.slot, b.n]));
  return {
    center: center.name,
    slots: timeSlots.map((slot) => {
      const remaining = Math.max(0, capacity - (bookedBySlot.get(slot) ?? 0));
      return {
        slot,
        capacity,
        remaining,
        available: remaining > 0 && !slotHasStarted(date, slot, now, env.APP_TIMEZONE),
      };
    }),
  };
}

const dateProblemMessage = {
  invalid: "Use a date in YYYY-MM-DD form",
  past: "The appointment date cannot be in the past",
  too_far: "Appointments can be booked up to 30 days ahead",
} as const;

export interface BookingContext {
  ip: string;
  baseUrl: string;
  /** Fault photos as uploaded (count and size already checked): decoded only once the booking can go ahead. */
  photos?: Blob[];
  now?: Date;
}

/**
 * Seed 001's public booking: validates the request against today and the slot's capacity, routes it
 * to the district's center and creates a BOOKED ticket with its event, tracking link and outbox event.
 * The slot is locked for the transaction (an advisory lock on center+date+slot), so concurrent
 * bookings can never overbook it. The same idempotency key returns the first result.
 *
 * Cheap checks come first and the costly one last (docs/security.md): every attempt is counted against the
 * client address before anything else, then the date, district, slot and phone limit are checked, and
 * only then are the photos decoded (a few large images cost a second of CPU and tens of MB).
 */
export async function createBooking(input: BookingInput, ctx: BookingContext): Promise<BookingResult> {
  const env = getEnv();
  const now = ctx.now ?? new Date();
  const phone = normalizeMainlandMobile(input.phone);
  if (!phone) throw fieldError("phone", "Enter a mainland China mobile number (11 digits starting with 1)");
  const phoneHash = keyedHash(phone, "phone");
  const db = await getDb();
  // Counted outside any transaction: refused and repeated attempts use up the address's allowance too.
  await countBookingAttempt(db, ctx.ip);

  // A repeated submission (same idempotency key) is answered inside the transaction, after its key's
  // lock: no extra query for the many first submissions. A repeat that would no longer pass these
  // checks (its day has passed since, its district is no longer served, its slot has filled) is
  // answered here instead.
  const replayOr = async (refusal: AppError) => {
    const replay = input.idempotency_key && (await findReplay(db, input.idempotency_key, phoneHash, ctx.baseUrl));
    if (replay) return replay;
    throw refusal;
  };
  const dateProblem = appointmentDateProblem(input.appointment_date, now, env.APP_TIMEZONE);
  const center = dateProblem ? null : await centerForArea(db, input.city, input.district);
  if (dateProblem) return replayOr(fieldError("appointment_date", dateProblemMessage[dateProblem]));
  if (slotHasStarted(input.appointment_date, input.appointment_slot, now, env.APP_TIMEZONE))
    return replayOr(fieldError("appointment_slot", "That time slot has already begun today; choose a later one"));
  if (!center) return replayOr(fieldError("district", "We do not serve this district yet"));

  let photos: CleanImage[] = [];
  if (ctx.photos?.length) {
    // Before decoding: would the slot or the phone's daily limit refuse this booking anyway? (Both are
    // checked again, authoritatively, under the slot's lock below.)
    const [{ capacity, booked }, phoneAllowed] = await Promise.all([
      slotLoad(db, center.id, input.appointment_date, input.appointment_slot),
      rateLimitAllows(phoneLimitKey(phoneHash), phoneLimit()),
    ]);
    if (booked >= capacity) return replayOr(slotFull());
    if (!phoneAllowed) return replayOr(phoneLimitReached());
    photos = await cleanImageFiles(ctx.photos, "photos");
  }

  const ticketId = randomUUID();
  const files = photos.length ? await storeImages(photos, ticketId) : [];
  try {
    const result = await transactionWithEvents(async (tx, emit) => {
      // Queries below that do not depend on each other are sent together (Promise.all): postgres.js
      // pipelines them on the transaction's connection, one round trip instead of several.
      const slotLock = sql`pg_advisory_xact_lock(hashtext(${`slot:${center.id}:${input.appointment_date}:${input.appointment_slot}`}))`;
      // Twins of one submission (a double tap, a retry while the first is in flight) queue on the key's
      // lock, and the later ones answer with the first one's ticket: they neither book again nor use up
      // the customer's booking limits. Locks are always taken in this order (key, then slot), and
      // everything read below is read after they are granted.
      await tx.execute(
        input.idempotency_key
          ? sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCK_SPACE}, hashtext(${input.idempotency_key})), ${slotLock}`
          : sql`select ${slotLock}`,
      );
      const [replay, { capacity, booked }] = await Promise.all([
        input.idempotency_key ? findReplay(tx, input.idempotency_key, phoneHash, ctx.baseUrl) : null,
        slotLoad(tx, center.id, input.appointment_date, input.appointment_slot),
      ]);
      if (replay) return { replay };
      if (booked >= capacity) throw slotFull();
      // Counted in the transaction: a booking refused or rolled back does not use up the phone's allowance.
      if (!(await consumeRateLimit(phoneLimitKey(phoneHash), phoneLimit(), tx))) throw phoneLimitReached();
      const ticket = await insertWithFreshCode(() =>
        tx
          .insert(tickets)
          .values({
            id: ticketId,
            code: newTicketCode(now, env.APP_TIMEZONE),
            customerName: input.customer_name,
            phoneHash,
            phoneEncrypted: encryptSecret(phone),
            phoneMasked: maskPhone(phone),
            phoneLast4: phone.slice(-4),
            city: input.city,
            district: input.district,
            address: input.address,
            centerId: center.id,
            applianceType: input.appliance_type,
            applianceModel: input.appliance_model || null,
            issueDesc: input.issue_desc,
            appointmentDate: input.appointment_date,
            appointmentSlot: input.appointment_slot,
            idempotencyKey: input.idempotency_key ?? null,
          })
          .onConflictDoNothing({ target: tickets.code })
          .returning(),
      );
      const [{ orphans }, link] = await Promise.all([
        insertImageRows(tx, ticketId, "ISSUE", files, null),
        issueTrackingLink(tx, ticketId),
        recordEvent(tx, emit, {
          row: { ticket: ticket! },
          action: "book",
          from: null,
          to: "BOOKED",
          version: 1,
          actor: { type: "customer", label: "customer", userId: null },
          // A new ticket has no earlier photos, so the distinct contents are exactly what is stored.
          details: { center: center.name, photos: new Set(files.map((f) => f.image.sha256)).size },
        }),
      ]);
      return { ticket: ticket!, link, orphans };
    });
    if (result.replay) {
      await discardFiles(files);
      return result.replay;
    }
    await discardFiles(result.orphans);
    return {
      ticket_id: result.ticket.id,
      code: result.ticket.code,
      status: "BOOKED",
      appointment_date: result.ticket.appointmentDate,
      appointment_slot: result.ticket.appointmentSlot,
      center_name: center.name,
      tracking_token: result.link.token,
      tracking_url: `${ctx.baseUrl}/track/${result.link.token}`,
      replayed: false,
    };
  } catch (e) {
    await discardFiles(files);
    const lostRace = isUniqueViolation(e) || (e instanceof AppError && e.code === "slot_full");
    if (lostRace && input.idempotency_key) {
      // A concurrent twin with the same key won the race (maybe taking the slot's last place): answer with its ticket.
      const replay = await findReplay(await getDb(), input.idempotency_key, phoneHash, ctx.baseUrl);
      if (replay) return replay;
    }
    throw e;
  }
}

/** Codes are short and random; on the rare clash with an existing code, draw again. */
async function insertWithFreshCode<T>(insert: () => Promise<T[]>): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await insert();
    if (row) return row;
  }
  throw new Error("Could not draw an unused ticket code in 5 attempts");
}

/** Advisory-lock key space for idempotency keys (two-int form: never collides with the slot locks). */
const IDEMPOTENCY_LOCK_SPACE = 7001;

async function findReplay(db: DbOrTx, key: string, phoneHash: string, baseUrl: string): Promise<BookingResult | null> {
  const [row] = await db
    .select({ ticket: tickets, centerName: serviceCenters.name })
    .from(tickets)
    .innerJoin(serviceCenters, eq(serviceCenters.id, tickets.centerId))
    .where(eq(tickets.idempotencyKey, key))
    .limit(1);
  if (!row) return null;
  if (row.ticket.phoneHash !== phoneHash) {
    throw new AppError("conflict", "This idempotency key was already used for a different booking; generate a new key");
  }
  const link = await currentTrackingLink(db, row.ticket.id);
  return {
    ticket_id: row.ticket.id,
    code: row.ticket.code,
    status: row.ticket.status,
    appointment_date: row.ticket.appointmentDate,
    appointment_slot: row.ticket.appointmentSlot,
    center_name: row.centerName,
    tracking_token: link.token,
    tracking_url: `${baseUrl}/track/${link.token}`,
    replayed: true,
  };
}

const phoneLimitKey = (phoneHash: string) => `booking:phone:${phoneHash}`;
const phoneLimit = () => ({ limit: getEnv().BOOKING_LIMIT_PER_PHONE_PER_DAY, windowSeconds: 86_400 });

const slotFull = () =>
  fieldError("appointment_slot", "That time slot has just been fully booked; choose another", "slot_full");

const phoneLimitReached = () =>
  new AppError("rate_limited", "Too many bookings for this phone number today; call us if you need more visits", {
    retry_after_seconds: 86_400,
  });

/** Every booking attempt from an address counts, whatever its outcome: the limit bounds the work done. */
async function countBookingAttempt(db: DbOrTx, ip: string) {
  const limit = getEnv().BOOKING_LIMIT_PER_IP_PER_HOUR;
  if (!(await consumeRateLimit(`booking:ip:${ip}`, { limit, windowSeconds: 3600 }, db))) {
    throw new AppError("rate_limited", "Too many bookings from this network; try again in an hour", {
      retry_after_seconds: 3600,
    });
  }
}
