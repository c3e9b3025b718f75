import { withApi } from "@/lib/http/with-api";
import { channelSettingsView, saveChannelSettings } from "@/lib/notifications/channel-settings";
import { saveChannelSettingsBody } from "@/lib/notifications/schemas";

/** The notification channels' settings; secrets are write-only (shown as set or not). */
export const GET = withApi({ access: "notifications.manage" }, async () => channelSettingsView());

/** A channel or field left out is unchanged; an enabled channel must be complete. Audited, secrets masked. */
export const PUT = withApi({ access: "notifications.manage", body: saveChannelSettingsBody }, async ({ actor, body }) =>
  saveChannelSettings(body, actor),
);
