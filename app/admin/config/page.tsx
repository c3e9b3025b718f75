import { redirect } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current-actor";

/** The config center opens on its first tab. */
export default async function ConfigPage() {
  await requirePageActor("/admin/config", "integrations.manage");
  redirect("/admin/config/systems");
}
