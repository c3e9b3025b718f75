import type { BadgeTone } from "@/components/ui/badge";
import type { listNotifications, NotificationDto } from "@/lib/notifications/queries";
import type { notificationStatusList } from "@/lib/notifications/schemas";

/** The API's answers as the notification log reads them (types only: nothing server-side reaches the browser). */
export type NotificationPage = Awaited<ReturnType<typeof listNotifications>>;
export type NotificationStatus = (typeof notificationStatusList)[number];
export type { NotificationDto };

/** The log's TanStack Query keys: everything under "notifications", so a retry refreshes every view. */
export const notificationKeys = {
  all: ["notifications"] as const,
  list: (params: Record<string, string | number | undefined>) => ["notifications", "list", params] as const,
  detail: (id: string) => ["notifications", "detail", id] as const,
};

export const statusTone: Record<NotificationStatus, BadgeTone> = {
  pending: "blue",
  sending: "sky",
  sent: "green",
  failed: "amber",
  dead: "red",
  no_channel: "gray",
};

/** Messages an admin may send again (the API refuses the others). */
export const isRetryable = (n: Pick<NotificationDto, "status">) => n.status === "dead" || n.status === "failed" || n.status === "no_channel";
/** Messages still on their way: the views poll while any is shown. */
export const isMoving = (n: Pick<NotificationDto, "status">) => n.status === "pending" || n.status === "sending";
