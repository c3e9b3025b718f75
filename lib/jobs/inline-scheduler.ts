import "server-only";
import { getLogger } from "../logger";
import { deleteExpiredShortLinks } from "../notifications/short-links";
import { cleanProjectCache } from "../projects/project-sync";
import { cleanOldSyncLogs } from "../sync/scheduler";
import { runPeriodicTick } from "./tick";

const holder = globalThis as unknown as { __servicehubTick?: NodeJS.Timeout; __servicehubDaily?: NodeJS.Timeout };

/**
 * The inline driver's clock: the per-minute tick and the daily cleanups (sync log, project cache and links, short links) that Inngest's cron functions run
 * in production. Started once per server process from instrumentation.ts; `unref` so they never keep a
 * process alive.
 */
export function startInlineScheduler(intervalMs = 60_000) {
  if (holder.__servicehubTick) return;
  holder.__servicehubTick = setInterval(() => {
    runPeriodicTick().catch((err) => getLogger().error({ err }, "periodic tick failed"));
  }, intervalMs);
  holder.__servicehubTick.unref();
  const daily = () => {
    cleanOldSyncLogs().catch((err) => getLogger().error({ err }, "sync log cleanup failed"));
    cleanProjectCache().catch((err) => getLogger().error({ err }, "project cache cleanup failed"));
    deleteExpiredShortLinks().catch((err) => getLogger().error({ err }, "short link cleanup failed"));
  };
  holder.__servicehubDaily = setInterval(daily, 24 * 60 * 60_000);
  holder.__servicehubDaily.unref();
}
