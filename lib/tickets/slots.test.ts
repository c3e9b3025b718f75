import { describe, expect, it } from "vitest";
import { timeSlots } from "./enums";
import { addDays, appointmentDateProblem, localDate, slotHasStarted } from "./slots";

const TZ = "Asia/Shanghai";
// 2026-03-02 10:30 in Shanghai (UTC+8) is 02:30 UTC.
const midMorning = new Date("2026-03-02T02:30:00Z");

describe("appointment dates (Asia/Shanghai)", () => {
  it("allows today up to 30 days ahead and refuses the past and day 31", () => {
    expect(appointmentDateProblem("2026-03-01", midMorning, TZ)).toBe("past");
    expect(appointmentDateProblem("2025-12-31", midMorning, TZ)).toBe("past");
    expect(appointmentDateProblem("2026-03-02", midMorning, TZ)).toBeNull();
    expect(appointmentDateProblem("2026-03-03", midMorning, TZ)).toBeNull();
    expect(appointmentDateProblem(addDays("2026-03-02", 30), midMorning, TZ)).toBeNull();
    expect(addDays("2026-03-02", 30)).toBe("2026-04-01");
    expect(appointmentDateProblem("2026-04-02", midMorning, TZ)).toBe("too_far");
  });

  it("refuses malformed or impossible dates", () => {
    for (const d of ["2026-02-29", "2026-3-2", "2026/03/02", "", "not a date"]) {
      expect(appointmentDateProblem(d, midMorning, TZ)).toBe("invalid");
    }
  });

  it("uses the Shanghai calendar day, not UTC's, around midnight", () => {
    // 2026-03-01 16:30 UTC is already 2026-03-02 00:30 in Shanghai.
    const justAfterMidnight = new Date("2026-03-01T16:30:00Z");
    expect(localDate(justAfterMidnight, TZ)).toBe("2026-03-02");
    expect(appointmentDateProblem("2026-03-01", justAfterMidnight, TZ)).toBe("past");
    expect(appointmentDateProblem("2026-03-02", justAfterMidnight, TZ)).toBeNull();
    expect(appointmentDateProblem("2026-04-01", justAfterMidnight, TZ)).toBeNull();
    expect(appointmentDateProblem("2026-04-02", justAfterMidnight, TZ)).toBe("too_far");
    // 2026-03-01 15:59 UTC is still 2026-03-01 23:59 in Shanghai.
    const justBeforeMidnight = new Date("2026-03-01T15:59:00Z");
    expect(appointmentDateProblem("2026-03-01", justBeforeMidnight, TZ)).toBeNull();
    expect(appointmentDateProblem("2026-03-31", justBeforeMidnight, TZ)).toBeNull();
    expect(appointmentDateProblem("2026-04-01", justBeforeMidnight, TZ)).toBe("too_far");
  });

  it("crosses month and year ends when adding days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });
});

describe("slots that have already begun", () => {
  it("closes a slot of today once its start time has passed in Shanghai", () => {
    // 10:30 in Shanghai: the 09:00 slot has begun, 11:00 and later have not.
    expect(timeSlots.map((s) => slotHasStarted("2026-03-02", s, midMorning, TZ))).toEqual([true, false, false, false]);
  });

  it("closes a slot exactly at its start minute", () => {
    const at11 = new Date("2026-03-02T03:00:00Z"); // 11:00 Shanghai
    expect(slotHasStarted("2026-03-02", "11:00-13:00", at11, TZ)).toBe(true);
    const at1059 = new Date("2026-03-02T02:59:00Z");
    expect(slotHasStarted("2026-03-02", "11:00-13:00", at1059, TZ)).toBe(false);
  });

  it("never closes slots of another day", () => {
    const evening = new Date("2026-03-02T11:00:00Z"); // 19:00 Shanghai
    expect(timeSlots.map((s) => slotHasStarted("2026-03-02", s, evening, TZ))).toEqual([true, true, true, true]);
    expect(timeSlots.map((s) => slotHasStarted("2026-03-03", s, evening, TZ))).toEqual([false, false, false, false]);
  });

  it("sees early morning in Shanghai while UTC is still on the previous day", () => {
    // 2026-03-02 00:30 UTC = 08:30 Shanghai: nothing has begun on the 2nd yet.
    const earlyShanghai = new Date("2026-03-02T00:30:00Z");
    expect(timeSlots.some((s) => slotHasStarted("2026-03-02", s, earlyShanghai, TZ))).toBe(false);
    // 2026-03-01 17:30 UTC = 01:30 on the 2nd in Shanghai: slots on the 1st are in the past (all begun)
    // only from the 1st's own point of view; the 2nd's are all open.
    const lateUtc = new Date("2026-03-01T17:30:00Z");
    expect(timeSlots.some((s) => slotHasStarted("2026-03-02", s, lateUtc, TZ))).toBe(false);
    // 2026-03-02 01:00 UTC = 09:00 Shanghai: the first slot has just begun although UTC reads 01:00.
    expect(slotHasStarted("2026-03-02", "09:00-11:00", new Date("2026-03-02T01:00:00Z"), TZ)).toBe(true);
  });
});
