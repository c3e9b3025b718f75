import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { getNotification } from "@/lib/notifications/queries";
import { notificationIdParam } from "@/lib/notifications/schemas";

export const GET = withApi({ access: "notifications.manage", params: z.object({ id: notificationIdParam }) }, async ({ params }) =>
  getNotification(params.id),
);
