import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { ProjectsAdminView } from "@/components/projects-admin/projects-admin-view";
import { requirePageActor } from "@/lib/auth/current-actor";
import { hasPermission } from "@/lib/auth/permissions";
import { getDisplayConfig } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projects"))("title") };
}

/** The project cache for staff (seeds 003/004): cache state, syncs, a project's history and its links. */
export default async function ProjectsPage() {
  const actor = await requirePageActor("/admin/projects", "projects.read");
  const t = await getTranslations("projects");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ProjectsAdminView
        canShare={hasPermission(actor.role, "projects.share")}
        canSync={hasPermission(actor.role, "projects.sync")}
        timeZone={getDisplayConfig().APP_TIMEZONE}
      />
    </div>
  );
}
