import { cleanProjectCacheDaily } from "./clean-project-cache";
import { cleanSyncLogs } from "./clean-sync-logs";
import {
  cleanShortLinksDaily,
  deliverNotificationFn,
  deliverWecomNotification,
  notifyProjectChange,
  notifyTicketChange,
} from "./notification-functions";
import { periodicTick } from "./periodic-tick";
import { syncWorkOrders } from "./sync-work-orders";

/** Every Inngest function the app serves at /api/inngest. */
export const functions = [
  periodicTick,
  syncWorkOrders,
  cleanSyncLogs,
  cleanProjectCacheDaily,
  notifyTicketChange,
  notifyProjectChange,
  deliverNotificationFn,
  deliverWecomNotification,
  cleanShortLinksDaily,
];
