import "server-only";
import { pruneRateLimits } from "../rate-limit";
import { dispatchOutbox } from "./outbox";

/**
 * The per-minute housekeeping: re-deliver events a crash left pending, drop old rate-limit windows.
 * Run by instrumentation.ts with the inline driver and by the `periodic-tick` Inngest function.
 */
export async function runPeriodicTick() {
  const outbox = await dispatchOutbox();
  await pruneRateLimits();
  return { outbox };
}
