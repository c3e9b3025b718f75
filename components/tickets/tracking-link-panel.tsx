"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/api/use-error-message";
import { Alert, controlClasses } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action-result";
import { useTicketFormat } from "./use-ticket-format";
import { copyText } from "@/components/ui/copy-button";

type Link = { url: string; expires_at: string };

/**
 * The customer's tracking link: copy the live one to resend it, or revoke every link already sent
 * (e.g. it went to the wrong person) and issue a new one.
 */
export function TrackingLinkPanel({ getLink }: { getLink: (rotate: boolean) => Promise<ActionResult<Link>> }) {
  const t = useTranslations("tickets.tracking");
  const fmt = useTicketFormat();
  const describeError = useErrorMessage();
  const [link, setLink] = useState<Link | null>(null);
  const [busy, setBusy] = useState<"copy" | "rotate" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);

  async function run(rotate: boolean) {
    setBusy(rotate ? "rotate" : "copy");
    setMessage(null);
    try {
      const res = await getLink(rotate);
      if (!res.ok) {
        setMessage({ tone: "error", text: describeError(res.error) });
        return;
      }
      setLink(res.data);
      setConfirming(false);
      // Without a clipboard (plain http, denied) the link is still shown, to copy by hand.
      const copied = await copyText(res.data.url);
      setMessage({
        tone: copied ? "success" : "info",
        text: rotate ? (copied ? t("rotatedCopied") : t("rotated")) : copied ? t("copied") : t("copyManually"),
      });
    } catch {
      setMessage({ tone: "error", text: t("failed") });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("description")}</p>
      {link && (
        <div>
          <label htmlFor="tracking-url" className="sr-only">
            {t("urlLabel")}
          </label>
          <input
            id="tracking-url"
            readOnly
            value={link.url}
            onFocus={(e) => e.currentTarget.select()}
            className={`${controlClasses} font-mono text-xs sm:text-xs`}
          />
          <p className="mt-1 text-xs text-slate-500">{t("expires", { time: fmt.dateTime(link.expires_at) })}</p>
        </div>
      )}
      <div aria-live="polite">{message && <Alert tone={message.tone}>{message.text}</Alert>}</div>
      {confirming ? (
        <div className="space-y-2 rounded-lg bg-amber-50 p-3 ring-1 ring-inset ring-amber-200">
          <p className="text-sm text-amber-900">{t("rotateWarning")}</p>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="danger" busy={busy === "rotate"} onClick={() => run(true)}>
              {t("rotateConfirm")}
            </Button>
            <Button size="sm" variant="secondary" disabled={busy !== null} onClick={() => setConfirming(false)}>
              {t("keep")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            busy={busy === "copy"}
            disabled={busy !== null}
            onClick={() => run(false)}
          >
            {t("copy")}
          </Button>
          <Button size="sm" variant="ghost" disabled={busy !== null} onClick={() => setConfirming(true)}>
            {t("rotate")}
          </Button>
        </div>
      )}
    </div>
  );
}
