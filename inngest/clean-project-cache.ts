import { cron } from "inngest";
import { cleanProjectCache } from "@/lib/projects/project-sync";
import { inngest } from "./client";

/**
 * Daily at 02:00 (seed 004's two cleanup procedures): deletes cached projects expired for more than a
 * day and project links past their expiry; the cleanup is logged as a run in the sync history.
 */
export const cleanProjectCacheDaily = inngest.createFunction(
  { id: "clean-project-cache", triggers: [cron("TZ=Asia/Shanghai 0 2 * * *")] },
  async ({ step }) => step.run("delete-expired-copies-and-links", () => cleanProjectCache()),
);
