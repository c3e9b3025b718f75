/**
 * A sync worker for the crash test (lib/sync/engine-crash.db.test.ts): executes one run against the
 * database named by DATABASE_URL or PGLITE_DATA_DIR and prints each committed page, so the test can
 * kill it (SIGKILL) in the middle of a run.
 */
import { executeRun } from "@/lib/sync/engine";

const runId = Number(process.argv[2]);
await executeRun(runId, { onPage: (p) => console.log(`committed page ${p.pages}`) });
console.log("finished");
process.exit(0);
