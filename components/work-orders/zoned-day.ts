/**
 * Calendar days in the app's time zone as instants, for the due-date filter: "due from 3 May to 5 May"
 * means from 00:00 on 3 May to the end of 5 May where the staff work, not in UTC.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isIsoDate = (v: string) => {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** 00:00 of `isoDate` in `timeZone`, as epoch ms (checked twice, for days a clock change moves). */
function dayStart(isoDate: string, timeZone: string): number {
  const wall = Date.parse(`${isoDate}T00:00:00Z`);
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** The first instant of the day, as the API's due_after. */
export const startOfDayIso = (isoDate: string, timeZone: string) => new Date(dayStart(isoDate, timeZone)).toISOString();

/** The last millisecond of the day, as the API's (inclusive) due_before. */
export function endOfDayIso(isoDate: string, timeZone: string): string {
  const next = new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return new Date(dayStart(next, timeZone) - 1).toISOString();
}
