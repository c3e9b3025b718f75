"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action-result";
import type { TrackingView } from "@/lib/tickets/tracking";
import { cancelBookingAction } from "./actions";

const REASON_MAX = 500;

type CancelState = ActionResult<TrackingView> | null;

/** "Cancel booking": asks for a reason in a dialog, then cancels through the tracking link. */
export function CancelBooking({ token }: { token: string }) {
  const t = useTranslations("track.cancel");
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  // The ticket moved on while the dialog was open: show why, and show the new state once it closes.
  const [stale, setStale] = useState(false);
  const reasonInput = useRef<HTMLTextAreaElement>(null);

  const [, dispatch, pending] = useActionState<CancelState, string>(async (_prev, text) => {
    let result: CancelState;
    try {
      result = await cancelBookingAction(token, text);
    } catch {
      setAlert(t("network"));
      return null;
    }
    if (!result.ok) {
      const { code, fields } = result.error;
      if (fields?.some((f) => f.path === "reason")) setReasonError(t("reasonRequired", { max: REASON_MAX }));
      else if (code === "invalid_transition") {
        setStale(true);
        setAlert(t("notAllowed"));
      } else if (code === "not_found") setAlert(t("invalidLink"));
      else setAlert(t("generic"));
    }
    // On success the server refreshes the page, which then shows the canceled booking.
    return result;
  }, null);

  function close() {
    if (pending) return;
    setOpen(false);
    setAlert(null);
    setReasonError(null);
    if (stale) router.refresh();
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const text = reason.trim();
    if (!text || text.length > REASON_MAX) {
      setReasonError(t("reasonRequired", { max: REASON_MAX }));
      reasonInput.current?.focus();
      return;
    }
    setAlert(null);
    startTransition(() => dispatch(text));
  }

  return (
    <>
      <Button
        type="button"
        variant="secondary"
        size="lg"
        className="w-full text-red-700 sm:w-auto"
        onClick={() => setOpen(true)}
      >
        {t("button")}
      </Button>
      <Dialog open={open} onClose={close} title={t("title")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          <p className="text-sm text-slate-600">{t("body")}</p>
          <div>
            <Field label={t("reason")} required error={reasonError}>
              {(p) => (
                <textarea
                  {...p}
                  ref={reasonInput}
                  name="reason"
                  rows={3}
                  maxLength={REASON_MAX}
                  required
                  placeholder={t("reasonPlaceholder")}
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    if (reasonError) setReasonError(null);
                  }}
                  className={cn(p.className, "resize-y")}
                />
              )}
            </Field>
            <p className="mt-1 text-right text-xs tabular-nums text-slate-500">
              {t("reasonCounter", { count: reason.length, max: REASON_MAX })}
            </p>
          </div>
          {alert && <Alert tone={stale ? "warning" : "error"}>{alert}</Alert>}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" size="lg" onClick={close} disabled={pending}>
              {stale ? tc("close") : t("keep")}
            </Button>
            {!stale && (
              <Button type="submit" variant="danger" size="lg" busy={pending}>
                {pending ? t("confirming") : t("confirm")}
              </Button>
            )}
          </div>
        </form>
      </Dialog>
    </>
  );
}
