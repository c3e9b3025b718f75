import { withApi } from "@/lib/http/with-api";
import { previewTemplateBody } from "@/lib/notifications/schemas";
import { previewTemplate } from "@/lib/notifications/template-store";

/** The text rendered with sample values, its size, and what is wrong with it (nothing is saved). */
export const POST = withApi({ access: "notifications.manage", body: previewTemplateBody }, async ({ body }) => previewTemplate(body));
