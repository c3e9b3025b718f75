import { withApi } from "@/lib/http/with-api";
import { syncLogFilters } from "@/lib/sync/schemas";
import { syncLogStatistics } from "@/lib/sync/sync-logs";

/** Seed 000: success rate and average duration, overall, per system and per sync type. */
export const GET = withApi({ access: "sync_logs.read", query: syncLogFilters }, async ({ query }) =>
  syncLogStatistics(query),
);
