import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationChannelsForm } from "@/components/notification-config/channels-form";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getDisplayConfig } from "@/lib/env";
import { channelSettingsView } from "@/lib/notifications/channel-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("channels.title") };
}

/** Config center › Notification channels (WeChat Work, SMS, e-mail, delivery): admins only. */
export default async function NotificationChannelsPage() {
  await requirePageActor("/admin/config/notification-channels", "notifications.manage");
  return <NotificationChannelsForm initial={await channelSettingsView()} timeZone={getDisplayConfig().APP_TIMEZONE} />;
}
