import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { AdminNav, type NavItem } from "@/components/layout/admin-nav";
import { getSessionActor } from "@/lib/auth/current-actor";
import { hasPermission } from "@/lib/auth/permissions";

/**
 * The config center: one place for an admin's settings, one tab per area. Later areas add a tab here.
 * Each tab's page checks access itself; the notification tabs are listed for those who may use them.
 */
export default async function ConfigLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("integrations");
  const actor = await getSessionActor();
  const items: NavItem[] = [
    { href: "/admin/config/systems", label: t("center.tabs.systems") },
    { href: "/admin/config/project-sync", label: t("center.tabs.projectSync") },
  ];
  if (actor && hasPermission(actor.role, "notifications.manage")) {
    items.push(
      { href: "/admin/config/notification-channels", label: t("center.tabs.notificationChannels") },
      { href: "/admin/config/notification-templates", label: t("center.tabs.notificationTemplates") },
    );
  }
  items.push({ href: "/admin/config/time-display", label: t("center.tabs.timeDisplay") });
  return (
    <div className="space-y-5">
      <PageHeader title={t("center.title")} subtitle={t("center.subtitle")} />
      <AdminNav variant="tabs" label={t("center.title")} items={items} />
      {children}
    </div>
  );
}
