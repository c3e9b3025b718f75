import { drfPage } from "@/lib/http/drf-page";
import { withApi } from "@/lib/http/with-api";
import { dueSoonFilter, listWorkOrders } from "@/lib/work-orders/queries";
import { upcomingQuery } from "@/lib/work-orders/schemas";

/** Seed 000: open work orders due within `days` (default 7), soonest first. */
export const GET = withApi({ access: "work_orders.read", query: upcomingQuery }, async ({ req, query }) => {
  const { count, results } = await listWorkOrders({ page: query.page, page_size: query.page_size, sort: "due" }, dueSoonFilter(query.days));
  return drfPage(req.url, count, query.page, query.page_size, results);
});
