"use server";

import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import type { SyncRunDto } from "@/lib/sync/run-dto";
import type { WorkOrderDto } from "@/lib/work-orders/queries";
import { updateExternalBody, updateWorkOrderBody, workOrderIdParams } from "@/lib/work-orders/schemas";
import { updateExternal, updateLocalFields } from "@/lib/work-orders/update";

/**
 * Work-order actions for the staff page. Each one authenticates, parses with the API's own schemas and
 * calls the same service as the REST handler (PUT /api/work-orders/{id}/ and
 * POST /api/work-orders/{id}/update_external/), returning the result or the error.
 */

/** Our own fields (note, local assignee, tags); a sync never overwrites them. */
export async function updateWorkOrderLocalAction(
  id: number,
  input: { note?: string | null; local_assignee?: string | null; tags?: string[] },
): Promise<ActionResult<WorkOrderDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("work_orders.write");
    const p = workOrderIdParams.parse({ id });
    return updateLocalFields(p.id, updateWorkOrderBody.parse(input), actor);
  });
}

/**
 * Pushes a status and/or a comment to the remote, logged as a manual sync run. The remote refusing
 * comes back as invalid_input (422), the remote being down as upstream_unavailable (502, with run_id).
 */
export async function pushWorkOrderAction(
  id: number,
  input: { status?: string; comment?: string },
): Promise<ActionResult<{ work_order: WorkOrderDto; run: SyncRunDto }>> {
  return runAction(async () => {
    const actor = await requireActionActor("work_orders.write");
    const p = workOrderIdParams.parse({ id });
    return updateExternal(p.id, updateExternalBody.parse(input), actor);
  });
}
