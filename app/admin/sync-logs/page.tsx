import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Suspense } from "react";
import { RunsSkeleton } from "@/components/sync-logs/run-list";
import { SyncLogsDashboard } from "@/components/sync-logs/sync-logs-dashboard";
import { requirePageActor } from "@/lib/auth/current-actor";
import { hasPermission } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("syncLogs");
  return { title: t("title") };
}

/** Every sync run of every system (admins and ops managers). The config center links here with `?run=<id>`. */
export default async function SyncLogsPage() {
  const actor = await requirePageActor("/admin/sync-logs", "sync_logs.read");
  const t = await getTranslations("syncLogs");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {/* useSearchParams needs a boundary; filters, the period and the open run all live in the URL. */}
      <Suspense fallback={<RunsSkeleton />}>
        <SyncLogsDashboard isAdmin={hasPermission(actor.role, "integrations.manage")} />
      </Suspense>
    </div>
  );
}
