import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { AdminNav } from "@/components/layout/admin-nav";

/**
 * The config center: one place for an admin's settings, one tab per area. Later areas (project sync,
 * notification channels, templates) add a tab here. Each tab's page checks access itself.
 */
export default async function ConfigLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("integrations");
  return (
    <div className="space-y-5">
      <PageHeader title={t("center.title")} subtitle={t("center.subtitle")} />
      <AdminNav
        variant="tabs"
        label={t("center.title")}
        items={[
          { href: "/admin/config/systems", label: t("center.tabs.systems") },
          { href: "/admin/config/project-sync", label: t("center.tabs.projectSync") },
          { href: "/admin/config/time-display", label: t("center.tabs.timeDisplay") },
        ]}
      />
      {children}
    </div>
  );
}
