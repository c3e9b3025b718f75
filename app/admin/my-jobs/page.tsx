import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MyJobsBoard } from "@/components/jobs/my-jobs-board";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/current-actor";
import { hasPermission } from "@/lib/auth/permissions";
import { imageUploadRules } from "@/lib/files/images";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("jobs");
  return { title: t("title") };
}

/**
 * The technician's phone page (seed 001's 技师端). The list comes from GET /api/tickets, which already
 * limits a technician to the tickets assigned to them, so this page never shows anyone else's job.
 */
export default async function MyJobsPage() {
  const actor = await requirePageActor("/admin/my-jobs");
  if (!actor.technicianId) {
    const t = await getTranslations("jobs.notTechnician");
    const canSeeTickets = actor.role !== "technician" && hasPermission(actor.role, "tickets.read");
    return (
      <Card className="mx-auto max-w-md p-6">
        <h1 className="text-lg font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("body")}</p>
        <p className="mt-2 text-sm text-slate-600">{canSeeTickets ? t("useTickets") : t("askAdmin")}</p>
        {canSeeTickets && (
          <Link href="/admin/tickets" className={`${buttonClasses("primary", "lg")} mt-5 w-full`}>
            {t("toTickets")}
          </Link>
        )}
      </Card>
    );
  }
  return <MyJobsBoard uploadRules={imageUploadRules()} />;
}
