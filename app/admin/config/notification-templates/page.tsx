import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TemplateManager } from "@/components/notification-config/template-manager";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getDisplayConfig } from "@/lib/env";
import { channelSettingsView } from "@/lib/notifications/channel-settings";
import { listTemplates } from "@/lib/notifications/template-store";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("templates.title") };
}

/** Config center › Templates (seed 004's template manager): admins only. */
export default async function NotificationTemplatesPage() {
  await requirePageActor("/admin/config/notification-templates", "notifications.manage");
  const [templates, channels] = await Promise.all([listTemplates(), channelSettingsView()]);
  return <TemplateManager initial={templates} sendingLocale={channels.delivery.locale} timeZone={getDisplayConfig().APP_TIMEZONE} />;
}
