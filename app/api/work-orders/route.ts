import { drfPage } from "@/lib/http/drf-page";
import { withApi } from "@/lib/http/with-api";
import { listWorkOrders } from "@/lib/work-orders/queries";
import { listWorkOrdersQuery } from "@/lib/work-orders/schemas";

/** Seed 000: the unified list of work orders from every system. Deleted ones only with include_deleted=true. */
export const GET = withApi({ access: "work_orders.read", query: listWorkOrdersQuery }, async ({ req, query }) => {
  const { count, results } = await listWorkOrders(query);
  return drfPage(req.url, count, query.page, query.page_size, results);
});
