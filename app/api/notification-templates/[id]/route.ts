import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { templateIdParam, updateTemplateBody } from "@/lib/notifications/schemas";
import { updateTemplate } from "@/lib/notifications/template-store";

/** Saves a template's text or SMS code, switches it, or resets it; an unknown placeholder is a 422. */
export const PUT = withApi(
  { access: "notifications.manage", params: z.object({ id: templateIdParam }), body: updateTemplateBody },
  async ({ actor, params, body }) => updateTemplate(params.id, body, actor),
);
