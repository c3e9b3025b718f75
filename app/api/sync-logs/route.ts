import { drfPage } from "@/lib/http/drf-page";
import { withApi } from "@/lib/http/with-api";
import { syncLogListQuery } from "@/lib/sync/schemas";
import { listSyncLogs } from "@/lib/sync/sync-logs";

/** Seed 000: every sync run (all systems and types), newest first, with filters. */
export const GET = withApi({ access: "sync_logs.read", query: syncLogListQuery }, async ({ req, query }) => {
  const { count, results } = await listSyncLogs(query, query.page, query.page_size);
  return drfPage(req.url, count, query.page, query.page_size, results);
});
