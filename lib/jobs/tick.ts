import "server-only";
import { pruneLoginThrottle } from "../auth/login-throttle";
import { pruneRateLimits } from "../rate-limit";
import { dispatchOutbox } from "./outbox";

/**
 * The per-minute housekeeping: re-deliver events a crash left pending, drop old rate-limit windows and
 * forgotten sign-in failures.
 * Run by instrumentation.ts with the inline driver and by the `periodic-tick` Inngest function.
 */
export async function runPeriodicTick() {
  const outbox = await dispatchOutbox();
  await Promise.all([pruneRateLimits(), pruneLoginThrottle()]);
  return { outbox };
}
