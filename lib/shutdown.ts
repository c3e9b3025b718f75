import "server-only";
import { closeDb } from "./db";
import { settleJobs } from "./jobs/outbox";

/**
 * Ends a script's use of the app: first the background dispatches it started (they need the
 * database), then the database itself. Closing the database alone would let a pending dispatch
 * reopen it — and, with PGlite, hold its lock after the script meant to let go.
 */
export async function shutdownApp(): Promise<void> {
  await settleJobs();
  await closeDb();
}
