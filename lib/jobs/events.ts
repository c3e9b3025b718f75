import { eventType } from "inngest";
import { z } from "zod";
import { ticketStatuses } from "@/db/schema";
import { projectRoles, projectStatuses, projectTypes } from "../projects/types";

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

/**
 * A cached project's status really changed (a sync or a refresh saw it; never for a first sight or an
 * unchanged copy). `notify` and `channels` are the project-sync config at that moment; the people carry
 * no contact details (those stay sealed in the cache; the notifications read them there).
 */
export const projectStatusChangedData = z.object({
  changeId: z.number().int(),
  projectId: z.string(),
  projectType: z.enum(projectTypes),
  title: z.string(),
  from: z.enum(projectStatuses),
  to: z.enum(projectStatuses),
  notify: z.boolean(),
  channels: z.array(z.string()),
  people: z.array(z.object({ role: z.enum(projectRoles), id: z.string(), name: z.string() })),
  source: z.enum(["sync", "refresh"]),
  at: z.string(),
});
export const projectStatusChanged = eventType("project/status.changed", { schema: projectStatusChangedData });

/** A notification row is ready to be sent (lib/notifications/delivery.ts); the channel keys per-channel limits. */
export const notificationDeliveryRequestedData = z.object({ notificationId: z.string(), channel: z.string() });
export const notificationDeliveryRequested = eventType("notification/delivery.requested", {
  schema: notificationDeliveryRequestedData,
});

export const jobEventSchemas = {
  "ticket/status.changed": ticketStatusChangedData,
  "sync/run.requested": syncRunRequestedData,
  "project/status.changed": projectStatusChangedData,
  "notification/delivery.requested": notificationDeliveryRequestedData,
} as const;

export type JobEventName = keyof typeof jobEventSchemas;
export type JobEvent = {
  [N in JobEventName]: { name: N; data: z.infer<(typeof jobEventSchemas)[N]> };
}[JobEventName];
