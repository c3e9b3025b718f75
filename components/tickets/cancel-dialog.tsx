"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field } from "@/components/ui/field";

const MAX_REASON = 500;

/** Cancel with a required reason, then a second, explicit confirmation: canceled tickets do not reopen. */
export function CancelDialog({
  open,
  onClose,
  code,
  busy,
  error,
  onCancel,
}: {
  open: boolean;
  onClose: () => void;
  code: string;
  busy: boolean;
  error: string | null;
  onCancel: (reason: string) => void;
}) {
  const t = useTranslations("tickets.cancel");
  return (
    <Dialog open={open} onClose={() => !busy && onClose()} title={t("title", { code })}>
      <CancelForm code={code} busy={busy} error={error} onCancel={onCancel} onClose={onClose} />
    </Dialog>
  );
}

function CancelForm({
  code,
  busy,
  error,
  onCancel,
  onClose,
}: {
  code: string;
  busy: boolean;
  error: string | null;
  onCancel: (reason: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("tickets.cancel");
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<"reason" | "confirm">("reason");
  const [touched, setTouched] = useState(false);
  const trimmed = reason.trim();
  const reasonError = touched && !trimmed ? t("reasonRequired") : null;

  if (step === "confirm") {
    return (
      <div className="space-y-4">
        <Alert tone="warning" title={t("confirmTitle", { code })}>
          {t("confirmBody")}
        </Alert>
        <div>
          <p className="text-sm font-medium text-slate-700">{t("reason")}</p>
          <p className="mt-1 whitespace-pre-line break-words rounded-lg bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-inset ring-slate-200">
            {trimmed}
          </p>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setStep("reason")} disabled={busy}>
            {t("back")}
          </Button>
          <Button variant="danger" busy={busy} onClick={() => onCancel(trimmed)}>
            {t("confirm")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (trimmed) setStep("confirm");
      }}
    >
      <Field label={t("reason")} required error={reasonError} hint={t("reasonHint", { max: MAX_REASON })}>
        {(props) => (
          <textarea
            {...props}
            rows={4}
            maxLength={MAX_REASON}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onBlur={() => setTouched(true)}
            className={`${props.className} resize-y`}
          />
        )}
      </Field>
      <p className="-mt-3 text-right text-xs tabular-nums text-slate-400" aria-hidden="true">
        {reason.length}/{MAX_REASON}
      </p>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onClose}>
          {t("keep")}
        </Button>
        <Button type="submit" variant="danger">
          {t("next")}
        </Button>
      </div>
    </form>
  );
}
