import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Suspense } from "react";
import { ListSkeleton } from "@/components/tickets/ticket-list";
import { WorkOrdersView } from "@/components/work-orders/work-orders-view";
import { requirePageActor } from "@/lib/auth/current-actor";
import { hasPermission } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workOrders");
  return { title: t("title") };
}

/** Work orders synced from external systems (Jira, Zendesk): read by staff, written back by admins and agents. */
export default async function WorkOrdersPage() {
  const actor = await requirePageActor("/admin/work-orders", "work_orders.read");
  const t = await getTranslations("workOrders");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {/* useSearchParams needs a boundary; the list renders on the client from the URL. */}
      <Suspense fallback={<ListSkeleton />}>
        <WorkOrdersView
          canWrite={hasPermission(actor.role, "work_orders.write")}
          canManageSystems={hasPermission(actor.role, "integrations.manage")}
        />
      </Suspense>
    </div>
  );
}
