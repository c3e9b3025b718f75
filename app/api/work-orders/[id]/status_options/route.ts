import { withApi } from "@/lib/http/with-api";
import { workOrderIdParams } from "@/lib/work-orders/schemas";
import { externalStatusOptions } from "@/lib/work-orders/update";

/** The statuses the remote allows this work order to move to now (asked live: Jira's workflow decides). */
export const GET = withApi({ access: "work_orders.write", params: workOrderIdParams }, async ({ params }) => ({
  options: await externalStatusOptions(params.id),
}));
