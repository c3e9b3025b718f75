import { withApi } from "@/lib/http/with-api";
import { getWorkOrderOrThrow } from "@/lib/work-orders/queries";
import { updateWorkOrderBody, workOrderIdParams } from "@/lib/work-orders/schemas";
import { updateLocalFields } from "@/lib/work-orders/update";

export const GET = withApi({ access: "work_orders.read", params: workOrderIdParams }, async ({ params }) =>
  getWorkOrderOrThrow(params.id),
);

/** Our own fields only: note, local_assignee, tags. The remote's are changed with update_external/. */
export const PUT = withApi(
  { access: "work_orders.write", params: workOrderIdParams, body: updateWorkOrderBody },
  async ({ params, body, actor }) => updateLocalFields(params.id, body, actor),
);
