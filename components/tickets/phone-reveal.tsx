"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/api/use-error-message";
import type { ActionResult } from "@/lib/http/action-result";

/**
 * The customer's phone, masked; staff allowed to call customers can reveal the full number, which
 * the server records in the audit log each time.
 */
export function PhoneReveal({
  masked,
  reveal,
}: {
  masked: string;
  /** Absent when the viewer may not reveal phones. */
  reveal?: () => Promise<ActionResult<{ phone: string }>>;
}) {
  const t = useTranslations("tickets.phone");
  const describeError = useErrorMessage();
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (phone) {
    return (
      <div>
        <a
          href={`tel:${phone}`}
          className="font-mono text-base font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          {phone}
        </a>
        <p className="mt-0.5 text-xs text-slate-500" role="status">
          {t("revealedNote")}
        </p>
      </div>
    );
  }
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono">{masked}</span>
        {reveal && (
          <Button
            size="sm"
            variant="secondary"
            busy={busy}
            aria-describedby="phone-reveal-note"
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const res = await reveal();
                if (res.ok) setPhone(res.data.phone);
                else setError(describeError(res.error));
              } catch {
                setError(t("failed"));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t("reveal")}
          </Button>
        )}
      </div>
      {reveal && (
        <p id="phone-reveal-note" className="mt-0.5 text-xs text-slate-500">
          {t("auditNote")}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
