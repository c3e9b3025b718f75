"use client";

import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import {
  saveNotificationChannelsAction,
  testNotificationChannelAction,
} from "@/app/admin/config/notification-channels/actions";
import { SaveBar, SettingsTab, Switch, useSettingsSave } from "@/components/project-config/parts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert, Field } from "@/components/ui/field";
import type { ChannelSettingsView } from "@/lib/notifications/channel-settings";
import {
  notificationChannels,
  notificationLocales,
  type NotificationChannel,
  type NotificationLocale,
} from "@/lib/notifications/templates";
import { useErrorMessage } from "@/components/api/use-error-message";

/** A write-only secret being edited: empty keeps the saved one, a value replaces it, `clear` removes it. */
interface Secret {
  value: string;
  clear: boolean;
}
const untouched: Secret = { value: "", clear: false };

interface Draft {
  wecom: { enabled: boolean; webhook_url: Secret };
  sms: {
    enabled: boolean;
    provider: "aliyun" | "http";
    sign_name: string;
    access_key_id: string;
    access_key_secret: Secret;
    endpoint: string;
    url: string;
    api_key: Secret;
  };
  email: {
    enabled: boolean;
    host: string;
    port: string;
    secure: boolean;
    user: string;
    password: Secret;
    from: string;
  };
  delivery: { max_attempts: string; locale: NotificationLocale };
}

const draftOf = (v: ChannelSettingsView): Draft => ({
  wecom: { enabled: v.wecom.enabled, webhook_url: untouched },
  sms: {
    enabled: v.sms.enabled,
    provider: v.sms.provider,
    sign_name: v.sms.sign_name,
    access_key_id: v.sms.access_key_id,
    access_key_secret: untouched,
    endpoint: v.sms.endpoint ?? "",
    url: v.sms.url ?? "",
    api_key: untouched,
  },
  email: {
    enabled: v.email.enabled,
    host: v.email.host,
    port: String(v.email.port),
    secure: v.email.secure,
    user: v.email.user ?? "",
    password: untouched,
    from: v.email.from,
  },
  delivery: { max_attempts: String(v.delivery.max_attempts), locale: v.delivery.locale },
});

/** Left out: keep the saved secret; null: clear it; a value: replace it. */
const secretOf = (s: Secret) => (s.clear ? null : s.value.trim() ? s.value : undefined);
const wholeNumber = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);

/** The PUT body the form would send (undefined keys are dropped by JSON: "unchanged"). */
function bodyOf(d: Draft) {
  const port = wholeNumber(d.email.port);
  const attempts = wholeNumber(d.delivery.max_attempts);
  return {
    wecom: {
      enabled: d.wecom.enabled,
      webhook_url: d.wecom.webhook_url.clear ? null : d.wecom.webhook_url.value.trim() || undefined,
    },
    sms: {
      enabled: d.sms.enabled,
      provider: d.sms.provider,
      sign_name: d.sms.sign_name.trim(),
      access_key_id: d.sms.access_key_id.trim(),
      access_key_secret: secretOf(d.sms.access_key_secret),
      endpoint: d.sms.endpoint.trim() || null,
      url: d.sms.url.trim() || null,
      api_key: secretOf(d.sms.api_key),
    },
    email: {
      enabled: d.email.enabled,
      // An empty host or sender cannot be saved (the server requires them): left out, the saved one stays.
      host: d.email.host.trim() || undefined,
      port: Number.isNaN(port) ? undefined : port,
      secure: d.email.secure,
      user: d.email.user.trim() || null,
      password: secretOf(d.email.password),
      from: d.email.from.trim() || undefined,
    },
    delivery: { max_attempts: Number.isNaN(attempts) ? undefined : attempts, locale: d.delivery.locale },
  };
}

/**
 * The server names fields `sms.url`; the shared save flow keys errors by the first segment only, so
 * the paths are carried as `sms/url` to land next to their own field.
 */
function keepFullPaths<T extends { ok: boolean; error?: { fields?: { path: string; message: string }[] } }>(
  result: T,
): T {
  if (result.ok || !result.error?.fields) return result;
  return {
    ...result,
    error: { ...result.error, fields: result.error.fields.map((f) => ({ ...f, path: f.path.replaceAll(".", "/") })) },
  };
}

type FieldKey =
  | "wecom/webhook_url"
  | "sms/sign_name"
  | "sms/access_key_id"
  | "sms/access_key_secret"
  | "sms/endpoint"
  | "sms/url"
  | "sms/api_key"
  | "sms/provider"
  | "email/host"
  | "email/port"
  | "email/user"
  | "email/password"
  | "email/from"
  | "delivery/max_attempts"
  | "delivery/locale";

const shownFields = new Set<string>([
  "wecom/webhook_url",
  "sms/sign_name",
  "sms/access_key_id",
  "sms/access_key_secret",
  "sms/endpoint",
  "sms/url",
  "sms/api_key",
  "sms/provider",
  "email/host",
  "email/port",
  "email/user",
  "email/password",
  "email/from",
  "delivery/max_attempts",
  "delivery/locale",
]);

/**
 * Config center › Notification channels: the WeChat Work group bot, SMS (Aliyun or our HTTP gateway)
 * and SMTP e-mail, each switched on here, plus how often a message is retried and in which language
 * messages go out. Secrets are write-only: a field left empty keeps the saved value, "clear" removes
 * it. Each channel sends a real test message over its saved settings and shows the provider's answer.
 * Without an active channel nothing is sent: the notification log records each message as
 * "no channel configured", to be retried once a channel works.
 */
export function NotificationChannelsForm({ initial, timeZone }: { initial: ChannelSettingsView; timeZone: string }) {
  const t = useTranslations("notifications.channels");
  const tn = useTranslations("notifications");
  const format = useFormatter();
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const { formRef, submit, pending, serverErrors, setServerErrors, formError, setFormError, savedMessage } =
    useSettingsSave();

  /** Changes a channel's fields and forgets the server's complaints about them. */
  function edit<G extends keyof Draft>(group: G, patch: Partial<Draft[G]>) {
    setDraft((d) => ({ ...d, [group]: { ...d[group], ...patch } }));
    const touched = Object.keys(patch).map((f) => `${group}/${f}`);
    if (touched.some((k) => serverErrors[k])) {
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
    }
    setFormError(null);
  }

  // What the browser can tell before sending: numbers in range, and what an enabled channel needs.
  const required = t("required");
  const has = (s: Secret, isSet: boolean) => !s.clear && (s.value.trim() !== "" || isSet);
  const port = wholeNumber(draft.email.port);
  const attempts = wholeNumber(draft.delivery.max_attempts);
  const local: Partial<Record<FieldKey, string>> = {};
  if (!(port >= 1 && port <= 65535)) local["email/port"] = t("email.portInvalid");
  if (!(attempts >= 1 && attempts <= 20)) local["delivery/max_attempts"] = t("delivery.attemptsInvalid");
  if (draft.wecom.enabled && !has(draft.wecom.webhook_url, saved.wecom.webhook_url_set))
    local["wecom/webhook_url"] = required;
  if (draft.sms.enabled) {
    if (!draft.sms.sign_name.trim()) local["sms/sign_name"] = required;
    if (draft.sms.provider === "aliyun") {
      if (!draft.sms.access_key_id.trim()) local["sms/access_key_id"] = required;
      if (!has(draft.sms.access_key_secret, saved.sms.access_key_secret_set)) local["sms/access_key_secret"] = required;
    } else {
      if (!draft.sms.url.trim()) local["sms/url"] = required;
      if (!has(draft.sms.api_key, saved.sms.api_key_set)) local["sms/api_key"] = required;
    }
  }
  if (draft.email.enabled) {
    if (!draft.email.host.trim()) local["email/host"] = required;
    if (!draft.email.from.trim()) local["email/from"] = required;
  }
  const err = (k: FieldKey) => local[k] ?? serverErrors[k];
  const otherErrors = Object.entries(serverErrors).filter(([k]) => !shownFields.has(k));

  const savedDraft = draftOf(saved);
  const groupDirty = (g: keyof Draft) => JSON.stringify(bodyOf(draft)[g]) !== JSON.stringify(bodyOf(savedDraft)[g]);
  const dirty = (["wecom", "sms", "email", "delivery"] as const).some(groupDirty);
  const activeNames = notificationChannels.filter((c) => saved.active[c]).map((c) => tn(`channel.${c}`));

  return (
    <SettingsTab title={t("title")} intro={t("intro")}>
      {/* Which channels send now, and what happens to messages for the others. */}
      <Card className="space-y-3 p-4 sm:p-5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h3 className="text-sm font-semibold text-slate-900">{t("active.title")}</h3>
          <ul className="flex flex-wrap gap-2" aria-label={t("active.title")}>
            {notificationChannels.map((c) => (
              <li key={c}>
                <Badge tone={saved.active[c] ? "green" : "gray"}>
                  {tn(`channel.${c}`)} · {saved.active[c] ? t("state.active") : t("state.off")}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
        {activeNames.length === 0 ? (
          <Alert tone="warning" title={t("active.noneTitle")}>
            {t("active.noneBody", { status: tn("status.no_channel") })}
          </Alert>
        ) : (
          <p className="text-sm text-slate-600">{t("active.someBody", { status: tn("status.no_channel") })}</p>
        )}
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link href="/admin/notifications" className="text-brand-700 underline">
            {t("active.openLog")}
          </Link>
          <Link href="/admin/config/notification-templates" className="text-brand-700 underline">
            {t("active.openTemplates")}
          </Link>
        </p>
      </Card>

      <form
        ref={formRef}
        noValidate
        className="space-y-4"
        onSubmit={(e) =>
          submit(e, {
            hasLocalProblem: Object.keys(local).length > 0,
            save: () => saveNotificationChannelsAction(bodyOf(draft)).then(keepFullPaths),
            onSaved: (view) => {
              setSaved(view);
              setDraft(draftOf(view));
              const active = notificationChannels.filter((c) => view.active[c]).map((c) => tn(`channel.${c}`));
              return active.length ? t("saved", { channels: active.join(t("listSeparator")) }) : t("savedNone");
            },
          })
        }
      >
        {otherErrors.length > 0 && (
          <Alert>
            {otherErrors.map(([k, message]) => (
              <p key={k}>{message}</p>
            ))}
          </Alert>
        )}

        {/* WeChat Work group bot. */}
        <ChannelCard
          channel="wecom"
          title={t("wecom.title")}
          description={t("wecom.description")}
          saved={saved}
          enabled={draft.wecom.enabled}
          onEnabled={(v) => edit("wecom", { enabled: v })}
          dirty={groupDirty("wecom")}
        >
          <SecretField
            label={t("wecom.webhook")}
            type="url"
            isSet={saved.wecom.webhook_url_set}
            current={saved.wecom.webhook_url}
            secret={draft.wecom.webhook_url}
            onChange={(s) => edit("wecom", { webhook_url: s })}
            error={err("wecom/webhook_url")}
            placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            hint={t("wecom.webhookHint")}
            className="sm:col-span-2"
          />
        </ChannelCard>

        {/* SMS: Aliyun or the HTTP gateway. */}
        <ChannelCard
          channel="sms"
          title={t("sms.title")}
          description={t("sms.description")}
          saved={saved}
          enabled={draft.sms.enabled}
          onEnabled={(v) => edit("sms", { enabled: v })}
          dirty={groupDirty("sms")}
        >
          <Field
            label={t("sms.provider")}
            error={err("sms/provider")}
            hint={t(`sms.providerHint.${draft.sms.provider}`)}
          >
            {(p) => (
              <select
                {...p}
                value={draft.sms.provider}
                onChange={(e) => edit("sms", { provider: e.target.value as "aliyun" | "http" })}
              >
                <option value="aliyun">{t("sms.providers.aliyun")}</option>
                <option value="http">{t("sms.providers.http")}</option>
              </select>
            )}
          </Field>
          <TextSetting
            label={t("sms.signName")}
            error={err("sms/sign_name")}
            hint={t("sms.signNameHint")}
            value={draft.sms.sign_name}
            onChange={(v) => edit("sms", { sign_name: v })}
            maxLength={50}
          />
          {draft.sms.provider === "aliyun" ? (
            <>
              <TextSetting
                label={t("sms.accessKeyId")}
                error={err("sms/access_key_id")}
                value={draft.sms.access_key_id}
                onChange={(v) => edit("sms", { access_key_id: v })}
                maxLength={100}
                mono
              />
              <SecretField
                label={t("sms.accessKeySecret")}
                isSet={saved.sms.access_key_secret_set}
                secret={draft.sms.access_key_secret}
                onChange={(s) => edit("sms", { access_key_secret: s })}
                error={err("sms/access_key_secret")}
              />
              <TextSetting
                label={t("sms.endpoint")}
                error={err("sms/endpoint")}
                hint={t("sms.endpointHint")}
                className="sm:col-span-2"
                type="url"
                value={draft.sms.endpoint}
                onChange={(v) => edit("sms", { endpoint: v })}
                placeholder="https://dysmsapi.aliyuncs.com"
              />
            </>
          ) : (
            <>
              <TextSetting
                label={t("sms.url")}
                error={err("sms/url")}
                hint={t("sms.urlHint")}
                type="url"
                value={draft.sms.url}
                onChange={(v) => edit("sms", { url: v })}
                placeholder="https://sms-gateway.example.com/send"
              />
              <SecretField
                label={t("sms.apiKey")}
                isSet={saved.sms.api_key_set}
                secret={draft.sms.api_key}
                onChange={(s) => edit("sms", { api_key: s })}
                error={err("sms/api_key")}
              />
            </>
          )}
        </ChannelCard>

        {/* E-mail over SMTP. */}
        <ChannelCard
          channel="email"
          title={t("email.title")}
          description={t("email.description")}
          saved={saved}
          enabled={draft.email.enabled}
          onEnabled={(v) => edit("email", { enabled: v })}
          dirty={groupDirty("email")}
        >
          <div className="grid gap-4 sm:col-span-2 sm:grid-cols-[minmax(0,1fr)_8rem]">
            <TextSetting
              label={t("email.host")}
              error={err("email/host")}
              hint={t("email.hostHint")}
              value={draft.email.host}
              onChange={(v) => edit("email", { host: v })}
              placeholder="smtp.example.com"
            />
            <Field label={t("email.port")} error={err("email/port")}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={65535}
                  value={draft.email.port}
                  onChange={(e) => edit("email", { port: e.target.value })}
                  className={cn(p.className, "tabular-nums")}
                />
              )}
            </Field>
          </div>
          <div className="sm:col-span-2">
            <Switch
              checked={draft.email.secure}
              onChange={(v) =>
                edit("email", {
                  secure: v,
                  ...(v && draft.email.port === "587" ? { port: "465" } : {}),
                  ...(!v && draft.email.port === "465" ? { port: "587" } : {}),
                })
              }
              label={t("email.secure")}
              description={t("email.secureHint")}
            />
          </div>
          <TextSetting
            label={t("email.user")}
            error={err("email/user")}
            value={draft.email.user}
            onChange={(v) => edit("email", { user: v })}
          />
          <SecretField
            label={t("email.password")}
            isSet={saved.email.password_set}
            secret={draft.email.password}
            onChange={(s) => edit("email", { password: s })}
            error={err("email/password")}
          />
          <TextSetting
            label={t("email.from")}
            error={err("email/from")}
            hint={t("email.fromHint", { example: "ServiceHub <noreply@example.com>" })}
            className="sm:col-span-2"
            value={draft.email.from}
            onChange={(v) => edit("email", { from: v })}
            placeholder="ServiceHub <noreply@example.com>"
          />
        </ChannelCard>

        {/* Delivery: retries and language. */}
        <Card>
          <section aria-labelledby={`${id}-delivery`} className="space-y-4 px-4 py-4 sm:px-5">
            <div>
              <h3 id={`${id}-delivery`} className="text-base font-semibold text-slate-900">
                {t("delivery.title")}
              </h3>
              <p className="mt-0.5 text-sm text-slate-500">{t("delivery.description")}</p>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t("delivery.attempts")}
                error={err("delivery/max_attempts")}
                hint={t("delivery.attemptsHint")}
              >
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={20}
                    value={draft.delivery.max_attempts}
                    onChange={(e) => edit("delivery", { max_attempts: e.target.value })}
                    className={cn(p.className, "max-w-32 tabular-nums")}
                  />
                )}
              </Field>
              <Field label={t("delivery.locale")} error={err("delivery/locale")} hint={t("delivery.localeHint")}>
                {(p) => (
                  <select
                    {...p}
                    value={draft.delivery.locale}
                    onChange={(e) => edit("delivery", { locale: e.target.value as NotificationLocale })}
                  >
                    {notificationLocales.map((l) => (
                      <option key={l} value={l}>
                        {tn(`locale.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </section>
        </Card>

        <Card>
          <SaveBar
            pending={pending}
            dirty={dirty}
            saved={dirty ? null : savedMessage}
            formError={formError}
            note={
              saved.updated_at
                ? t("lastSaved", {
                    at: format.dateTime(new Date(saved.updated_at), {
                      dateStyle: "medium",
                      timeStyle: "short",
                      timeZone,
                    }),
                    by: saved.updated_by ?? "—",
                  })
                : t("neverSaved")
            }
          />
        </Card>
      </form>
    </SettingsTab>
  );
}

/** One channel: its state, its on/off switch, its fields, and its test message. */
function ChannelCard({
  channel,
  title,
  description,
  saved,
  enabled,
  onEnabled,
  dirty,
  children,
}: {
  channel: NotificationChannel;
  title: string;
  description: string;
  saved: ChannelSettingsView;
  enabled: boolean;
  onEnabled: (v: boolean) => void;
  /** The channel has unsaved changes (a test would use the saved settings). */
  dirty: boolean;
  children: React.ReactNode;
}) {
  const t = useTranslations("notifications.channels");
  const id = useId();
  const active = saved.active[channel];
  return (
    <Card>
      <section aria-labelledby={`${id}-title`}>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3 sm:px-5">
          <div className="min-w-0">
            <h3 id={`${id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
              {title}
              {active ? (
                <Badge tone="green">{t("state.active")}</Badge>
              ) : saved[channel].enabled ? (
                <Badge tone="amber">{t("state.incomplete")}</Badge>
              ) : (
                <Badge>{t("state.off")}</Badge>
              )}
            </h3>
            <p className="mt-0.5 max-w-2xl text-sm text-slate-500">{description}</p>
          </div>
        </div>
        <div className="space-y-4 px-4 py-4 sm:px-5">
          <Switch
            checked={enabled}
            onChange={onEnabled}
            label={t(`${channel}.enable`)}
            description={enabled ? t("enabledHint") : t("disabledHint")}
          />
          <div className="grid gap-4 sm:grid-cols-2">{children}</div>
        </div>
        <TestMessage channel={channel} active={active} dirty={dirty} />
      </section>
    </Card>
  );
}

/**
 * "Send test message": SMS and e-mail ask where to first. The provider's answer is announced in a live
 * region that is always in the page.
 */
function TestMessage({ channel, active, dirty }: { channel: NotificationChannel; active: boolean; dirty: boolean }) {
  const t = useTranslations("notifications.channels.test");
  const describeError = useErrorMessage();
  const needsRecipient = channel !== "wecom";
  const [asking, setAsking] = useState(false);
  const [to, setTo] = useState("");
  const [toError, setToError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ ok: boolean; message: string; failedToRun?: boolean } | null>(null);
  const blocked = !active ? t("notActive") : dirty ? t("saveFirst") : null;

  async function send() {
    if (needsRecipient && !to.trim()) {
      setToError(t(`recipientMissing.${channel}`));
      return;
    }
    setBusy(true);
    setAnswer(null);
    setToError(null);
    try {
      const result = await testNotificationChannelAction(channel, needsRecipient ? { to: to.trim() } : {});
      if (result.ok) {
        setAnswer(result.data);
        setAsking(false);
      } else {
        const toField = result.error.fields?.find((f) => f.path === "to");
        if (toField) setToError(toField.message);
        else setAnswer({ ok: false, message: describeError(result.error), failedToRun: true });
      }
    } catch {
      setAnswer({ ok: false, message: t("offline"), failedToRun: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3 border-t border-slate-100 bg-slate-50/60 px-4 py-3 sm:px-5">
      {asking ? (
        <div className="flex flex-wrap items-end gap-2">
          <Field
            label={t(`recipient.${channel}`)}
            error={toError}
            hint={t(`recipientHint.${channel}`)}
            className="min-w-0 flex-1 sm:max-w-sm"
          >
            {(p) => (
              <input
                {...p}
                type={channel === "sms" ? "tel" : "email"}
                inputMode={channel === "sms" ? "tel" : "email"}
                autoComplete="off"
                autoFocus
                value={to}
                onChange={(e) => {
                  setTo(e.target.value);
                  setToError(null);
                }}
                onKeyDown={(e) => {
                  // Enter sends the test, not the settings form around it.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    void send();
                  }
                }}
                placeholder={channel === "sms" ? "13800138000" : "name@example.com"}
              />
            )}
          </Field>
          <div className={cn("flex gap-2", toError ? "mb-6" : "mb-5")}>
            <Button type="button" busy={busy} onClick={send}>
              {t("send")}
            </Button>
            <Button type="button" variant="ghost" disabled={busy} onClick={() => setAsking(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <Button
            type="button"
            variant="secondary"
            busy={busy}
            disabled={blocked !== null}
            onClick={() => (needsRecipient ? setAsking(true) : send())}
          >
            {t("button")}
          </Button>
          <p className={cn("text-sm", blocked ? "text-amber-800" : "text-slate-500")}>{blocked ?? t("hint")}</p>
        </div>
      )}
      <div role="status" aria-live="polite">
        {answer && (
          <div
            className={cn(
              "rounded-lg px-4 py-3 text-sm ring-1 ring-inset",
              answer.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200",
            )}
          >
            <p className="font-medium">{answer.ok ? t("ok") : answer.failedToRun ? t("couldNotRun") : t("failed")}</p>
            <p className="mt-1 break-words">
              {answer.failedToRun ? answer.message : t("providerSaid", { message: answer.message })}
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * A write-only secret: "set" or "not set"; left empty, the saved value stays; typed, it replaces it;
 * "clear" removes it on save.
 */
function SecretField({
  label,
  isSet,
  current,
  secret,
  onChange,
  error,
  hint,
  placeholder,
  type = "password",
  className,
}: {
  label: string;
  isSet: boolean;
  /** What may be shown of the saved value (the webhook's address without its key). */
  current?: string | null;
  secret: Secret;
  onChange: (s: Secret) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  type?: "password" | "url";
  className?: string;
}) {
  const t = useTranslations("notifications.channels.secret");
  // Chinese sentences run on without a space; English ones are spaced.
  const sentenceGap = useLocale() === "en" ? " " : "";
  const state = secret.clear
    ? t("willClear")
    : secret.value.trim()
      ? isSet
        ? t("willReplace")
        : t("willSet")
      : isSet
        ? t("set")
        : t("notSet");
  const help = [
    secret.clear ? t("clearHint") : isSet ? t("keepHint") : t("newHint"),
    current && !secret.clear ? t("current", { value: current }) : null,
    hint,
  ]
    .filter(Boolean)
    .join(sentenceGap);
  return (
    <Field
      className={className}
      label={
        <span className="inline-flex flex-wrap items-center gap-2">
          {label}
          <Badge tone={secret.clear ? "amber" : secret.value.trim() ? "blue" : isSet ? "green" : "gray"}>{state}</Badge>
        </span>
      }
      error={error}
      hint={help}
    >
      {(p) => (
        <div className="flex gap-2">
          <input
            {...p}
            type={type}
            inputMode={type === "url" ? "url" : undefined}
            value={secret.clear ? "" : secret.value}
            disabled={secret.clear}
            onChange={(e) => onChange({ value: e.target.value, clear: false })}
            placeholder={secret.clear ? t("clearedPlaceholder") : isSet ? t("keepPlaceholder") : placeholder}
            autoComplete={type === "password" ? "new-password" : "off"}
            spellCheck={false}
            autoCapitalize="off"
            className={cn(p.className, "min-w-0")}
          />
          {isSet && (
            <Button
              type="button"
              variant={secret.clear ? "secondary" : "ghost"}
              className="h-auto shrink-0"
              aria-pressed={secret.clear}
              onClick={() => onChange({ value: "", clear: !secret.clear })}
            >
              {secret.clear ? t("undoClear") : t("clear")}
            </Button>
          )}
        </div>
      )}
    </Field>
  );
}

/** A text setting (an address, a key id, a host name): no autofill, no spell check, no capitals. */
function TextSetting({
  label,
  error,
  hint,
  className,
  type = "text",
  value,
  onChange,
  placeholder,
  maxLength,
  mono,
}: {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  type?: "text" | "url";
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxLength?: number;
  mono?: boolean;
}) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(p) => (
        <input
          {...p}
          type={type}
          inputMode={type === "url" ? "url" : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          className={mono ? cn(p.className, "font-mono") : p.className}
        />
      )}
    </Field>
  );
}
