import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectSyncForm } from "@/components/project-config/project-sync-form";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getDisplayConfig } from "@/lib/env";
import { projectSyncConfigView } from "@/lib/projects/sync-config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectConfig"))("sync.title") };
}

/** Config center › Project sync (seed 003's project-sync config): admins only. */
export default async function ProjectSyncConfigPage() {
  await requirePageActor("/admin/config/project-sync", "integrations.manage");
  const view = await projectSyncConfigView();
  // The render time lets the server and the browser preview the same next runs (no hydration mismatch).
  // eslint-disable-next-line react-hooks/purity -- a per-request server render, not a component re-render
  const renderedAt = Date.now();
  return <ProjectSyncForm initial={view} timeZone={getDisplayConfig().APP_TIMEZONE} renderedAt={renderedAt} />;
}
