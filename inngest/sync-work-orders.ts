import { RetryAfterError } from "inngest";
import { syncRunRequested } from "@/lib/jobs/events";
import { executeRun, RunRateLimited } from "@/lib/sync/engine";
import { toRunDto } from "@/lib/sync/run-dto";
import { inngest } from "./client";

/**
 * Executes a requested sync run of any type (work orders, projects), from the API, a page, the CLI or
 * the schedule. One at a time per system (singleton; a
 * second pending run cannot exist anyway). When the remote rate-limits for longer than the engine waits
 * in place, the run goes back to pending and Inngest retries after the remote's Retry-After: the retry
 * resumes the same run from its last committed page.
 */
export const syncWorkOrders = inngest.createFunction(
  {
    id: "sync-work-orders",
    triggers: [syncRunRequested],
    singleton: { key: "event.data.systemId", mode: "skip" },
    retries: 5,
  },
  async ({ event, step }) =>
    step.run("execute-run", async () => {
      try {
        return toRunDto(await executeRun(event.data.runId, { onRateLimited: "yield" }));
      } catch (e) {
        if (e instanceof RunRateLimited) throw new RetryAfterError(e.message, e.retryAfterSeconds * 1000, { cause: e });
        throw e;
      }
    }),
);
