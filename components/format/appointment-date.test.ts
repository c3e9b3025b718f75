import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatAppointmentDate } from "./appointment-date";

/** The zones furthest apart: UTC−8 (UTC−7 in summer) and UTC+14; the service's own zone in between. */
const zones = ["America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai", "UTC"];
const formatterIn = (timeZone: string) => createFormatter({ locale: "en", timeZone });
const day = { year: "numeric", month: "long", day: "numeric" } as const;

describe("formatAppointmentDate", () => {
  it("the two formatters it replaced each shift the day in one zone, formatted in that zone", () => {
    // One anchored a date-only value at midnight UTC, the other at noon UTC; read in a zone far enough
    // from UTC, midnight falls on the day before and noon on the day after.
    const midnight = formatterIn("America/Los_Angeles").dateTime(new Date("2026-03-01T00:00:00Z"), day);
    const noon = formatterIn("Pacific/Kiritimati").dateTime(new Date("2026-03-01T12:00:00Z"), day);
    expect(midnight).toBe("February 28, 2026");
    expect(noon).toBe("March 2, 2026");
  });

  it.each(zones)("shows 2026-03-01 as March 1 whatever the formatter's time zone (%s)", (zone) => {
    expect(formatAppointmentDate(formatterIn(zone), "2026-03-01")).toBe("Sun, March 1, 2026");
    expect(formatAppointmentDate(formatterIn(zone), "2026-03-01", "medium")).toBe("Sun, March 1");
    expect(formatAppointmentDate(formatterIn(zone), "2026-03-01", "numeric")).toBe("Sun, 03/01/2026");
  });

  it("keeps the day across a daylight-saving change and at the year's edges", () => {
    const la = formatterIn("America/Los_Angeles");
    expect(formatAppointmentDate(la, "2026-03-08", "numeric")).toBe("Sun, 03/08/2026"); // DST starts in LA
    expect(formatAppointmentDate(formatterIn("Pacific/Kiritimati"), "2026-12-31", "numeric")).toBe("Thu, 12/31/2026");
    expect(formatAppointmentDate(la, "2027-01-01", "numeric")).toBe("Fri, 01/01/2027");
  });

  it("speaks the UI's language", () => {
    const zh = createFormatter({ locale: "zh-CN", timeZone: "America/Los_Angeles" });
    expect(formatAppointmentDate(zh, "2026-03-01")).toBe("2026年3月1日周日");
    expect(formatAppointmentDate(zh, "2026-03-01", "medium")).toBe("3月1日周日");
  });
});
