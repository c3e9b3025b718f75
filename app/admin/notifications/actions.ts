"use server";

import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { retryNotification } from "@/lib/notifications/delivery";
import { notificationIdParam } from "@/lib/notifications/schemas";

/**
 * The notification log's action: the same service as POST /api/notifications/{id}/retry, for a
 * signed-in admin. Only dead, failed and unsent (no channel) messages are retried; the service audits it.
 */
export async function retryNotificationAction(id: string): Promise<ActionResult<Awaited<ReturnType<typeof retryNotification>>>> {
  return runAction(async () => {
    const actor = await requireActionActor("notifications.manage");
    return retryNotification(notificationIdParam.parse(id), actor);
  });
}
