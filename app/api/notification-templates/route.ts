import { withApi } from "@/lib/http/with-api";
import { listTemplates } from "@/lib/notifications/template-store";

/** Every template (event × channel × locale) with its placeholders, switch and default text. */
export const GET = withApi({ access: "notifications.manage" }, async () => ({ results: await listTemplates() }));
