"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { updateTemplateAction } from "@/app/admin/config/notification-templates/actions";
import { SettingsTab, Switch } from "@/components/project-config/parts";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { TemplateView } from "@/lib/notifications/template-store";
import {
  notificationEventNames,
  notificationEvents,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationLocale,
} from "@/lib/notifications/templates";
import { TemplateEditor, draftOf, type TemplateDraft } from "./template-editor";
import { useErrorMessage } from "@/components/api/use-error-message";

/**
 * Config center › Templates (seed 004's template manager): every event's templates, grouped by event,
 * with who receives it, a switch per event × channel (both languages), and whether each text is the
 * default or customised. Choosing one opens the editor beside the list (below it on a phone). Unsaved
 * edits are kept per template while the admin looks at another one.
 */
export function TemplateManager({
  initial,
  sendingLocale,
  timeZone,
}: {
  initial: TemplateView[];
  /** The language messages go out in (Notification channels › Delivery). */
  sendingLocale: NotificationLocale;
  timeZone: string;
}) {
  const t = useTranslations("notifications");
  const [templates, setTemplates] = useState(initial);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, TemplateDraft>>({});
  const editorRef = useRef<HTMLDivElement>(null);
  const selected = templates.find((x) => x.id === selectedId) ?? null;

  const isDirty = (tpl: TemplateView) =>
    drafts[tpl.id] !== undefined && JSON.stringify(drafts[tpl.id]) !== JSON.stringify(draftOf(tpl));

  function select(tpl: TemplateView) {
    setSelectedId(tpl.id);
    // The editor may be out of sight (below the list on a phone, above on a scrolled page): bring it into view.
    requestAnimationFrame(() => {
      const top = editorRef.current?.getBoundingClientRect().top;
      if (top !== undefined && (top < 0 || top > window.innerHeight * 0.6))
        editorRef.current!.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  }

  /** A saved template replaces its row; its switch covers the other language too. */
  function saved(view: TemplateView) {
    setTemplates((list) =>
      list.map((x) =>
        x.id === view.id
          ? view
          : x.event === view.event && x.channel === view.channel
            ? { ...x, enabled: view.enabled }
            : x,
      ),
    );
  }

  return (
    <SettingsTab
      title={t("templates.title")}
      intro={t("templates.intro")}
      note={
        <p className="mt-1 text-sm text-slate-600">
          {t.rich("templates.sendingLocale", {
            locale: t(`locale.${sendingLocale}`),
            strong: (chunks) => <strong className="font-medium text-slate-900">{chunks}</strong>,
            link: (chunks) => (
              <Link href="/admin/config/notification-channels" className="text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      }
    >
      <div className="grid gap-4 lg:grid-cols-[minmax(0,21rem)_minmax(0,1fr)] lg:items-start">
        {/* On a wide screen the list keeps its place (scrolling on its own) while the editor flows with the page. */}
        <Card className="overflow-hidden lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto">
          <h3 className="sr-only">{t("templates.listTitle")}</h3>
          <ul className="divide-y divide-slate-100">
            {notificationEventNames.map((event) => (
              <EventGroup
                key={event}
                event={event}
                templates={templates.filter((x) => x.event === event)}
                selectedId={selectedId}
                isDirty={isDirty}
                onSelect={select}
                onSaved={saved}
              />
            ))}
          </ul>
        </Card>

        <div ref={editorRef} className="min-w-0 scroll-mt-20">
          {selected ? (
            <TemplateEditor
              key={selected.id}
              template={selected}
              draft={drafts[selected.id] ?? draftOf(selected)}
              onDraft={(d) => setDrafts((all) => ({ ...all, [selected.id]: d }))}
              onSaved={(view) => {
                saved(view);
                setDrafts((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k !== view.id)));
              }}
              timeZone={timeZone}
            />
          ) : (
            <Card className="p-8 text-center">
              <p className="text-base font-medium text-slate-800">{t("templates.pickTitle")}</p>
              <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">{t("templates.pickBody")}</p>
            </Card>
          )}
        </div>
      </div>
    </SettingsTab>
  );
}

/** One event: who it is for, and per channel its switch and its templates (one per language). */
function EventGroup({
  event,
  templates,
  selectedId,
  isDirty,
  onSelect,
  onSaved,
}: {
  event: NotificationEvent;
  templates: TemplateView[];
  selectedId: string | null;
  isDirty: (t: TemplateView) => boolean;
  onSelect: (t: TemplateView) => void;
  onSaved: (view: TemplateView) => void;
}) {
  const t = useTranslations("notifications");
  const def = notificationEvents[event];
  return (
    <li className="space-y-3 px-4 py-4">
      <div>
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold text-slate-900">{t(`events.${event}`)}</span>
          <Badge tone="indigo">{t(`audience.${def.audience}`)}</Badge>
        </p>
        <p className="mt-0.5 font-mono text-xs text-slate-400">{event}</p>
      </div>
      {def.channels.map((channel) => (
        <ChannelTemplates
          key={channel}
          event={event}
          channel={channel}
          templates={templates.filter((x) => x.channel === channel)}
          selectedId={selectedId}
          isDirty={isDirty}
          onSelect={onSelect}
          onSaved={onSaved}
        />
      ))}
    </li>
  );
}

function ChannelTemplates({
  event,
  channel,
  templates,
  selectedId,
  isDirty,
  onSelect,
  onSaved,
}: {
  event: NotificationEvent;
  channel: NotificationChannel;
  templates: TemplateView[];
  selectedId: string | null;
  isDirty: (t: TemplateView) => boolean;
  onSelect: (t: TemplateView) => void;
  onSaved: (view: TemplateView) => void;
}) {
  const t = useTranslations("notifications");
  const describeError = useErrorMessage();
  const enabled = templates.every((x) => x.enabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(on: boolean) {
    const first = templates[0];
    if (!first) return;
    setBusy(true);
    setError(null);
    try {
      const result = await updateTemplateAction(first.id, { enabled: on });
      if (result.ok) onSaved(result.data);
      else setError(describeError(result.error));
    } catch {
      setError(t("templates.offline"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2 rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
      <Switch
        checked={enabled}
        disabled={busy}
        onChange={toggle}
        label={
          <>
            {/* Every event has such a switch: the event's name tells them apart for a screen reader. */}
            <span className="sr-only">{t("templates.switchEvent", { event: t(`events.${event}`) })}</span>
            {t("templates.sendVia", { channel: t(`channel.${channel}`) })}
          </>
        }
        description={enabled ? undefined : t("templates.switchedOff")}
      />
      <div aria-live="polite">{error && <p className="text-sm text-red-600">{error}</p>}</div>
      <ul className="grid grid-cols-2 gap-2">
        {templates.map((tpl) => {
          const current = tpl.id === selectedId;
          return (
            <li key={tpl.id}>
              <button
                type="button"
                onClick={() => onSelect(tpl)}
                aria-current={current ? "true" : undefined}
                aria-label={t("templates.open", {
                  event: t(`events.${event}`),
                  channel: t(`channel.${channel}`),
                  locale: t(`locale.${tpl.locale}`),
                })}
                className={cn(
                  "flex min-h-11 w-full flex-col items-start gap-1 rounded-md px-2.5 py-2 text-left text-sm ring-1 ring-inset transition-colors",
                  current ? "bg-brand-50 ring-2 ring-brand-500" : "bg-white ring-slate-200 hover:bg-slate-50",
                  !enabled && "opacity-70",
                )}
              >
                <span className="font-medium text-slate-800">{t(`locale.${tpl.locale}`)}</span>
                <span className="flex flex-wrap gap-1">
                  {tpl.is_default ? (
                    <Badge>{t("templates.default")}</Badge>
                  ) : (
                    <Badge tone="blue">{t("templates.customised")}</Badge>
                  )}
                  {isDirty(tpl) && <Badge tone="amber">{t("templates.unsaved")}</Badge>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
