import type { createFormatter } from "next-intl";

type Formatter = Pick<ReturnType<typeof createFormatter>, "dateTime">;

const styles = {
  /** "2026年3月1日周日" / "Sun, March 1, 2026": the customer's booking and tracking pages. */
  long: { year: "numeric", month: "long", day: "numeric", weekday: "short" },
  /** "3月1日周日" / "Sun, March 1": the technician's day list, where the year goes without saying. */
  medium: { month: "long", day: "numeric", weekday: "short" },
  /** "2026/03/01周日" / "Sun, 03/01/2026": staff tables. */
  numeric: { year: "numeric", month: "2-digit", day: "2-digit", weekday: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type AppointmentDateStyle = keyof typeof styles;

/**
 * The one formatter for an appointment day (`YYYY-MM-DD`). It is a calendar date, not an instant: the
 * day is put at midnight UTC and read back in UTC, so neither the formatter's time zone (the service's
 * or the browser's) nor the hour chosen can move it to the day before or after.
 */
export function formatAppointmentDate(format: Formatter, isoDate: string, style: AppointmentDateStyle = "long"): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return format.dateTime(new Date(Date.UTC(year!, month! - 1, day!)), { ...styles[style], timeZone: "UTC" });
}
