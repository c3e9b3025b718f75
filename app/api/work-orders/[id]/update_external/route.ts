import { withApi } from "@/lib/http/with-api";
import { updateExternalBody, workOrderIdParams } from "@/lib/work-orders/schemas";
import { updateExternal } from "@/lib/work-orders/update";

/** Seed 000: push a status and/or a comment to the remote system; logged as a `manual` sync run. */
export const POST = withApi(
  { access: "work_orders.write", params: workOrderIdParams, body: updateExternalBody },
  async ({ params, body, actor }) => updateExternal(params.id, body, actor),
);
