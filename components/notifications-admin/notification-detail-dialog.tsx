"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/field";
import { useRetryNotification } from "./retry";
import { isMoving, isRetryable, notificationKeys, statusTone, type NotificationDto } from "./types";
import { useErrorMessage } from "@/components/api/use-error-message";

/** One message: what it said, to whom, how each attempt went, and "send again" when it did not go. */
export function NotificationDetailDialog({
  notificationId,
  onClose,
  timeZone,
}: {
  notificationId: string | null;
  onClose: () => void;
  timeZone: string;
}) {
  const t = useTranslations("notifications.detail");
  return (
    <Dialog open={notificationId !== null} onClose={onClose} title={t("title")} size="lg">
      {notificationId && <NotificationDetail id={notificationId} timeZone={timeZone} />}
      <div className="mt-5 flex justify-end border-t border-slate-100 pt-4">
        <Button variant="secondary" onClick={onClose}>
          {t("close")}
        </Button>
      </div>
    </Dialog>
  );
}

function NotificationDetail({ id, timeZone }: { id: string; timeZone: string }) {
  const t = useTranslations("notifications");
  const describeError = useErrorMessage();
  const format = useFormatter();
  const view = useQuery({
    queryKey: notificationKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<NotificationDto>(`/api/notifications/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (q.state.data && isMoving(q.state.data) ? 2000 : false),
  });
  const { retry, pending, error } = useRetryNotification();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (view.isPending) return <p className="py-6 text-center text-sm text-slate-500">{t("log.loading")}</p>;
  if (view.isError) return <Alert>{describeError(view.error)}</Alert>;
  const n = view.data;
  const when = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium", timeZone }) : "—";
  const facts: [string, React.ReactNode][] = [
    [
      t("detail.recipient"),
      <>
        {n.recipient === "group" ? t("log.group") : <span className="font-mono">{n.recipient}</span>}
        <span className="block text-xs text-slate-500">
          {[n.recipient_name, t.has(`roles.${n.recipient_role}`) ? t(`roles.${n.recipient_role}`) : n.recipient_role].filter(Boolean).join(" · ")}
        </span>
      </>,
    ],
    [
      t(`detail.subjectType.${n.subject_type}`),
      n.subject_type === "ticket" ? (
        <Link href={`/admin/tickets?q=${encodeURIComponent(n.subject_ref)}`} className="font-mono text-brand-700 underline">
          {n.subject_ref}
        </Link>
      ) : (
        <span className="font-mono">{n.subject_ref}</span>
      ),
    ],
    [t("detail.created"), when(n.created_at)],
    [t("detail.sent"), n.sent_at ? when(n.sent_at) : t("detail.notSent")],
    [t("detail.attempts"), t("log.attempts", { attempts: n.attempts, max: n.max_attempts })],
    [t("detail.nextAttempt"), n.next_attempt_at ? when(n.next_attempt_at) : t("detail.noNextAttempt")],
    [t("detail.locale"), t.has(`locale.${n.locale}`) ? t(`locale.${n.locale}`) : n.locale],
  ];

  return (
    <div className="space-y-5 text-sm">
      <div>
        <p className="text-base font-semibold text-slate-900">{t.has(`events.${n.event}`) ? t(`events.${n.event}`) : n.event}</p>
        <p className="mt-1 flex flex-wrap items-center gap-2">
          <Badge tone={statusTone[n.status]}>{t(`status.${n.status}`)}</Badge>
          <Badge tone="indigo">{t(`channel.${n.channel}`)}</Badge>
          <span className="font-mono text-xs text-slate-400">{n.event}</span>
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:gap-x-6">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-slate-800 tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      {n.provider_message && (
        <section>
          <h3 className="mb-1 font-semibold text-slate-900">{t("detail.providerMessage")}</h3>
          <p className="break-words rounded-lg bg-emerald-50 px-3 py-2 font-mono text-xs text-emerald-900 ring-1 ring-inset ring-emerald-200">
            {n.provider_message}
          </p>
        </section>
      )}
      {n.last_error && (
        <section>
          <h3 className="mb-1 font-semibold text-slate-900">{t("detail.lastError")}</h3>
          <p className="whitespace-pre-wrap break-words rounded-lg bg-red-50 px-3 py-2 text-red-800 ring-1 ring-inset ring-red-200">
            {n.status === "no_channel" ? t("log.noChannelError") : n.last_error}
          </p>
        </section>
      )}

      <section>
        <h3 className="mb-1 font-semibold text-slate-900">{t("detail.message")}</h3>
        {n.rendered_text === null ? (
          <p className="text-slate-500">{t("detail.notRendered")}</p>
        ) : (
          <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
            {n.rendered_subject && (
              <p className="mb-2 border-b border-slate-200 pb-2 font-medium text-slate-900">
                <span className="block text-xs font-normal text-slate-500">{t("detail.subject")}</span>
                {n.rendered_subject}
              </p>
            )}
            <p className="whitespace-pre-wrap break-words text-slate-800">{n.rendered_text}</p>
          </div>
        )}
        <p className="mt-1 text-xs text-slate-500">{t("detail.linksHidden")}</p>
      </section>

      <div aria-live="polite">
        {notice && <p className="rounded-lg bg-emerald-50 px-3 py-2 text-emerald-800 ring-1 ring-inset ring-emerald-200">{notice}</p>}
      </div>
      {error && <Alert>{error}</Alert>}
      {isRetryable(n) && (
        <div className="flex flex-wrap items-center justify-end gap-2">
          {confirming ? (
            <>
              <span className="text-slate-700">{t("retry.inlineConfirm")}</span>
              <Button
                busy={pending}
                onClick={async () => {
                  if (await retry(n.id)) {
                    setConfirming(false);
                    setNotice(t("retry.done"));
                  }
                }}
              >
                {t("retry.confirm")}
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
                {t("retry.cancel")}
              </Button>
            </>
          ) : (
            <Button onClick={() => setConfirming(true)}>{t("retry.button")}</Button>
          )}
        </div>
      )}
    </div>
  );
}
