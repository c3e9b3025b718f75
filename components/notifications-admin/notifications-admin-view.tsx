"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert, controlClasses } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { notificationStatusList } from "@/lib/notifications/schemas";
import { notificationChannels, notificationEventNames } from "@/lib/notifications/templates";
import { NotificationDetailDialog } from "./notification-detail-dialog";
import { RetryDialog } from "./retry";
import {
  isMoving,
  isRetryable,
  notificationKeys,
  statusTone,
  type NotificationDto,
  type NotificationPage,
  type NotificationStatus,
} from "./types";
import { useErrorMessage } from "@/components/api/use-error-message";

const PAGE_SIZE = 20;

interface Filters {
  status: NotificationStatus | "";
  channel: string;
  event: string;
  subject: string;
  page: number;
}

/**
 * The notification log (seed 004's pending view): every message with its status as tabs with their
 * counts, filters by channel, event and ticket code or project id, a message's text and each attempt's
 * outcome in a dialog, and "send again" for those that did not go. The list polls while messages are
 * on their way, so a retried row moves to its outcome on screen.
 */
export function NotificationsAdminView({ timeZone }: { timeZone: string }) {
  const t = useTranslations("notifications");
  const describeError = useErrorMessage();
  const [filters, setFilters] = useState<Filters>({ status: "", channel: "", event: "", subject: "", page: 1 });
  const [typing, setTyping] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<NotificationDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const params = {
    status: filters.status || undefined,
    channel: filters.channel || undefined,
    event: filters.event || undefined,
    subject: filters.subject || undefined,
    page: filters.page,
    page_size: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: notificationKeys.list(params),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
      return fetchJson<NotificationPage>(`/api/notifications?${query}`, { signal });
    },
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(isMoving) ? 2000 : 30_000),
  });
  const change = (patch: Partial<Filters>) => {
    setNotice(null);
    setFilters((f) => ({ ...f, page: 1, ...patch }));
  };
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const all = data ? Object.values(data.counts).reduce((a, b) => a + b, 0) : undefined;
  const filtered = !!(filters.channel || filters.event || filters.subject);

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t("log.views")} className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1 sm:flex-wrap sm:overflow-visible">
        {(["", ...notificationStatusList] as const).map((status) => {
          const selected = filters.status === status;
          const n = status === "" ? all : data?.counts[status];
          return (
            <button
              key={status || "all"}
              role="tab"
              aria-selected={selected}
              onClick={() => change({ status })}
              className={cn(
                "min-h-11 shrink-0 whitespace-nowrap rounded-full px-4 text-sm font-medium ring-1 ring-inset sm:min-h-9",
                selected ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              {status ? t(`status.${status}`) : t("log.all")}
              {n !== undefined && <span className="ml-1.5 tabular-nums opacity-80">{n}</span>}
            </button>
          );
        })}
      </div>

      {data && data.counts.no_channel > 0 && filters.status !== "no_channel" && (
        <Alert tone="warning">
          {t.rich("log.noChannelHint", {
            count: data.counts.no_channel,
            status: t("status.no_channel"),
            link: (chunks) => (
              <Link href="/admin/config/notification-channels" className="font-medium underline">
                {chunks}
              </Link>
            ),
          })}
        </Alert>
      )}

      <Card className="grid grid-cols-2 items-end gap-3 p-4 lg:grid-cols-[minmax(0,1fr)_12rem_16rem]">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            change({ subject: typing.trim() });
          }}
          className="col-span-2 flex items-end gap-2 lg:col-span-1"
        >
          <div className="min-w-0 flex-1">
            <label htmlFor="notification-subject" className="mb-1 block text-sm font-medium text-slate-700">
              {t("log.filters.subject")}
            </label>
            <input
              id="notification-subject"
              type="search"
              className={controlClasses}
              value={typing}
              onChange={(e) => setTyping(e.target.value)}
              placeholder={t("log.filters.subjectHint")}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <Button type="submit" variant="secondary" className="shrink-0 whitespace-nowrap">
            {t("log.filters.search")}
          </Button>
        </form>
        <FilterSelect
          id="notification-channel"
          label={t("log.filters.channel")}
          value={filters.channel}
          onChange={(v) => change({ channel: v })}
          allLabel={t("log.filters.all")}
          options={notificationChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <FilterSelect
          id="notification-event"
          label={t("log.filters.event")}
          value={filters.event}
          onChange={(v) => change({ event: v })}
          allLabel={t("log.filters.all")}
          options={notificationEventNames.map((e) => ({ value: e, label: t(`events.${e}`) }))}
        />
        {filtered && (
          <div className="col-span-2 lg:col-span-3">
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setTyping("");
                change({ channel: "", event: "", subject: "" });
              }}
            >
              {t("log.filters.clear")}
            </Button>
          </div>
        )}
      </Card>

      <div aria-live="polite" className="sr-only">
        {data ? t("log.found", { count: data.total }) : ""}
      </div>
      <div aria-live="polite">{notice && <Alert tone="success">{notice}</Alert>}</div>
      {list.isError && (
        <Alert title={t("log.loadFailed")}>
          <p>{describeError(list.error)}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => list.refetch()}>
            {t("log.reload")}
          </Button>
        </Alert>
      )}
      {list.isPending && <ListSkeleton label={t("log.loading")} />}
      {data && data.items.length === 0 && (
        <Card className="p-8 text-center">
          <p className="text-base font-medium text-slate-800">{filtered || filters.status ? t("log.emptyFiltered") : t("log.emptyTitle")}</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
            {filtered || filters.status ? t("log.emptyFilteredBody") : t("log.emptyBody")}
          </p>
        </Card>
      )}
      {data && data.items.length > 0 && (
        <>
          <NotificationTable
            rows={data.items}
            onOpen={setOpenId}
            onRetry={setRetrying}
            timeZone={timeZone}
            busy={list.isFetching && list.isPlaceholderData}
          />
          <nav aria-label={t("log.pagination.label")} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
            <span>{t("log.pagination.page", { page: filters.page, pages, count: data.total })}</span>
            {pages > 1 && (
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  className="h-11 sm:h-10"
                  disabled={filters.page <= 1}
                  onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}
                >
                  {t("log.pagination.previous")}
                </Button>
                <Button
                  variant="secondary"
                  className="h-11 sm:h-10"
                  disabled={filters.page >= pages}
                  onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}
                >
                  {t("log.pagination.next")}
                </Button>
              </div>
            )}
          </nav>
        </>
      )}
      <NotificationDetailDialog notificationId={openId} onClose={() => setOpenId(null)} timeZone={timeZone} />
      <RetryDialog
        notification={retrying}
        onClose={() => setRetrying(null)}
        onDone={(n) => setNotice(t("retry.doneFor", { event: t(`events.${n.event}`), recipient: n.recipient === "group" ? t("log.group") : n.recipient }))}
      />
    </div>
  );
}

function ListSkeleton({ label }: { label: string }) {
  return (
    <div className="space-y-2" aria-busy="true" aria-label={label}>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="h-16 animate-pulse rounded-xl bg-slate-100" />
      ))}
    </div>
  );
}

/** A table on wide screens, stacked cards on a phone; each opens the message, failed ones offer "send again". */
function NotificationTable({
  rows,
  onOpen,
  onRetry,
  timeZone,
  busy,
}: {
  rows: NotificationDto[];
  onOpen: (id: string) => void;
  onRetry: (n: NotificationDto) => void;
  timeZone: string;
  busy: boolean;
}) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone });
  const event = (n: NotificationDto) => (t.has(`events.${n.event}`) ? t(`events.${n.event}`) : n.event);
  const recipient = (n: NotificationDto) => (n.recipient === "group" ? t("log.group") : n.recipient);
  // The staff group is its own recipient: no name or role to add.
  const role = (n: NotificationDto) =>
    n.recipient === "group"
      ? ""
      : [n.recipient_name, t.has(`roles.${n.recipient_role}`) ? t(`roles.${n.recipient_role}`) : n.recipient_role].filter(Boolean).join(" · ");
  const error = (n: NotificationDto) => (n.status === "no_channel" ? t("log.noChannelError") : n.last_error);
  return (
    <Card className={cn("overflow-hidden transition-opacity", busy && "opacity-60")}>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label={t("log.tableCaption")}>
        {rows.map((n) => (
          <li key={n.id} className="p-4">
            <button className="block w-full text-left" onClick={() => onOpen(n.id)}>
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={statusTone[n.status]}>{t(`status.${n.status}`)}</Badge>
                <Badge tone="indigo">{t(`channel.${n.channel}`)}</Badge>
                <span className="ml-auto text-xs tabular-nums text-slate-500">{when(n.created_at)}</span>
              </span>
              <span className="mt-1.5 block font-medium text-slate-900">{event(n)}</span>
              <span className="mt-0.5 block font-mono text-xs text-slate-500">{n.subject_ref}</span>
              <span className="mt-0.5 block text-sm text-slate-700">
                <span className={cn(n.recipient !== "group" && "font-mono")}>{recipient(n)}</span>
                {role(n) && <span className="text-slate-500"> · {role(n)}</span>}
              </span>
              <span className="mt-0.5 block text-xs text-slate-500">{t("log.attempts", { attempts: n.attempts, max: n.max_attempts })}</span>
              {error(n) && n.status !== "sent" && (
                <span className={cn("mt-1 line-clamp-2 block break-words text-sm", n.status === "no_channel" ? "text-slate-500" : "text-red-700")}>
                  {error(n)}
                </span>
              )}
            </button>
            {isRetryable(n) && (
              <Button size="sm" variant="secondary" className="mt-2 h-10" onClick={() => onRetry(n)}>
                {t("retry.button")}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("log.tableCaption")}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="whitespace-nowrap px-4 py-3 font-medium">{t("log.columns.time")}</th>
              <th className="px-4 py-3 font-medium">{t("log.columns.event")}</th>
              <th className="whitespace-nowrap px-4 py-3 font-medium">{t("log.columns.channel")}</th>
              <th className="px-4 py-3 font-medium">{t("log.columns.recipient")}</th>
              <th className="whitespace-nowrap px-4 py-3 font-medium">{t("log.columns.status")}</th>
              <th className="whitespace-nowrap px-4 py-3 font-medium">{t("log.columns.attempts")}</th>
              <th className="px-4 py-3 font-medium">{t("log.columns.error")}</th>
              <th className="px-4 py-3 font-medium">
                <span className="sr-only">{t("log.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((n) => (
              <tr key={n.id} className="align-top hover:bg-slate-50">
                <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">{when(n.created_at)}</td>
                <td className="px-4 py-3">
                  <button className="text-left font-medium text-brand-700 hover:underline" onClick={() => onOpen(n.id)}>
                    {event(n)}
                  </button>
                  <span className="block font-mono text-xs text-slate-500">{n.subject_ref}</span>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{t(`channel.${n.channel}`)}</td>
                <td className="px-4 py-3 text-slate-700">
                  <span className={cn(n.recipient !== "group" && "font-mono")}>{recipient(n)}</span>
                  {role(n) && <span className="block text-xs text-slate-500">{role(n)}</span>}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={statusTone[n.status]}>{t(`status.${n.status}`)}</Badge>
                </td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">
                  {t("log.attemptsShort", { attempts: n.attempts, max: n.max_attempts })}
                </td>
                <td className="max-w-xs px-4 py-3 text-slate-600">
                  {error(n) && n.status !== "sent" ? (
                    <span
                      className={cn("line-clamp-2 break-words", n.status === "no_channel" ? "text-slate-500" : "text-red-700")}
                      title={error(n) ?? undefined}
                    >
                      {error(n)}
                    </span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right">
                  {isRetryable(n) && (
                    <Button size="sm" variant="secondary" onClick={() => onRetry(n)}>
                      {t("retry.button")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
