import "server-only";
import type { JobEvent, JobEventName } from "./events";

export type InlineHandler = (event: JobEvent) => Promise<void>;

/**
 * What the inline driver runs for each event, in-process. The Inngest functions in inngest/ wrap the
 * same lib/ services. `ticket/status.changed` has no consumer yet: customer and staff notifications
 * subscribe here when they are built; until then the event is recorded in the outbox and marked done.
 */
export const inlineHandlers: { [N in JobEventName]: InlineHandler[] } = {
  "ticket/status.changed": [],
};
