/**
 * Appointment days and time slots. Dates are calendar days in the service's time zone
 * (APP_TIMEZONE, Asia/Shanghai by default), not the server's.
 */
import type { TimeSlot } from "./enums";

export const BOOKING_WINDOW_DAYS = 30;

/**
 * One formatter per kind and time zone: building an Intl.DateTimeFormat costs ~0.1 ms (time zone and
 * locale data are resolved each time), formatting with one ~1 µs, and a booking asks several times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(kind: "date" | "time", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter =
      kind === "date"
        ? new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
        : new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** YYYY-MM-DD of `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  return formatterFor("date", timeZone).format(now);
}

/** HH:MM of `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): string {
  return formatterFor("time", timeZone).format(now);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type DateProblem = "invalid" | "past" | "too_far";

/** Why a date cannot be booked, or null when it can: today up to BOOKING_WINDOW_DAYS ahead. */
export function appointmentDateProblem(date: string, now: Date, timeZone: string): DateProblem | null {
  if (!isValidIsoDate(date)) return "invalid";
  const today = localDate(now, timeZone);
  if (date < today) return "past";
  if (date > addDays(today, BOOKING_WINDOW_DAYS)) return "too_far";
  return null;
}

/** A slot that has already begun today cannot be booked. */
export function slotHasStarted(date: string, slot: TimeSlot, now: Date, timeZone: string): boolean {
  if (date !== localDate(now, timeZone)) return false;
  return localTime(now, timeZone) >= slot.slice(0, 5);
}
