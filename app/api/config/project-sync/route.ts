import { withApi } from "@/lib/http/with-api";
import { requestLocale } from "@/lib/i18n/request-locale";
import { saveProjectSyncConfigBody } from "@/lib/projects/schemas";
import { projectSyncConfigView, saveProjectSyncConfig } from "@/lib/projects/sync-config";

/** Seed 003: the project-sync config, with the last sync time and the next five run times. */
export const GET = withApi({ access: "integrations.manage" }, async () => projectSyncConfigView());

/** Saves the fields sent (the rest keep their value); a bad cron is a 422 that says why. Audited. */
export const POST = withApi(
  { access: "integrations.manage", body: saveProjectSyncConfigBody },
  async ({ req, actor, body }) => ({
    success: true,
    message: requestLocale(req.headers) === "en" ? "Configuration saved" : "配置已保存",
    ...(await saveProjectSyncConfig(body, actor)),
  }),
);
