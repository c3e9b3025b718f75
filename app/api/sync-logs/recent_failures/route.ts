import { withApi } from "@/lib/http/with-api";
import { limitQuery } from "@/lib/sync/schemas";
import { recentFailures } from "@/lib/sync/sync-logs";

/** Seed 000: failed and partial runs, newest first. */
export const GET = withApi({ access: "sync_logs.read", query: limitQuery }, async ({ query }) => recentFailures(query.limit));
