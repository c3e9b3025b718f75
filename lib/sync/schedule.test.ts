import { describe, expect, it } from "vitest";
import { cronProblem, isDue, nextRuns } from "./schedule";

const TZ = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);

describe("cronProblem", () => {
  it.each(["*/15 * * * *", "0 9 * * 1-5", "30 3 * * *", "@hourly", "0 0 1 * *"])("accepts %s", (expr) => {
    expect(cronProblem(expr, TZ)).toBeNull();
  });
  it.each([
    ["", /Enter a cron expression/],
    ["0 */5 * * * *", /five fields.*has 6/],
    ["* * *", /five fields.*has 3/],
    ["61 * * * *", /minute: 61/],
    ["every five minutes", /five fields/],
    ["0 0 31 2 *", /never runs|Not a valid/],
  ])("refuses %j, saying why", (expr, why) => {
    expect(cronProblem(expr, TZ)).toMatch(why);
  });
});

describe("nextRuns", () => {
  it("a cron runs at its times in the app's zone", () => {
    // 09:00 on weekdays in Shanghai is 01:00 UTC.
    const runs = nextRuns({ intervalSeconds: 300, cronExpression: "0 9 * * 1-5" }, { from: at("2026-12-04T02:00:00Z"), lastRunAt: null, timeZone: TZ, count: 3 });
    expect(runs.map((d) => d.toISOString())).toEqual([
      "2026-12-07T01:00:00.000Z", // Friday 10:00 has passed → Monday
      "2026-12-08T01:00:00.000Z",
      "2026-12-09T01:00:00.000Z",
    ]);
  });

  it("an interval counts from the last run, and is due now when overdue or never run", () => {
    const from = at("2026-12-02T10:00:00Z");
    expect(nextRuns({ intervalSeconds: 300, cronExpression: null }, { from, lastRunAt: at("2026-12-02T09:58:00Z"), timeZone: TZ, count: 2 }).map((d) => d.toISOString())).toEqual([
      "2026-12-02T10:03:00.000Z",
      "2026-12-02T10:08:00.000Z",
    ]);
    expect(nextRuns({ intervalSeconds: 300, cronExpression: null }, { from, lastRunAt: null, timeZone: TZ, count: 1 })[0]).toEqual(from);
    expect(nextRuns({ intervalSeconds: 300, cronExpression: null }, { from, lastRunAt: at("2026-12-01T00:00:00Z"), timeZone: TZ, count: 1 })[0]).toEqual(from);
  });
});

describe("isDue", () => {
  const created = at("2026-12-01T00:00:00Z");
  const interval = { intervalSeconds: 300, cronExpression: null };
  it("an interval is due once it has passed since the last run (with a few seconds of slack)", () => {
    const last = at("2026-12-02T10:00:00.500Z");
    expect(isDue(interval, { now: at("2026-12-02T10:04:00Z"), lastRunAt: last, createdAt: created, timeZone: TZ })).toBe(false);
    expect(isDue(interval, { now: at("2026-12-02T10:05:00.200Z"), lastRunAt: last, createdAt: created, timeZone: TZ })).toBe(true);
    expect(isDue(interval, { now: at("2026-12-02T10:05:00Z"), lastRunAt: null, createdAt: created, timeZone: TZ })).toBe(true);
  });

  it("a cron is due when it fired since the last run, and not again in the same minute", () => {
    const cron = { intervalSeconds: 300, cronExpression: "*/15 * * * *" };
    const opts = (now: string, last: string | null) => ({ now: at(now), lastRunAt: last ? at(last) : null, createdAt: created, timeZone: TZ });
    expect(isDue(cron, opts("2026-12-02T10:15:00Z", "2026-12-02T10:00:00Z"))).toBe(true);
    expect(isDue(cron, opts("2026-12-02T10:14:00Z", "2026-12-02T10:00:00Z"))).toBe(false);
    // The run just started at 10:15: a second tick in that minute finds nothing due.
    expect(isDue(cron, opts("2026-12-02T10:15:30Z", "2026-12-02T10:15:00.300Z"))).toBe(false);
    // Missed slots (the app was down) give one run, not a burst.
    expect(isDue(cron, opts("2026-12-02T12:01:00Z", "2026-12-02T10:00:00Z"))).toBe(true);
    expect(isDue(cron, opts("2026-12-02T12:01:30Z", "2026-12-02T12:01:00.100Z"))).toBe(false);
  });
});
