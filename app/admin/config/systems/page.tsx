import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SystemsPanel } from "@/components/integrations/systems-panel";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getDisplayConfig } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("integrations"))("systems.title") };
}

/** Config center › External systems (seed 000's WorkOrderSystem): admins only. */
export default async function SystemsPage() {
  await requirePageActor("/admin/config/systems", "integrations.manage");
  return <SystemsPanel timeZone={getDisplayConfig().APP_TIMEZONE} />;
}
