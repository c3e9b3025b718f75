import { drfPage } from "@/lib/http/drf-page";
import { withApi } from "@/lib/http/with-api";
import { listWorkOrders, overdueFilter } from "@/lib/work-orders/queries";
import { pageQuery } from "@/lib/work-orders/schemas";

/** Seed 000: open work orders past their due date, most overdue first. */
export const GET = withApi({ access: "work_orders.read", query: pageQuery }, async ({ req, query }) => {
  const { count, results } = await listWorkOrders({ ...query, sort: "due" }, overdueFilter());
  return drfPage(req.url, count, query.page, query.page_size, results);
});
