"use server";

import { getLocale } from "next-intl/server";
import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { isLocale } from "@/lib/i18n/config";
import { sendTestMessage } from "@/lib/notifications/channel-check";
import { saveChannelSettings, type ChannelSettingsView } from "@/lib/notifications/channel-settings";
import { channelParam, saveChannelSettingsBody, testChannelBody } from "@/lib/notifications/schemas";

/**
 * Config center › Notification channels: the same schemas and services as PUT
 * /api/config/notification-channels and POST …/{channel}/test, for a signed-in admin. Secrets are
 * write-only both ways; saves and tests are audited by the services.
 */
export async function saveNotificationChannelsAction(input: unknown): Promise<ActionResult<ChannelSettingsView & { changed: string[] }>> {
  return runAction(async () => {
    const actor = await requireActionActor("notifications.manage");
    return saveChannelSettings(saveChannelSettingsBody.parse(input), actor);
  });
}

/** One real message over the saved settings; answers with the provider's own words. */
export async function testNotificationChannelAction(channel: string, input: unknown): Promise<ActionResult<{ ok: boolean; message: string }>> {
  return runAction(async () => {
    const actor = await requireActionActor("notifications.manage");
    const locale = await getLocale();
    return sendTestMessage(channelParam.parse(channel), testChannelBody.parse(input).to, actor, isLocale(locale) ? locale : "zh-CN");
  });
}
