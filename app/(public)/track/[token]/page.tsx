import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { BookingSuccess } from "@/components/booking/booking-success";
import { formatAppointmentDate } from "@/components/format/appointment-date";
import { formatSlot } from "@/components/format/slot";
import { StatusTimeline } from "@/components/booking/status-timeline";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/http/base-url";
import { clientIp } from "@/lib/http/client-ip";
import { telHref } from "@/lib/tickets/phone";
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

export default async function TrackPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ booked?: string | string[] }>;
}) {
  const [{ token }, { booked }, h] = await Promise.all([params, searchParams, headers()]);
  let view: TrackingView;
  try {
    view = await getTrackingView(token, { ip: clientIp(h) });
  } catch (e) {
    // Invalid, expired and revoked links look the same, and say nothing about any ticket.
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const t = await getTranslations("track");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const canceled = view.status === "CANCELED";
  // Set by the booking form when it brings the customer here; only an open booking gets the banner.
  const justBooked = (booked === "new" || booked === "again") && !canceled;

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

      {justBooked && (
        <BookingSuccess
          code={view.code}
          trackingUrl={`${publicBaseUrl(h)}/track/${token}`}
          linkTtlDays={getEnv().TRACKING_LINK_TTL_DAYS}
          replayed={booked === "again"}
        />
      )}

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

      {(view.technician?.phone || view.center_phone) && (
        <Card className="space-y-3 px-4 py-4 sm:px-5">
          <h2 className="text-base font-semibold text-slate-900">{t("contact.title")}</h2>
          {view.technician?.phone && (
            <CallLink
              href={telHref(view.technician.phone)}
              label={t("contact.technician", { name: view.technician.name })}
              number={view.technician.phone}
              hint={t("contact.technicianHint")}
              primary
            />
          )}
          {view.center_phone && (
            <CallLink
              href={telHref(view.center_phone)}
              label={t("contact.hotline", { center: view.center_name })}
              number={view.center_phone}
              hint={t("contact.hotlineHint")}
            />
          )}
        </Card>
      )}

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
            <Row label={t("technician")}>{view.technician.name}</Row>
          ) : (
            !canceled && (
              <Row label={t("technician")}>
                <span className="font-normal text-slate-500">{t("technicianPending")}</span>
              </Row>
            )
          )}
        </dl>
      </Card>

      {view.images.length > 0 && (
        <Card className="px-4 py-4 sm:px-5">
          <h2 className="text-base font-semibold text-slate-900">{t("photos.title")}</h2>
          <p className="mb-3 mt-0.5 text-sm text-slate-500">{t("photos.hint")}</p>
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
            {view.images.map((image, i) => (
              <li key={image.id}>
                <a
                  href={image.url}
                  target="_blank"
                  rel="noopener"
                  className="block aspect-square overflow-hidden rounded-lg bg-slate-100 ring-1 ring-inset ring-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
                  aria-label={t("photos.open", {
                    kind: t(`photos.kind.${image.kind}`),
                    n: i + 1,
                    count: view.images.length,
                  })}
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- served through the tracking link, nothing to optimize */}
                  <img src={image.thumbnail_url} alt="" loading="lazy" className="size-full object-cover" />
                </a>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {view.can_cancel && (
        <Card className="space-y-3 px-4 py-4 sm:px-5">
          <p className="text-sm text-slate-600">{t("cancel.hint")}</p>
          <CancelBooking token={token} />
        </Card>
      )}
    </div>
  );
}

/** A tap-to-call button: the whole card is the link, at least 56 px high. */
function CallLink({
  href,
  label,
  number,
  hint,
  primary,
}: {
  href: string;
  label: string;
  number: string;
  hint: string;
  primary?: boolean;
}) {
  return (
    <a
      href={href}
      aria-label={`${label} ${number}`}
      className={
        primary
          ? "flex min-h-14 items-center gap-3 rounded-xl bg-brand-600 px-4 py-3 text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
          : "flex min-h-14 items-center gap-3 rounded-xl bg-white px-4 py-3 text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      }
    >
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-5 shrink-0" aria-hidden="true">
        <path d="M3.5 2A1.5 1.5 0 0 0 2 3.5V5c0 7.18 5.82 13 13 13h1.5a1.5 1.5 0 0 0 1.5-1.5v-2.09a1.5 1.5 0 0 0-1.13-1.45l-2.9-.73a1.5 1.5 0 0 0-1.56.56l-.64.86a.6.6 0 0 1-.73.19 10.02 10.02 0 0 1-4.9-4.9.6.6 0 0 1 .19-.73l.86-.64a1.5 1.5 0 0 0 .56-1.56l-.73-2.9A1.5 1.5 0 0 0 5.09 2H3.5Z" />
      </svg>
      {/* Phones: name, number and hint stacked; wider screens: the number on the right. */}
      <span className="min-w-0 flex-1">
        <span className="block font-semibold">{label}</span>
        <span className="block text-lg font-semibold tabular-nums sm:hidden">{number}</span>
        <span className={primary ? "block text-sm text-brand-50" : "block text-sm text-slate-500"}>{hint}</span>
      </span>
      <span className="hidden shrink-0 whitespace-nowrap font-semibold tabular-nums sm:block">{number}</span>
    </a>
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
