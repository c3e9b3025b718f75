import { redirect } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current-actor";

/** Staff land where their work is: technicians on their jobs, everyone else on the ticket list. */
export default async function AdminHome() {
  const actor = await requirePageActor("/admin");
  redirect(actor.role === "technician" ? "/admin/my-jobs" : "/admin/tickets");
}
