"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/field";

/**
 * The "booking received" banner at the top of the tracking page right after booking (`?booked=` in the
 * address, so a reload shows it again): the ticket code and the advice to keep this very link.
 */
export function BookingSuccess({
  code,
  trackingUrl,
  linkTtlDays,
  replayed,
}: {
  code: string;
  trackingUrl: string;
  linkTtlDays: number;
  replayed: boolean;
}) {
  const t = useTranslations("booking.success");
  const heading = useRef<HTMLHeadingElement>(null);

  // The form is gone: bring the customer (and a screen reader) to the result.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section aria-labelledby="booking-success-title">
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

        <div className="space-y-4 px-4 py-5 sm:px-5">
          {replayed && <Alert tone="info">{t("replayed")}</Alert>}
          <div>
            <p className="text-sm text-slate-500">{t("code")}</p>
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-2">
              <p className="select-all break-all font-mono text-3xl font-bold tracking-wider text-slate-900">{code}</p>
              <CopyButton
                text={code}
                label={t("copyCode")}
                copiedLabel={t("copied")}
                failedLabel={t("copyFailed")}
                variant="secondary"
                className="min-h-11"
              />
            </div>
          </div>

          <div className="space-y-3 border-t border-slate-100 pt-4">
            <p className="text-sm text-slate-700">{t("keepLink", { days: linkTtlDays })}</p>
            <p className="rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
              <span className="line-clamp-2 break-all" title={trackingUrl}>
                {trackingUrl}
              </span>
            </p>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <CopyButton
                text={trackingUrl}
                label={t("copyLink")}
                copiedLabel={t("copied")}
                failedLabel={t("copyFailed")}
                variant="primary"
                size="lg"
                className="w-full sm:w-auto"
              />
              <Link
                href="/booking"
                className="flex min-h-11 items-center justify-center rounded-lg px-4 text-sm font-medium text-brand-700 hover:bg-brand-50"
              >
                {t("another")}
              </Link>
            </div>
          </div>
        </div>
      </Card>
    </section>
  );
}
