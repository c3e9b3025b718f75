import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TimeDisplayForm } from "@/components/project-config/time-display-form";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getTimeDisplayConfig } from "@/lib/projects/sync-config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectConfig"))("display.title") };
}

/** Config center › Time display (seed 003's time-display config): admins only. */
export default async function TimeDisplayConfigPage() {
  await requirePageActor("/admin/config/time-display", "integrations.manage");
  return <TimeDisplayForm initial={await getTimeDisplayConfig()} />;
}
