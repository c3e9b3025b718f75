import type { syncRuns } from "@/db/schema";

/** A sync run as the API shows it (seed 002's HaierSyncLog fields, plus ours). */
export interface SyncRunDto {
  id: number;
  system_id: number | null;
  system_name: string;
  sync_type: string;
  trigger: string;
  status: string;
  total_count: number;
  success_count: number;
  failed_count: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  request_count: number;
  message: string | null;
  error_detail: string | null;
  details: Record<string, unknown>;
  started_at: string | null;
  completed_at: string | null;
  /** Seconds, as seed 002's `duration` property (completed − started); null while running. */
  duration: number | null;
  created_at: string;
}

export function toRunDto(run: typeof syncRuns.$inferSelect): SyncRunDto {
  return {
    id: run.id,
    system_id: run.systemId,
    system_name: run.systemName,
    sync_type: run.syncType,
    trigger: run.trigger,
    status: run.status,
    total_count: run.totalCount,
    success_count: run.successCount,
    failed_count: run.failedCount,
    created_count: run.createdCount,
    updated_count: run.updatedCount,
    unchanged_count: run.unchangedCount,
    request_count: run.requestCount,
    message: run.message,
    error_detail: run.errorDetail,
    details: run.details,
    started_at: run.startedAt?.toISOString() ?? null,
    completed_at: run.completedAt?.toISOString() ?? null,
    duration: run.durationMs === null ? null : Math.round(run.durationMs) / 1000,
    created_at: run.createdAt.toISOString(),
  };
}
