import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Suspense } from "react";
import { ListSkeleton, TicketList } from "@/components/tickets/ticket-list";
import { requirePageActor } from "@/lib/auth/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tickets.list");
  return { title: t("title") };
}

/** Staff ticket list. Technicians work from their own job list instead. */
export default async function TicketsPage() {
  const actor = await requirePageActor("/admin/tickets", "tickets.read");
  if (actor.role === "technician") redirect("/admin/my-jobs");
  const t = await getTranslations("tickets.list");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {/* useSearchParams needs a boundary; the list renders on the client from the URL. */}
      <Suspense fallback={<ListSkeleton />}>
        <TicketList />
      </Suspense>
    </div>
  );
}
