import { cron } from "inngest";
import { notificationDeliveryRequested, projectStatusChanged, ticketStatusChanged } from "@/lib/jobs/events";
import { deliverNotification } from "@/lib/notifications/delivery";
import { fanOutProjectChange, fanOutTicketChange } from "@/lib/notifications/fan-out";
import { deleteExpiredShortLinks } from "@/lib/notifications/short-links";
import { inngest } from "./client";

/**
 * Notifications under Inngest: one function per event type writes the outbox rows (idempotent by their
 * dedupe keys) and requests a delivery per row; the delivery functions make one attempt each. Retries
 * are the per-minute tick's (`deliverDueNotifications`), honouring each row's backoff, so a retry
 * never waits on an Inngest run that may itself be retried.
 */
export const notifyTicketChange = inngest.createFunction(
  { id: "notify-ticket-change", triggers: [ticketStatusChanged] },
  async ({ event, step }) => step.run("write-notifications", () => fanOutTicketChange(event.data)),
);

export const notifyProjectChange = inngest.createFunction(
  { id: "notify-project-change", triggers: [projectStatusChanged] },
  async ({ event, step }) => step.run("write-notifications", () => fanOutProjectChange(event.data)),
);

/** SMS and e-mail: a few at a time per channel, so a burst of bookings does not flood the provider. */
export const deliverNotificationFn = inngest.createFunction(
  {
    id: "deliver-notification",
    triggers: [{ event: notificationDeliveryRequested.name, if: "event.data.channel != 'wecom'" }],
    concurrency: { limit: 5, key: "event.data.channel" },
  },
  async ({ event, step }) => step.run("send", () => deliverNotification(event.data.notificationId)),
);

/** The WeChat Work group bot takes 20 messages a minute: held to that, one at a time. */
export const deliverWecomNotification = inngest.createFunction(
  {
    id: "deliver-wecom-notification",
    triggers: [{ event: notificationDeliveryRequested.name, if: "event.data.channel == 'wecom'" }],
    concurrency: { limit: 1 },
    throttle: { limit: 20, period: "1m" },
  },
  async ({ event, step }) => step.run("send", () => deliverNotification(event.data.notificationId)),
);

/** Daily: short SMS codes whose link has expired open nothing and are dropped. */
export const cleanShortLinksDaily = inngest.createFunction(
  { id: "clean-short-links", triggers: [cron("TZ=Asia/Shanghai 30 2 * * *")] },
  async ({ step }) => step.run("delete-expired-short-links", async () => ({ removed: await deleteExpiredShortLinks() })),
);
