import { withApi } from "@/lib/http/with-api";
import { listNotifications } from "@/lib/notifications/queries";
import { listNotificationsQuery } from "@/lib/notifications/schemas";

/** Every message, newest first, with counts per status under the other filters. */
export const GET = withApi({ access: "notifications.manage", query: listNotificationsQuery }, async ({ query }) =>
  listNotifications(query),
);
