import { withApi } from "@/lib/http/with-api";
import { saveTimeDisplayBody } from "@/lib/projects/schemas";
import { getTimeDisplayConfig, saveTimeDisplayConfig } from "@/lib/projects/sync-config";

/** Seed 003: how project times are shown (a format per type, the zone, whether payment time shows). */
export const GET = withApi({ access: "integrations.manage" }, async () => getTimeDisplayConfig());

/** Saves the fields sent; unknown format tokens and unknown zones are refused with the reason. Audited. */
export const POST = withApi({ access: "integrations.manage", body: saveTimeDisplayBody }, async ({ actor, body }) =>
  saveTimeDisplayConfig(body, actor),
);
