import "server-only";
import { executeRun } from "../sync/engine";
import type { JobEvent, JobEventName } from "./events";

export type InlineHandler<N extends JobEventName = JobEventName> = (event: Extract<JobEvent, { name: N }>) => Promise<void>;

/**
 * What the inline driver runs for each event, in-process. The Inngest functions in inngest/ wrap the
 * same lib/ services. `ticket/status.changed` has no consumer yet: customer and staff notifications
 * subscribe here when they are built; until then the event is recorded in the outbox and marked done.
 */
export const inlineHandlers: { [N in JobEventName]: InlineHandler<N>[] } = {
  "ticket/status.changed": [],
  // The notifications subscribe here; until then the event is recorded and marked done.
  "project/status.changed": [],
  // Idempotent: a run is executed only while it is still pending (a re-delivered event finds it taken).
  "sync/run.requested": [async (event) => void (await executeRun(event.data.runId))],
};
