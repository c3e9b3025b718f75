import { eventType } from "inngest";
import { z } from "zod";
import { ticketStatuses } from "@/db/schema";

/** Every background event the product emits: its name, and the schema of its data. */

export const ticketStatusChangedData = z.object({
  ticketId: z.string(),
  code: z.string(),
  action: z.string(),
  from: z.enum(ticketStatuses).nullable(),
  to: z.enum(ticketStatuses),
  version: z.number().int(),
  actor: z.object({ type: z.enum(["user", "customer", "system"]), label: z.string() }),
  at: z.string(),
});

export const ticketStatusChanged = eventType("ticket/status.changed", { schema: ticketStatusChangedData });

/** A sync run was created (pending) and is waiting to be executed. */
export const syncRunRequestedData = z.object({ runId: z.number().int(), systemId: z.number().int() });
export const syncRunRequested = eventType("sync/run.requested", { schema: syncRunRequestedData });

export const jobEventSchemas = {
  "ticket/status.changed": ticketStatusChangedData,
  "sync/run.requested": syncRunRequestedData,
} as const;

export type JobEventName = keyof typeof jobEventSchemas;
export type JobEvent = {
  [N in JobEventName]: { name: N; data: z.infer<(typeof jobEventSchemas)[N]> };
}[JobEventName];
