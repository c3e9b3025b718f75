import { withApi } from "@/lib/http/with-api";
import { getSyncLogOrThrow } from "@/lib/sync/sync-logs";
import { recordIdParams } from "@/lib/sync/schemas";

/** One run, with its message, error detail and the records that failed. Poll it while it runs. */
export const GET = withApi({ access: "sync_logs.read", params: recordIdParams }, async ({ params }) =>
  getSyncLogOrThrow(params.id),
);
