import { withApi } from "@/lib/http/with-api";
import { performanceQuery } from "@/lib/sync/schemas";
import { performanceAnalysis } from "@/lib/sync/sync-logs";

/** Seed 000: per system, runs, p50/p95 duration, records per second, and a trend by day. */
export const GET = withApi({ access: "sync_logs.read", query: performanceQuery }, async ({ query }) =>
  performanceAnalysis(query.days),
);
