import { withApi } from "@/lib/http/with-api";
import { haierLogsQuery } from "@/lib/sync/schemas";
import { latestSyncLogs } from "@/lib/sync/sync-logs";

/**
 * Seed 002's supplier log endpoint, exactly as specified: admins only, `{ count, results }` with count the
 * number returned (not the total). It reads the one sync log every integration writes to.
 */
export const GET = withApi({ access: "integrations.manage", query: haierLogsQuery }, async ({ query }) =>
  latestSyncLogs({ syncType: query.sync_type, status: query.status, limit: query.limit }),
);
