import type { z } from "zod";
import type { RemoteErrorKind } from "@/lib/sync/remote-http";
import type { SyncRunDto } from "@/lib/sync/run-dto";
import type { syncLogFilters } from "@/lib/sync/schemas";
import type { performanceAnalysis, syncLogStatistics } from "@/lib/sync/sync-logs";

/**
 * Client-side copies of the sync vocabulary. The canonical lists live in db/schema, which pulls the
 * database layer into the bundle; these are checked against the API's filter schema (type-only imports),
 * so a renamed value fails to compile.
 */
type ApiFilters = z.output<typeof syncLogFilters>;
export type SyncType = NonNullable<ApiFilters["sync_type"]>;
export type SyncTrigger = NonNullable<ApiFilters["trigger"]>;
export type SyncRunStatus = NonNullable<ApiFilters["status"]>;

export const SYNC_TYPES = [
  "work_orders",
  "projects",
  "cleanup",
  "products",
  "prices",
  "stock",
  "order",
  "logistics",
  "manual",
] as const satisfies readonly SyncType[];
export const SYNC_TRIGGERS = ["auto", "manual", "api", "cli"] as const satisfies readonly SyncTrigger[];
export const SYNC_STATUSES = [
  "pending",
  "processing",
  "success",
  "partial",
  "failed",
] as const satisfies readonly SyncRunStatus[];

/** The kinds of remote failure the engine records in `error_detail`. */
export const ERROR_KINDS = [
  "credentials",
  "not_found",
  "rate_limited",
  "server",
  "unreachable",
  "tls",
  "timeout",
  "invalid_response",
  "bad_request",
  "aborted",
] as const satisfies readonly RemoteErrorKind[];

export const isActiveStatus = (status: string) => status === "pending" || status === "processing";

/** How often a running sync is polled (the list and the detail). */
export const LIVE_POLL_MS = 2_000;
export const RUNS_PAGE_SIZE = 20;
export const DAY_OPTIONS = [7, 30, 90] as const;
export type DayOption = (typeof DAY_OPTIONS)[number];
export const DEFAULT_DAYS: DayOption = 30;

export type { SyncRunDto };
export interface SyncRunPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: SyncRunDto[];
}
export type SyncStatistics = Awaited<ReturnType<typeof syncLogStatistics>>;
export type SyncPerformance = Awaited<ReturnType<typeof performanceAnalysis>>;
export type SystemPerformance = SyncPerformance["systems"][number];
