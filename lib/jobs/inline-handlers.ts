import "server-only";
import { deliverNotification } from "../notifications/delivery";
import { fanOutProjectChange, fanOutTicketChange } from "../notifications/fan-out";
import { executeRun } from "../sync/engine";
import type { JobEvent, JobEventName } from "./events";

export type InlineHandler<N extends JobEventName = JobEventName> = (event: Extract<JobEvent, { name: N }>) => Promise<void>;

/**
 * What the inline driver runs for each event, in-process. The Inngest functions in inngest/ wrap the
 * same lib/ services. Every handler is idempotent: the outbox delivers at least once.
 */
export const inlineHandlers: { [N in JobEventName]: InlineHandler<N>[] } = {
  // One notification row per recipient and channel, keyed by the transition: a re-delivery writes none.
  "ticket/status.changed": [async (event) => void (await fanOutTicketChange(event.data))],
  "project/status.changed": [async (event) => void (await fanOutProjectChange(event.data))],
  // A row is claimed before it is sent: a second delivery of the same event finds it taken or sent.
  "notification/delivery.requested": [async (event) => void (await deliverNotification(event.data.notificationId))],
  // Idempotent: a run is executed only while it is still pending (a re-delivered event finds it taken).
  "sync/run.requested": [async (event) => void (await executeRun(event.data.runId))],
};
