import { withApi } from "@/lib/http/with-api";
import { getSyncLogOrThrow } from "@/lib/sync/sync-logs";
import { workOrderIdParams } from "@/lib/work-orders/schemas";

/** One run, with its message, error detail and the records that failed. Poll it while it runs. */
export const GET = withApi({ access: "sync_logs.read", params: workOrderIdParams }, async ({ params }) =>
  getSyncLogOrThrow(params.id),
);
