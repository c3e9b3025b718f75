import type { useFormatter } from "next-intl";

type Formatter = ReturnType<typeof useFormatter>;

/**
 * An appointment day is a calendar date, not an instant: format it at noon UTC in UTC so no time zone
 * can move it to the day before or after.
 */
export function formatAppointmentDate(format: Formatter, isoDate: string): string {
  return format.dateTime(new Date(`${isoDate}T12:00:00Z`), {
    timeZone: "UTC",
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
  });
}

export { formatSlot } from "@/components/format/slot";
