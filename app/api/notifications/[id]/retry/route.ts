import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { retryNotification } from "@/lib/notifications/delivery";
import { notificationIdParam } from "@/lib/notifications/schemas";

/** Re-queues a dead, failed or unsent message with fresh attempts and sends it now. Audited. */
export const POST = withApi(
  { access: "notifications.manage", params: z.object({ id: notificationIdParam }) },
  async ({ actor, params }) => retryNotification(params.id, actor),
);
