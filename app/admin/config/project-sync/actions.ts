"use server";

import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { saveProjectSyncConfigBody } from "@/lib/projects/schemas";
import { saveProjectSyncConfig, type ProjectSyncConfigView } from "@/lib/projects/sync-config";

/**
 * Config center › Project sync: the same schema and service as POST /api/config/project-sync, for a
 * signed-in admin. Both cron fields are checked with the scheduler's rules; the service audits the save.
 */
export async function saveProjectSyncConfigAction(input: unknown): Promise<ActionResult<ProjectSyncConfigView>> {
  return runAction(async () => {
    const actor = await requireActionActor("integrations.manage");
    return saveProjectSyncConfig(saveProjectSyncConfigBody.parse(input), actor);
  });
}
