import { cleanProjectCacheDaily } from "./clean-project-cache";
import { cleanSyncLogs } from "./clean-sync-logs";
import { periodicTick } from "./periodic-tick";
import { syncWorkOrders } from "./sync-work-orders";

/** Every Inngest function the app serves at /api/inngest. */
export const functions = [periodicTick, syncWorkOrders, cleanSyncLogs, cleanProjectCacheDaily];
