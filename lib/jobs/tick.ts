import "server-only";
import { pruneLoginThrottle } from "../auth/login-throttle";
import { pruneRateLimits } from "../rate-limit";
import { startDueProjectSync } from "../projects/project-sync";
import { startDueSyncs } from "../sync/scheduler";
import { deliverDueNotifications } from "../notifications/delivery";
import { dispatchOutbox } from "./outbox";

/**
 * The per-minute housekeeping: re-deliver events a crash left pending, start the syncs that are due
 * (work-order systems and the project library), send the notifications whose retry is due,
 * drop old rate-limit windows and forgotten sign-in failures.
 * Run by instrumentation.ts with the inline driver and by the `periodic-tick` Inngest function.
 */
export async function runPeriodicTick(now = new Date()) {
  const outbox = await dispatchOutbox();
  const syncs = await startDueSyncs(now);
  const projectRun = await startDueProjectSync(now);
  const notifications = await deliverDueNotifications();
  await Promise.all([pruneRateLimits(), pruneLoginThrottle()]);
  return { outbox, syncs, projectRun, notifications };
}
