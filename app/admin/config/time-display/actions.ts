"use server";

import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { saveTimeDisplayBody } from "@/lib/projects/schemas";
import { saveTimeDisplayConfig } from "@/lib/projects/sync-config";
import type { TimeDisplayConfig } from "@/lib/projects/time-display";

/**
 * Config center › Time display: the same schema and service as POST /api/config/time-display, for a
 * signed-in admin. Unknown format tokens and time zones come back as field errors; the save is audited.
 */
export async function saveTimeDisplayAction(input: unknown): Promise<ActionResult<TimeDisplayConfig>> {
  return runAction(async () => {
    const actor = await requireActionActor("integrations.manage");
    return saveTimeDisplayConfig(saveTimeDisplayBody.parse(input), actor);
  });
}
