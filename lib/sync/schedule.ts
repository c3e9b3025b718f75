import { Cron } from "croner";

/**
 * When a system syncs: every `intervalSeconds`, or on a cron expression (five fields, minute precision,
 * read in the app's time zone) when one is set. The per-minute tick asks `isDue`; pages show `nextRuns`.
 * Pure functions of their inputs, so the schedule is testable without a clock.
 */
export interface Schedule {
  intervalSeconds: number;
  cronExpression: string | null;
}

const NICKNAMES = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

/**
 * Why a cron expression cannot be used, in words for the form; null when it is fine. Five fields only:
 * the tick runs once a minute, so a seconds field would promise what the scheduler cannot keep.
 */
export function cronProblem(expression: string, timeZone: string): string | null {
  const trimmed = expression.trim();
  if (!trimmed) return "Enter a cron expression, e.g. */15 * * * * (every 15 minutes)";
  if (trimmed.length > 100) return "A cron expression has at most 100 characters";
  const parts = trimmed.split(/\s+/);
  if (!(parts.length === 5 || (parts.length === 1 && NICKNAMES.includes(parts[0]!.toLowerCase())))) {
    return `A cron expression has five fields (minute hour day-of-month month day-of-week), e.g. */15 * * * *; this one has ${parts.length}`;
  }
  try {
    const cron = new Cron(trimmed, { timezone: timeZone, paused: true });
    if (!cron.nextRun()) return "This cron expression never runs";
    return null;
  } catch (e) {
    return `Not a valid cron expression: ${(e as Error).message.replace(/^CronPattern:\s*/, "")}`;
  }
}

/** The next `count` run times after `from`. */
export function nextRuns(schedule: Schedule, opts: { from: Date; lastRunAt: Date | null; timeZone: string; count?: number }): Date[] {
  const count = opts.count ?? 5;
  if (schedule.cronExpression) {
    return new Cron(schedule.cronExpression, { timezone: opts.timeZone, paused: true }).nextRuns(count, opts.from);
  }
  const step = schedule.intervalSeconds * 1000;
  // The next one is an interval after the last run (or now, if it never ran or is overdue).
  let next = opts.lastRunAt ? Math.max(opts.lastRunAt.getTime() + step, opts.from.getTime()) : opts.from.getTime();
  const runs: Date[] = [];
  for (let i = 0; i < count; i++, next += step) runs.push(new Date(next));
  return runs;
}

/**
 * Whether a system should start a run at `now`: its interval has passed since the last run, or its cron
 * fired since the last run (or since it was created, if it never ran).
 */
export function isDue(schedule: Schedule, opts: { now: Date; lastRunAt: Date | null; createdAt: Date; timeZone: string }): boolean {
  if (schedule.cronExpression) {
    const since = opts.lastRunAt ?? opts.createdAt;
    const next = new Cron(schedule.cronExpression, { timezone: opts.timeZone, paused: true }).nextRun(since);
    return next !== null && next.getTime() <= opts.now.getTime();
  }
  if (!opts.lastRunAt) return true;
  // A few seconds of slack: a tick that fires at 12:05:00.2 must not skip a run last started at 12:00:00.5.
  return opts.now.getTime() - opts.lastRunAt.getTime() >= schedule.intervalSeconds * 1000 - 5_000;
}
