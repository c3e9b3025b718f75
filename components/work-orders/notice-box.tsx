"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/field";
import type { Notice } from "./action-errors";

/** A form's outcome, announced and focused when it appears so a screen reader hears it. */
export function NoticeBox({ notice }: { notice: Notice | null }) {
  const t = useTranslations("workOrders.errors");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none empty:hidden" aria-live="polite">
      {notice && (
        <Alert tone={notice.tone} title={notice.title}>
          {notice.body && <p className="whitespace-pre-wrap break-words">{notice.body}</p>}
          {notice.signIn && (
            <a
              className="mt-1 inline-block font-medium underline"
              href={`/login?callbackUrl=${encodeURIComponent("/admin/work-orders")}`}
            >
              {t("signIn")}
            </a>
          )}
        </Alert>
      )}
    </div>
  );
}
