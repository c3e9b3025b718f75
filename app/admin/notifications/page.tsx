import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { NotificationsAdminView } from "@/components/notifications-admin/notifications-admin-view";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getDisplayConfig } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("log.title") };
}

/** Every message sent (or not) to customers, technicians and staff, with retries: admins only. */
export default async function NotificationsPage() {
  await requirePageActor("/admin/notifications", "notifications.manage");
  const t = await getTranslations("notifications");
  return (
    <div className="space-y-4">
      <PageHeader title={t("log.title")} subtitle={t("log.subtitle")} />
      <NotificationsAdminView timeZone={getDisplayConfig().APP_TIMEZONE} />
    </div>
  );
}
