import "server-only";
import { getLogger } from "../logger";
import { runPeriodicTick } from "./tick";

const holder = globalThis as unknown as { __servicehubTick?: NodeJS.Timeout };

/**
 * The inline driver's clock: the per-minute tick that Inngest's cron runs in production. Started
 * once per server process from instrumentation.ts; `unref` so it never keeps a process alive.
 */
export function startInlineScheduler(intervalMs = 60_000) {
  if (holder.__servicehubTick) return;
  holder.__servicehubTick = setInterval(() => {
    runPeriodicTick().catch((err) => getLogger().error({ err }, "periodic tick failed"));
  }, intervalMs);
  holder.__servicehubTick.unref();
}
