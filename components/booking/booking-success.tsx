"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/field";
import type { BookingResult } from "@/lib/tickets/booking";
import { CopyButton } from "@/components/ui/copy-button";
import { formatAppointmentDate, formatSlot } from "./format";

/** What the customer keeps from a booking: the ticket code and the tracking link. */
export function BookingSuccess({
  result,
  linkTtlDays,
  onBookAnother,
}: {
  result: BookingResult;
  linkTtlDays: number;
  onBookAnother: () => void;
}) {
  const t = useTranslations("booking.success");
  const tc = useTranslations("common");
  const format = useFormatter();
  const heading = useRef<HTMLHeadingElement>(null);
  const trackPath = `/track/${result.tracking_token}`;

  // The form is gone: bring the customer (and a screen reader) to the result.
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);

  return (
    <section aria-labelledby="booking-success-title" className="space-y-4">
      <Card className="overflow-hidden">
        <div className="flex items-start gap-3 bg-emerald-50 px-4 py-4 sm:px-5">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white">
            <svg
              viewBox="0 0 20 20"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.4"
              className="size-5"
              aria-hidden="true"
            >
              <path d="m4.5 10.5 3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </span>
          <div>
            <h2
              id="booking-success-title"
              ref={heading}
              tabIndex={-1}
              className="text-xl font-semibold text-emerald-900 focus:outline-none"
            >
              {t("title")}
            </h2>
            <p className="mt-0.5 text-sm text-emerald-800">{t("lead")}</p>
          </div>
        </div>

        <div className="space-y-5 px-4 py-5 sm:px-5">
          {result.replayed && <Alert tone="info">{t("replayed")}</Alert>}
          <div>
            <p className="text-sm text-slate-500">{t("code")}</p>
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-2">
              <p className="select-all break-all font-mono text-3xl font-bold tracking-wider text-slate-900">
                {result.code}
              </p>
              <CopyButton
                text={result.code}
                label={t("copyCode")}
                copiedLabel={t("copied")}
                failedLabel={t("copyFailed")}
                variant="secondary"
                className="min-h-11"
              />
            </div>
          </div>

          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t("when")}</dt>
              <dd className="mt-0.5 font-medium text-slate-900">
                {formatAppointmentDate(format, result.appointment_date)}{" "}
                <span className="whitespace-nowrap tabular-nums">{formatSlot(result.appointment_slot)}</span>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("center")}</dt>
              <dd className="mt-0.5 font-medium text-slate-900">{result.center_name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("status")}</dt>
              <dd className="mt-1">
                <Badge tone="blue">{tc(`status.${result.status}`)}</Badge>
              </dd>
            </div>
          </dl>
        </div>
      </Card>

      <Card className="space-y-3 px-4 py-5 sm:px-5">
        <p className="text-sm text-slate-700">{t("keepLink", { days: linkTtlDays })}</p>
        <p className="rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
          <span className="line-clamp-2 break-all" title={result.tracking_url}>
            {result.tracking_url}
          </span>
        </p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Link href={trackPath} className={cn(buttonClasses("primary", "lg"), "w-full sm:w-auto")}>
            {t("track")}
          </Link>
          <div className="w-full sm:w-auto">
            <CopyButton
              text={result.tracking_url}
              label={t("copyLink")}
              copiedLabel={t("copied")}
              failedLabel={t("copyFailed")}
              variant="secondary"
              size="lg"
              className="w-full"
            />
          </div>
        </div>
      </Card>

      <button
        type="button"
        onClick={onBookAnother}
        className="min-h-11 w-full rounded-lg text-sm font-medium text-brand-700 hover:bg-brand-50"
      >
        {t("another")}
      </button>
    </section>
  );
}
