import "server-only";
import { and, between, count, eq, ne } from "drizzle-orm";
import { tickets } from "@/db/schema";
import { getDb } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { consumeRateLimit } from "../rate-limit";
import { centerForArea, slotCapacity } from "./booking";
import { timeSlots } from "./enums";
import { addDays, BOOKING_WINDOW_DAYS, localDate, slotHasStarted } from "./slots";

/**
 * Why a day can or cannot be booked, in the words the calendar shows:
 * - `available`: at least one slot has a free place and has not begun;
 * - `full`: the center works that day but every slot still open is fully booked;
 * - `closed`: the center has no active technician, so nobody can take a visit;
 * - `ended`: today, once every slot has begun (no visit can be booked for a slot under way).
 * Days outside the booking window are not in the answer: the calendar greys them out itself.
 */
export type DayStatus = "available" | "full" | "closed" | "ended";

export interface DayAvailability {
  date: string;
  status: DayStatus;
  /** Free places left in the day's slots that can still be booked. */
  remaining: number;
}

export interface BookableDays {
  center: string;
  /** Today and the last bookable day (YYYY-MM-DD in the service's time zone). */
  from: string;
  to: string;
  days: DayAvailability[];
}

/**
 * Lookups per client address: one answer reads a month of bookings, so a flood from one place is cut
 * off before it reaches the database, like the tracking lookups (docs/security.md).
 */
async function limitAvailabilityLookups(ip: string) {
  if (!(await consumeRateLimit(`availability:ip:${ip}`, { limit: 120, windowSeconds: 600 }))) {
    throw new AppError("rate_limited", "Too many availability requests from this network; try again in a few minutes", {
      retry_after_seconds: 600,
    });
  }
}

/**
 * Which days of the booking window (today up to BOOKING_WINDOW_DAYS ahead) a district can still book,
 * by the same rules as a booking: the district's center, its capacity per slot, places taken by tickets
 * that are not canceled, and slots that have already begun today. One grouped query for the whole window.
 */
export async function bookableDays(
  city: string,
  district: string,
  ctx: { ip: string; now?: Date },
): Promise<BookableDays> {
  await limitAvailabilityLookups(ctx.ip);
  const now = ctx.now ?? new Date();
  const timeZone = getEnv().APP_TIMEZONE;
  const db = await getDb();
  const center = await centerForArea(db, city, district);
  if (!center)
    throw new AppError("invalid_input", "We do not serve this district yet", {
      fields: [{ path: "district", message: "We do not serve this district yet" }],
    });
  const from = localDate(now, timeZone);
  const to = addDays(from, BOOKING_WINDOW_DAYS);
  const [capacity, booked] = await Promise.all([
    slotCapacity(db, center.id),
    db
      .select({ date: tickets.appointmentDate, slot: tickets.appointmentSlot, n: count() })
      .from(tickets)
      .where(
        and(
          eq(tickets.centerId, center.id),
          between(tickets.appointmentDate, from, to),
          ne(tickets.status, "CANCELED"),
        ),
      )
      .groupBy(tickets.appointmentDate, tickets.appointmentSlot),
  ]);
  const taken = new Map(booked.map((b) => [`${b.date} ${b.slot}`, b.n]));

  const days: DayAvailability[] = [];
  for (let offset = 0; offset <= BOOKING_WINDOW_DAYS; offset++) {
    const date = addDays(from, offset);
    const open = timeSlots.filter((slot) => !slotHasStarted(date, slot, now, timeZone));
    const remaining = open.reduce((sum, slot) => sum + Math.max(0, capacity - (taken.get(`${date} ${slot}`) ?? 0)), 0);
    const status: DayStatus =
      capacity === 0 ? "closed" : open.length === 0 ? "ended" : remaining > 0 ? "available" : "full";
    days.push({ date, status, remaining });
  }
  return { center: center.name, from, to, days };
}
