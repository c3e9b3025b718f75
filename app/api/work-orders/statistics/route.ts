import { withApi } from "@/lib/http/with-api";
import { workOrderStatistics } from "@/lib/work-orders/queries";

/** Seed 000: counts by system, status and priority; overdue and due within 3 days. */
export const GET = withApi({ access: "work_orders.read" }, async () => workOrderStatistics());
