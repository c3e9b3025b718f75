import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { settings, users } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { decryptSecret, encryptSecret } from "../crypto";
import { getDb, type DbOrTx } from "../db";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import type { EmailConfig, SmsConfig, WecomConfig } from "./channels/types";
import type { SaveChannelSettingsBody } from "./schemas";
import { notificationLocales, type NotificationChannel, type NotificationLocale } from "./templates";

/**
 * The notification channels' settings (config center › Notification channels): one `settings` row
 * whose secrets — the WeChat Work webhook URL (its key is the credential), the SMS keys, the SMTP
 * password — are sealed with lib/crypto.ts and never leave the server. Saves audit which fields
 * changed; a secret's change is audited as "changed", never its value.
 */
const KEY = "notification_channels";

const stored = z.object({
  wecom: z.object({ enabled: z.boolean(), webhook_url_sealed: z.string().nullable() }),
  sms: z.object({
    enabled: z.boolean(),
    provider: z.enum(["aliyun", "http"]),
    sign_name: z.string(),
    access_key_id: z.string(),
    access_key_secret_sealed: z.string().nullable(),
    endpoint: z.string().nullable(),
    url: z.string().nullable(),
    api_key_sealed: z.string().nullable(),
  }),
  email: z.object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number(),
    secure: z.boolean(),
    user: z.string().nullable(),
    password_sealed: z.string().nullable(),
    from: z.string(),
  }),
  delivery: z.object({
    max_attempts: z.number().int(),
    locale: z.enum(notificationLocales),
    /** `event:channel` pairs switched off in the template manager. */
    disabled: z.array(z.string()),
  }),
});
type StoredChannels = z.infer<typeof stored>;

export const DEFAULT_MAX_ATTEMPTS = 8;

const defaults: StoredChannels = {
  wecom: { enabled: false, webhook_url_sealed: null },
  sms: {
    enabled: false,
    provider: "aliyun",
    sign_name: "",
    access_key_id: "",
    access_key_secret_sealed: null,
    endpoint: null,
    url: null,
    api_key_sealed: null,
  },
  email: { enabled: false, host: "", port: 587, secure: false, user: null, password_sealed: null, from: "" },
  delivery: { max_attempts: DEFAULT_MAX_ATTEMPTS, locale: "zh-CN", disabled: [] },
};

async function readStored(db?: DbOrTx): Promise<{ value: StoredChannels; updatedAt: Date | null; updatedBy: string | null }> {
  db ??= await getDb();
  const [row] = await db
    .select({ value: settings.value, updatedAt: settings.updatedAt, updatedBy: users.email })
    .from(settings)
    .leftJoin(users, eq(users.id, settings.updatedBy))
    .where(eq(settings.key, KEY))
    .limit(1);
  if (!row) return { value: defaults, updatedAt: null, updatedBy: null };
  return { value: parseStored(row.value), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** A stored value (or none) as the current shape: missing fields take their defaults. */
function parseStored(value: unknown): StoredChannels {
  if (!value) return defaults;
  const raw = value as Partial<StoredChannels>;
  const parsed = stored.safeParse({
    wecom: { ...defaults.wecom, ...raw.wecom },
    sms: { ...defaults.sms, ...raw.sms },
    email: { ...defaults.email, ...raw.email },
    delivery: { ...defaults.delivery, ...raw.delivery },
  });
  if (!parsed.success) {
    getLogger().warn({ key: KEY, issues: parsed.error.issues.slice(0, 3) }, "stored notification channels do not parse; using defaults");
    return defaults;
  }
  return parsed.data;
}

/** The settings row's key, for a caller that reads the stored value inside its own query. */
export const CHANNEL_SETTINGS_KEY = KEY;

/** The webhook URL without its key: enough to recognise which bot, useless to post to it. */
function maskWebhook(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? "?key=••••" : ""}`;
  } catch {
    return "••••";
  }
}

const open = (sealed: string | null) => (sealed ? decryptSecret(sealed) : null);

/** What is missing for a channel to send, in words; [] when it can. */
function missingFor(channel: NotificationChannel, s: StoredChannels): string[] {
  if (channel === "wecom") return s.wecom.webhook_url_sealed ? [] : ["webhook_url"];
  if (channel === "email") {
    return [!s.email.host && "host", !s.email.from && "from"].filter(Boolean) as string[];
  }
  const sms = s.sms;
  return [
    !sms.sign_name && "sign_name",
    ...(sms.provider === "aliyun"
      ? [!sms.access_key_id && "access_key_id", !sms.access_key_secret_sealed && "access_key_secret"]
      : [!sms.url && "url", !sms.api_key_sealed && "api_key"]),
  ].filter(Boolean) as string[];
}

export interface ChannelSettingsView {
  wecom: { enabled: boolean; webhook_url: string | null; webhook_url_set: boolean };
  sms: {
    enabled: boolean;
    provider: "aliyun" | "http";
    sign_name: string;
    access_key_id: string;
    access_key_secret_set: boolean;
    endpoint: string | null;
    url: string | null;
    api_key_set: boolean;
  };
  email: {
    enabled: boolean;
    host: string;
    port: number;
    secure: boolean;
    user: string | null;
    password_set: boolean;
    from: string;
  };
  delivery: { max_attempts: number; locale: NotificationLocale };
  /** Which channels would send now (enabled and complete); the rest record messages as "no channel". */
  active: Record<NotificationChannel, boolean>;
  updated_at: string | null;
  updated_by: string | null;
}

export async function channelSettingsView(): Promise<ChannelSettingsView> {
  const { value: s, updatedAt, updatedBy } = await readStored();
  const webhook = open(s.wecom.webhook_url_sealed);
  return {
    wecom: { enabled: s.wecom.enabled, webhook_url: webhook ? maskWebhook(webhook) : null, webhook_url_set: webhook !== null },
    sms: {
      enabled: s.sms.enabled,
      provider: s.sms.provider,
      sign_name: s.sms.sign_name,
      access_key_id: s.sms.access_key_id,
      access_key_secret_set: s.sms.access_key_secret_sealed !== null,
      endpoint: s.sms.endpoint,
      url: s.sms.url,
      api_key_set: s.sms.api_key_sealed !== null,
    },
    email: {
      enabled: s.email.enabled,
      host: s.email.host,
      port: s.email.port,
      secure: s.email.secure,
      user: s.email.user,
      password_set: s.email.password_sealed !== null,
      from: s.email.from,
    },
    delivery: { max_attempts: s.delivery.max_attempts, locale: s.delivery.locale },
    active: {
      wecom: s.wecom.enabled && missingFor("wecom", s).length === 0,
      sms: s.sms.enabled && missingFor("sms", s).length === 0,
      email: s.email.enabled && missingFor("email", s).length === 0,
    },
    updated_at: updatedAt?.toISOString() ?? null,
    updated_by: updatedBy,
  };
}

const seal = (value: string | null | undefined, current: string | null) =>
  value === undefined ? current : value ? encryptSecret(value) : null;

/** Applies a PUT body to the stored settings: fields left out keep their value; secrets are sealed. */
function apply(s: StoredChannels, body: SaveChannelSettingsBody): StoredChannels {
  const next = structuredClone(s);
  if (body.wecom) {
    next.wecom.enabled = body.wecom.enabled ?? s.wecom.enabled;
    next.wecom.webhook_url_sealed = seal(body.wecom.webhook_url, s.wecom.webhook_url_sealed);
  }
  if (body.sms) {
    const b = body.sms;
    next.sms = {
      enabled: b.enabled ?? s.sms.enabled,
      provider: b.provider ?? s.sms.provider,
      sign_name: b.sign_name ?? s.sms.sign_name,
      access_key_id: b.access_key_id ?? s.sms.access_key_id,
      access_key_secret_sealed: seal(b.access_key_secret, s.sms.access_key_secret_sealed),
      endpoint: b.endpoint === undefined ? s.sms.endpoint : b.endpoint || null,
      url: b.url === undefined ? s.sms.url : b.url || null,
      api_key_sealed: seal(b.api_key, s.sms.api_key_sealed),
    };
  }
  if (body.email) {
    const b = body.email;
    next.email = {
      enabled: b.enabled ?? s.email.enabled,
      host: b.host ?? s.email.host,
      port: b.port ?? s.email.port,
      secure: b.secure ?? s.email.secure,
      user: b.user === undefined ? s.email.user : b.user || null,
      password_sealed: seal(b.password, s.email.password_sealed),
      from: b.from ?? s.email.from,
    };
  }
  if (body.delivery) next.delivery = { ...s.delivery, ...body.delivery };
  return next;
}

const SECRET_FIELDS = new Set(["webhook_url_sealed", "access_key_secret_sealed", "api_key_sealed", "password_sealed"]);

/** `sms.sign_name: {from, to}` for each changed field; a secret shows as changed, never its value. */
function changes(before: StoredChannels, after: StoredChannels): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const group of Object.keys(after) as (keyof StoredChannels)[]) {
    const a = after[group] as Record<string, unknown>;
    const b = before[group] as Record<string, unknown>;
    for (const field of Object.keys(a)) {
      if (JSON.stringify(a[field]) === JSON.stringify(b[field])) continue;
      out[`${group}.${field.replace(/_sealed$/, "")}`] = SECRET_FIELDS.has(field)
        ? a[field] === null
          ? "cleared"
          : "changed"
        : { from: b[field] ?? null, to: a[field] };
    }
  }
  return out;
}

/** Saves a PUT body; an enabled channel must be complete (422 naming what it lacks). Audited. */
export async function saveChannelSettings(body: SaveChannelSettingsBody, actor: Actor): Promise<ChannelSettingsView & { changed: string[] }> {
  const db = await getDb();
  const changed = await db.transaction(async (tx) => {
    // Serialises concurrent saves, so one admin's change is never lost under another's.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${KEY}))`);
    const { value: before } = await readStored(tx);
    const after = apply(before, body);
    for (const channel of ["wecom", "sms", "email"] as const) {
      const missing = after[channel].enabled ? missingFor(channel, after) : [];
      if (missing.length) {
        throw new AppError("invalid_input", `${channelNames[channel]} cannot be enabled without ${missing.join(", ")}`, {
          fields: missing.map((field) => ({ path: `${channel}.${field}`, message: `${field} is required to enable ${channel}` })),
        });
      }
    }
    const diff = changes(before, after);
    if (!Object.keys(diff).length) return [];
    await writeStored(tx, after, actor, { action: "settings.updated", targetType: "setting", targetId: KEY, details: { changed: diff } });
    return Object.keys(diff);
  });
  return { ...(await channelSettingsView()), changed };
}

export const channelNames: Record<NotificationChannel, string> = { wecom: "WeChat Work", sms: "SMS", email: "E-mail" };

/** The channels as the senders need them, secrets opened; null for a channel that cannot send. */
export interface ActiveChannels {
  wecom: WecomConfig | null;
  sms: SmsConfig | null;
  email: EmailConfig | null;
  delivery: StoredChannels["delivery"];
}

export async function loadActiveChannels(db?: DbOrTx): Promise<ActiveChannels> {
  return activeChannelsFrom((await readStored(db)).value);
}

/** The channels from a stored settings value read elsewhere (the delivery's claim reads it in its query). */
export function activeChannelsFromStored(value: unknown): ActiveChannels {
  return activeChannelsFrom(parseStored(value));
}

function activeChannelsFrom(s: StoredChannels): ActiveChannels {
  const ready = (c: NotificationChannel) => s[c].enabled && missingFor(c, s).length === 0;
  return {
    wecom: ready("wecom") ? { webhookUrl: open(s.wecom.webhook_url_sealed)! } : null,
    sms: !ready("sms")
      ? null
      : s.sms.provider === "aliyun"
        ? {
            provider: "aliyun",
            signName: s.sms.sign_name,
            accessKeyId: s.sms.access_key_id,
            accessKeySecret: open(s.sms.access_key_secret_sealed)!,
            endpoint: s.sms.endpoint,
          }
        : { provider: "http", signName: s.sms.sign_name, url: s.sms.url!, apiKey: open(s.sms.api_key_sealed)! },
    email: ready("email")
      ? {
          host: s.email.host,
          port: s.email.port,
          secure: s.email.secure,
          user: s.email.user,
          password: open(s.email.password_sealed),
          from: s.email.from,
        }
      : null,
    delivery: s.delivery,
  };
}

/** Switches an event on a channel on or off (the template manager's toggle). Audited. */
export async function setEventEnabled(
  tx: DbOrTx,
  pair: { event: string; channel: NotificationChannel },
  enabled: boolean,
  actor: Actor,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${KEY}))`);
  const { value: before } = await readStored(tx);
  const key = `${pair.event}:${pair.channel}`;
  const disabled = new Set(before.delivery.disabled);
  if (enabled === !disabled.has(key)) return;
  if (enabled) disabled.delete(key);
  else disabled.add(key);
  const after = { ...before, delivery: { ...before.delivery, disabled: [...disabled].sort() } };
  await writeStored(tx, after, actor, {
    action: enabled ? "notification.event_enabled" : "notification.event_disabled",
    targetType: "notification_template",
    targetId: key,
    details: {},
  });
}

/** Writes the whole value (the caller holds the advisory lock) and its audit entry, in the caller's transaction. */
async function writeStored(
  tx: DbOrTx,
  value: StoredChannels,
  actor: Actor,
  audit: { action: string; targetType: string; targetId: string; details: Record<string, unknown> },
) {
  await tx
    .insert(settings)
    .values({ key: KEY, value, updatedBy: actor.userId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: actor.userId, updatedAt: sql`now()` } });
  await writeAudit(tx, { actorUserId: actor.userId, actorLabel: actor.email, ...audit });
}

export async function disabledEvents(db?: DbOrTx): Promise<Set<string>> {
  return new Set((await readStored(db)).value.delivery.disabled);
}
