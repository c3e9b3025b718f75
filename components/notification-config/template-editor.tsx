"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { updateTemplateAction } from "@/app/admin/config/notification-templates/actions";
import { Chip, useSettingsSave } from "@/components/project-config/parts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field } from "@/components/ui/field";
import type { TemplateView } from "@/lib/notifications/template-store";
import {
  channelLimits,
  notificationEvents,
  placeholdersIn,
  renderedProblem,
  renderTemplate,
  sampleValues,
  templateProblem,
  type NotificationEvent,
} from "@/lib/notifications/templates";
import { useErrorMessage } from "@/components/api/use-error-message";

export interface TemplateDraft {
  subject: string;
  body: string;
  template_code: string;
}

export const draftOf = (t: TemplateView): TemplateDraft => ({
  subject: t.subject ?? "",
  body: t.body,
  template_code: t.template_code ?? "",
});

type Target = "body" | "subject";

/**
 * One template's editor: the subject (e-mail), the body, the SMS provider's template code, placeholder
 * chips that insert `{{name}}` at the cursor, and a preview rendered in the browser with the sender's
 * own code (lib/notifications/templates.ts) on sample values — with what is wrong and the size against
 * the channel's limit, as the admin types, without a request. The server checks again on save; its
 * complaint lands next to the field it is about.
 */
export function TemplateEditor({
  template,
  draft,
  onDraft,
  onSaved,
  timeZone,
}: {
  template: TemplateView;
  draft: TemplateDraft;
  onDraft: (d: TemplateDraft) => void;
  onSaved: (view: TemplateView) => void;
  timeZone: string;
}) {
  const t = useTranslations("notifications");
  const describeError = useErrorMessage();
  const format = useFormatter();
  const id = useId();
  const { event, channel, locale } = template;
  const hasSubject = channelLimits[channel].subject;
  const isSms = channel === "sms";
  const { formRef, submit, pending, serverErrors, setServerErrors, formError, setFormError, savedMessage } =
    useSettingsSave();
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [resetError, setResetError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<Target>("body");

  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(template));

  function edit(patch: Partial<TemplateDraft>) {
    onDraft({ ...draft, ...patch });
    const touched = Object.keys(patch);
    if (touched.some((k) => serverErrors[k])) {
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
    }
    setFormError(null);
    setNotice(null);
  }

  /** Puts `{{name}}` where the cursor is in the body (or the subject, if that was the last one used). */
  function insert(name: string) {
    const field: Target = hasSubject ? target : "body";
    const el = field === "body" ? bodyRef.current : subjectRef.current;
    const value = draft[field];
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + token + value.slice(end);
    edit({ [field]: next });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  }

  // The live preview, with the same code the sender renders with.
  const values = sampleValues(locale);
  const text = renderTemplate(draft.body, values);
  const subjectText = hasSubject ? renderTemplate(draft.subject, values) : null;
  const bytes = new TextEncoder().encode(text).length;
  const max = channelLimits[channel].bytes;
  const problems = [
    !draft.body.trim()
      ? t("editor.problems.emptyBody")
      : describe(t, event, draft.body, templateProblem(event, draft.body)),
    hasSubject
      ? !draft.subject.trim()
        ? t("editor.problems.emptySubject")
        : describe(t, event, draft.subject, templateProblem(event, draft.subject), t("editor.subject"))
      : null,
    renderedProblem(channel, text) ? t("editor.problems.tooLong", { bytes, max }) : null,
  ].filter((p): p is string => p !== null);

  /** What a save sends: the subject for e-mail only, the template code for SMS only. */
  const input = {
    body: draft.body,
    ...(hasSubject && { subject: draft.subject }),
    ...(isSms && { template_code: draft.template_code.trim() || null }),
  };

  async function reset() {
    setResetting(true);
    setResetError(null);
    try {
      const result = await updateTemplateAction(template.id, { reset: true });
      if (result.ok) {
        setConfirmReset(false);
        setServerErrors({});
        onSaved(result.data);
        setNotice(t("editor.resetDone"));
      } else setResetError(describeError(result.error));
    } catch {
      setResetError(t("templates.offline"));
    } finally {
      setResetting(false);
    }
  }

  const eventName = t(`events.${event}`);
  const title = `${eventName} · ${t(`channel.${channel}`)} · ${t(`locale.${locale}`)}`;
  const status = notice ?? (dirty ? null : savedMessage);

  return (
    <Card>
      <form
        ref={formRef}
        noValidate
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          setNotice(null);
          return submit(e, {
            hasLocalProblem: false,
            save: () => updateTemplateAction(template.id, input),
            onSaved: (view) => {
              onSaved(view);
              return t("editor.saved");
            },
          });
        }}
      >
        <div className="border-b border-slate-100 px-4 py-3 sm:px-5">
          <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h3>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <Badge tone="indigo">{t(`audience.${template.audience}`)}</Badge>
            {template.is_default ? (
              <Badge>{t("templates.default")}</Badge>
            ) : (
              <Badge tone="blue">{t("templates.customised")}</Badge>
            )}
            {!template.enabled && <Badge tone="amber">{t("templates.off")}</Badge>}
            <span>
              {template.updated_at
                ? t("editor.updated", {
                    at: format.dateTime(new Date(template.updated_at), {
                      dateStyle: "medium",
                      timeStyle: "short",
                      timeZone,
                    }),
                    by: template.updated_by ?? "—",
                  })
                : t("editor.neverEdited")}
            </span>
          </p>
        </div>

        <div className="grid gap-5 px-4 py-4 sm:px-5 xl:grid-cols-2">
          <div className="min-w-0 space-y-4">
            {hasSubject && (
              <Field label={t("editor.subject")} error={serverErrors.subject}>
                {(p) => (
                  <input
                    {...p}
                    ref={subjectRef}
                    value={draft.subject}
                    maxLength={200}
                    onFocus={() => setTarget("subject")}
                    onChange={(e) => edit({ subject: e.target.value })}
                  />
                )}
              </Field>
            )}
            <Field label={t("editor.body")} error={serverErrors.body} hint={t(`editor.bodyHint.${channel}`)}>
              {(p) => (
                <textarea
                  {...p}
                  ref={bodyRef}
                  rows={isSms ? 5 : 8}
                  maxLength={4000}
                  value={draft.body}
                  onFocus={() => setTarget("body")}
                  onChange={(e) => edit({ body: e.target.value })}
                  className={cn(p.className, "resize-y leading-relaxed")}
                />
              )}
            </Field>
            <div>
              <p id={`${id}-chips`} className="mb-1.5 text-sm font-medium text-slate-700">
                {t("editor.placeholders")}
              </p>
              <div role="group" aria-labelledby={`${id}-chips`} className="flex flex-wrap gap-1.5">
                {notificationEvents[event].placeholders.map((name) => (
                  <Chip
                    key={name}
                    onClick={() => insert(name)}
                    title={t(`placeholders.${name}`)}
                    aria-label={t("editor.insert", { name: `{{${name}}}`, label: t(`placeholders.${name}`) })}
                    className="min-h-8 px-2.5"
                  >
                    <code className="font-mono text-xs text-brand-700">{`{{${name}}}`}</code>
                    <span className="text-xs text-slate-500">{t(`placeholders.${name}`)}</span>
                  </Chip>
                ))}
              </div>
              <p className="mt-1.5 text-xs text-slate-500">
                {hasSubject ? t("editor.placeholdersHintSubject") : t("editor.placeholdersHint")}
              </p>
            </div>
            {isSms && (
              <Field
                label={t("editor.templateCode")}
                error={serverErrors.template_code}
                hint={t("editor.templateCodeHint")}
              >
                {(p) => (
                  <input
                    {...p}
                    value={draft.template_code}
                    maxLength={50}
                    onChange={(e) => edit({ template_code: e.target.value })}
                    placeholder="SMS_123456789"
                    autoComplete="off"
                    spellCheck={false}
                    className={cn(p.className, "font-mono sm:max-w-xs")}
                  />
                )}
              </Field>
            )}
          </div>

          {/* The live preview. */}
          <section aria-labelledby={`${id}-preview`} className="min-w-0 space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h4 id={`${id}-preview`} className="text-sm font-medium text-slate-700">
                {t("editor.preview")}
              </h4>
              <span className="text-xs text-slate-500">{t("editor.previewNote")}</span>
            </div>
            <div
              data-testid="template-preview"
              className={cn(
                "rounded-lg p-3 text-sm ring-1 ring-inset",
                isSms ? "bg-emerald-50/60 ring-emerald-200" : "bg-slate-50 ring-slate-200",
              )}
            >
              {subjectText !== null && (
                <p className="mb-2 border-b border-slate-200 pb-2 font-medium text-slate-900">
                  <span className="sr-only">{t("editor.subject")}: </span>
                  {subjectText || <span className="text-slate-400">{t("editor.noSubject")}</span>}
                </p>
              )}
              <p className="whitespace-pre-wrap break-words text-slate-800">
                {text || <span className="text-slate-400">{t("editor.emptyPreview")}</span>}
              </p>
            </div>
            <SizeMeter bytes={bytes} max={max} chars={[...text].length} />
            <div role="status" aria-live="polite" className="space-y-1">
              {problems.length > 0 ? (
                <ul className="space-y-1 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-emerald-700">{t("editor.noProblems")}</p>
              )}
            </div>
          </section>
        </div>

        <div className="space-y-3 border-t border-slate-100 px-4 py-4 sm:px-5">
          {formError && <Alert>{formError}</Alert>}
          <div role="status" aria-live="polite">
            {status && (
              <div className="rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
                {status}
              </div>
            )}
          </div>
          <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex flex-wrap items-center gap-2">
              {!template.is_default && (
                <Button type="button" variant="ghost" className="text-red-700" onClick={() => setConfirmReset(true)}>
                  {t("editor.reset")}
                </Button>
              )}
              {dirty && (
                <Button type="button" variant="ghost" onClick={() => edit(draftOf(template))}>
                  {t("editor.discard")}
                </Button>
              )}
              {dirty && <span className="text-sm font-medium text-amber-700">{t("templates.unsavedLong")}</span>}
            </div>
            <Button type="submit" size="lg" busy={pending} disabled={!dirty} className="w-full sm:w-auto sm:min-w-32">
              {pending ? t("editor.saving") : t("editor.save")}
            </Button>
          </div>
        </div>
      </form>

      <Dialog open={confirmReset} onClose={() => setConfirmReset(false)} title={t("editor.resetTitle")}>
        <p className="text-sm text-slate-700">{t("editor.resetBody", { name: title })}</p>
        <pre className="mt-3 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 font-sans text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
          {template.default_subject ? `${template.default_subject}\n\n` : ""}
          {template.default_body}
        </pre>
        {resetError && <Alert className="mt-3">{resetError}</Alert>}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirmReset(false)} disabled={resetting}>
            {t("editor.resetCancel")}
          </Button>
          <Button variant="danger" busy={resetting} onClick={reset}>
            {t("editor.resetConfirm")}
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}

/** "123 / 1500 bytes" with a bar that turns amber near the limit and red over it. */
function SizeMeter({ bytes, max, chars }: { bytes: number; max: number; chars: number }) {
  const t = useTranslations("notifications.editor");
  const ratio = Math.min(1, bytes / max);
  const tone = bytes > max ? "bg-red-500" : ratio > 0.8 ? "bg-amber-500" : "bg-brand-500";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-600 tabular-nums">
        <span className={cn(bytes > max && "font-medium text-red-700")}>{t("bytes", { bytes, max })}</span>
        <span>{t("chars", { chars })}</span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div
          className={cn("h-full rounded-full", tone)}
          style={{ width: `${Math.max(ratio * 100, bytes ? 1 : 0)}%` }}
        />
      </div>
    </div>
  );
}

type T = ReturnType<typeof useTranslations<"notifications">>;

/** `templateProblem`'s verdict in the admin's language: which placeholders are unknown, or the braces. */
function describe(t: T, event: NotificationEvent, text: string, problem: string | null, field?: string): string | null {
  if (!problem) return null;
  const known: readonly string[] = notificationEvents[event].placeholders;
  const unknown = placeholdersIn(text).filter((n) => !known.includes(n));
  const message = unknown.length
    ? t("editor.problems.unknown", {
        names: unknown.map((n) => `{{${n}}}`).join(t("channels.listSeparator")),
        count: unknown.length,
      })
    : t("editor.problems.braces", { example: "{{name}}" });
  return field ? `${field}: ${message}` : message;
}
