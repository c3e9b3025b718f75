import { cron } from "inngest";
import { cleanOldSyncLogs } from "@/lib/sync/scheduler";
import { inngest } from "./client";

/** Daily (seed 000's "日志清理"): deletes finished sync runs older than SYNC_LOG_RETENTION_DAYS (30). */
export const cleanSyncLogs = inngest.createFunction(
  { id: "clean-sync-logs", triggers: [cron("TZ=Asia/Shanghai 30 3 * * *")] },
  async ({ step }) => step.run("delete-old-runs", () => cleanOldSyncLogs()),
);
