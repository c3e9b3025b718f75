"use server";

import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { templateIdParam, updateTemplateBody } from "@/lib/notifications/schemas";
import { updateTemplate, type TemplateView } from "@/lib/notifications/template-store";

/**
 * Config center › Templates: the same schemas and service as PUT /api/notification-templates/{id}, for
 * a signed-in admin. An unknown placeholder comes back as a field error on `body` (or `subject`); the
 * service audits every change.
 */
export async function updateTemplateAction(id: string, input: unknown): Promise<ActionResult<TemplateView>> {
  return runAction(async () => {
    const actor = await requireActionActor("notifications.manage");
    return updateTemplate(templateIdParam.parse(id), updateTemplateBody.parse(input), actor);
  });
}
