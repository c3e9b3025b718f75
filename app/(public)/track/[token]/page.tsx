import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatAppointmentDate, formatSlot } from "@/components/booking/format";
import { StatusTimeline } from "@/components/booking/status-timeline";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { isAppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { getTrackingView, type TrackingView } from "@/lib/tickets/tracking";
import { CancelBooking } from "./cancel-booking";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("track");
  // The token in the address is the customer's key: keep it out of search engines and other sites' logs.
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

const statusTone: Record<TrackingView["status"], BadgeTone> = {
  BOOKED: "blue",
  CONFIRMED: "indigo",
  ASSIGNED: "amber",
  IN_PROGRESS: "sky",
  COMPLETED: "green",
  CANCELED: "red",
};

export default async function TrackPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let view: TrackingView;
  try {
    view = await getTrackingView(token, { ip: clientIp(await headers()) });
  } catch (e) {
    // Invalid, expired and revoked links look the same, and say nothing about any ticket.
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const t = await getTranslations("track");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const canceled = view.status === "CANCELED";

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="text-sm text-slate-500">
            {t("code")}{" "}
            <span className="select-all font-mono text-base font-semibold tracking-wide text-slate-900">
              {view.code}
            </span>
          </p>
          <Badge tone={statusTone[view.status]} className="px-2.5 py-1 text-sm">
            <span className="sr-only">{t("status")}: </span>
            {tc(`status.${view.status}`)}
          </Badge>
        </div>
      </div>

      {canceled && (
        <div role="status" className="rounded-xl bg-red-50 px-4 py-4 ring-1 ring-inset ring-red-200">
          <p className="font-semibold text-red-800">{t("canceledTitle")}</p>
          <p className="mt-1 text-sm text-red-800">{t("canceledBody")}</p>
          <Link href="/booking" className={`${buttonClasses("secondary", "lg")} mt-3 w-full sm:w-auto`}>
            {t("bookAgain")}
          </Link>
        </div>
      )}

      <Card className="px-4 py-4 sm:px-5">
        <h2 className="mb-4 text-base font-semibold text-slate-900">{t("timeline")}</h2>
        <StatusTimeline status={view.status} timeline={view.timeline} cancelReason={view.cancel_reason} />
      </Card>

      <Card className="px-4 py-4 sm:px-5">
        <h2 className="mb-3 text-base font-semibold text-slate-900">{t("details")}</h2>
        <dl className="divide-y divide-slate-100 text-sm">
          <Row label={t("when")}>
            {formatAppointmentDate(format, view.appointment_date)}{" "}
            <span className="whitespace-nowrap tabular-nums">{formatSlot(view.appointment_slot)}</span>
          </Row>
          <Row label={t("appliance")}>{tc(`appliance.${view.appliance_type}`)}</Row>
          <Row label={t("center")}>{view.center_name}</Row>
          <Row label={t("address")}>{view.address}</Row>
          {view.technician ? (
            <>
              <Row label={t("technician")}>{view.technician.name}</Row>
              {view.technician.phone_masked && (
                <Row label={t("technicianPhone")}>
                  <span className="tabular-nums">{view.technician.phone_masked}</span>
                </Row>
              )}
            </>
          ) : (
            !canceled && (
              <Row label={t("technician")}>
                <span className="font-normal text-slate-500">{t("technicianPending")}</span>
              </Row>
            )
          )}
        </dl>
      </Card>

      {view.can_cancel && (
        <Card className="space-y-3 px-4 py-4 sm:px-5">
          <p className="text-sm text-slate-600">{t("cancel.hint")}</p>
          <CancelBooking token={token} />
        </Card>
      )}
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-3 py-2.5 first:pt-0 last:pb-0 sm:grid-cols-[8rem_1fr]">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words font-medium text-slate-900">{children}</dd>
    </div>
  );
}
