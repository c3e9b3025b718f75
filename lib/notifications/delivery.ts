import "server-only";
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { notifications, notificationTemplates, settings, type NotificationStatus } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { decryptSecret } from "../crypto";
import { executeRows, getDb } from "../db";
import { AppError } from "../errors";
import { transactionWithEvents } from "../jobs/outbox";
import { getLogger } from "../logger";
import { activeChannelsFromStored, CHANNEL_SETTINGS_KEY, loadActiveChannels, type ActiveChannels } from "./channel-settings";
import { sendEmail } from "./channels/email";
import { sendSms } from "./channels/sms";
import type { SendOutcome } from "./channels/types";
import { sendWecom } from "./channels/wecom";
import { defaultTemplateFor, placeholdersIn, renderTemplate, type NotificationChannel } from "./templates";

/**
 * Sends one notification row, at most once at a time: a claim (one UPDATE … RETURNING) takes a lease
 * on a due row, the text is rendered from the template saved now, the channel's sender is called, and
 * the outcome settles the row — sent, failed (retried at next_attempt_at, with backoff and jitter and
 * never before the provider's own Retry-After), or dead after the configured number of attempts. A
 * process that dies mid-send leaves the row `sending` until its lease ends; the sweep takes it back.
 * Providers that accept an idempotency id get the row's id, so even that resend is one message there.
 */

/** Long enough for the slowest sender (two WeChat Work calls of 10 s each) with room to settle. */
export const NOTIFICATION_LEASE_SECONDS = 60;
/** A row this fresh is left to the delivery its own event requested. */
const SWEEP_GRACE_SECONDS = 30;

type Row = typeof notifications.$inferSelect;

/** Seconds to wait before attempt `attempts + 1`: 30 s doubling to at most an hour, ±20 % jitter. */
export function retryDelaySeconds(attempts: number, retryAfterSeconds?: number, random = Math.random): number {
  const backoff = Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(backoff * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterSeconds ?? 0);
}

interface Claimed {
  row: Row;
  template: { subject: string | null; body: string; template_code: string | null };
  channels: ActiveChannels;
}

/**
 * Takes the lease on a due row and, in the same statement, reads what sending it needs as saved now:
 * its template (the saved one, else the default) and the channel settings. One round trip, because
 * every message pays for it.
 */
async function claim(id: string): Promise<Claimed | null> {
  const db = await getDb();
  const [raw] = await executeRows<Record<string, unknown>>(
    db,
    sql`with claimed as (
          update ${notifications}
             set status = 'sending', claimed_until = now() + make_interval(secs => ${NOTIFICATION_LEASE_SECONDS}),
                 attempts = attempts + 1, updated_at = now()
           where id = ${id}
             and ((status in ('pending', 'failed') and next_attempt_at <= now())
                  or (status = 'sending' and claimed_until < now()))
          returning id, event, channel, locale, attempts, recipient_encrypted, values_encrypted, mentions_encrypted,
                    rendered_subject, rendered_text
        )
        select claimed.*, t.subject as template_subject, t.body as template_body, t.template_code,
               (select value from ${settings} where key = ${CHANNEL_SETTINGS_KEY}) as channel_settings
          from claimed
          left join ${notificationTemplates} t
            on t.event = claimed.event and t.channel = claimed.channel and t.locale = claimed.locale`,
  );
  if (!raw) return null;
  const row = {
    id: raw.id as string,
    event: raw.event as string,
    channel: raw.channel as string,
    locale: raw.locale as string,
    attempts: Number(raw.attempts),
    recipientEncrypted: raw.recipient_encrypted as string | null,
    valuesEncrypted: raw.values_encrypted as string,
    mentionsEncrypted: raw.mentions_encrypted as string | null,
    renderedSubject: raw.rendered_subject as string | null,
    renderedText: raw.rendered_text as string | null,
  } as Row;
  const saved = raw.template_body as string | null;
  const fallback = defaultTemplateFor(row.event, row.channel, row.locale);
  const template = saved
    ? { subject: raw.template_subject as string | null, body: saved, template_code: raw.template_code as string | null }
    : { subject: fallback?.subject ?? null, body: fallback?.body ?? "", template_code: null };
  const rawSettings = typeof raw.channel_settings === "string" ? JSON.parse(raw.channel_settings) : raw.channel_settings;
  return { row, template, channels: activeChannelsFromStored(rawSettings) };
}

function render(row: Row, template: Claimed["template"]) {
  const values = JSON.parse(decryptSecret(row.valuesEncrypted)) as Record<string, string>;
  return {
    template,
    values,
    subject: template.subject ? renderTemplate(template.subject, values) : null,
    text: renderTemplate(template.body, values),
  };
}

async function send(row: Row, channels: ActiveChannels, rendered: ReturnType<typeof render>): Promise<SendOutcome | null> {
  const to = row.recipientEncrypted ? decryptSecret(row.recipientEncrypted) : "";
  switch (row.channel as NotificationChannel) {
    case "wecom":
      if (!channels.wecom) return null;
      return sendWecom(channels.wecom, {
        markdown: rendered.text,
        mentionMobiles: row.mentionsEncrypted ? (JSON.parse(decryptSecret(row.mentionsEncrypted)) as string[]) : [],
      });
    case "sms": {
      if (!channels.sms) return null;
      const code = rendered.template.template_code;
      if (channels.sms.provider === "aliyun" && !code) {
        return {
          ok: false,
          retryable: false,
          error: `The SMS template ${row.event} (${row.locale}) has no Aliyun template code; set it under Config center › Templates`,
        };
      }
      // A registered template takes named parameters: the placeholders the template uses.
      const params = Object.fromEntries(placeholdersIn(rendered.template.body).map((name) => [name, rendered.values[name] ?? ""]));
      return sendSms(channels.sms, { id: row.id, to, templateCode: code ?? "", params, text: rendered.text });
    }
    case "email":
      if (!channels.email) return null;
      return sendEmail(channels.email, {
        id: row.id,
        to,
        // A value (a project's title from the library) may carry a line break; a header is one line.
        subject: (rendered.subject ?? row.event).replace(/\s*[\r\n]+\s*/g, " "),
        text: rendered.text,
        html: textToHtml(rendered.text),
      });
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Paragraphs and clickable links; nothing from the values is ever markup. */
function textToHtml(text: string): string {
  const linked = (line: string) =>
    escapeHtml(line).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split("\n").map(linked).join("<br>")}</p>`)
    .join("\n");
}

export interface DeliveryResult {
  id: string;
  status: NotificationStatus | "not_due";
  next_attempt_at?: string;
}

/** One attempt at one row; a row that is not due (sent, leased, waiting) is left alone. */
export async function deliverNotification(id: string): Promise<DeliveryResult> {
  const claimed = await claim(id);
  if (!claimed) return { id, status: "not_due" };
  const { row, channels } = claimed;
  const db = await getDb();
  const settle = async (status: NotificationStatus, patch: Partial<typeof notifications.$inferInsert>) => {
    await db
      .update(notifications)
      .set({ status, claimedUntil: null, updatedAt: sql`now()`, ...patch })
      .where(eq(notifications.id, id));
  };

  let rendered: ReturnType<typeof render>;
  let outcome: SendOutcome | null;
  try {
    if (!claimed.template.body) throw new Error(`No template for ${row.event} (${row.channel}, ${row.locale})`);
    rendered = render(row, claimed.template);
    outcome = await send(row, channels, rendered);
  } catch (err) {
    // A bug or a broken row, not the provider: kept like a failed attempt so it is visible and retried.
    getLogger().error({ err, notificationId: id }, "notification delivery crashed");
    rendered = { subject: row.renderedSubject, text: row.renderedText ?? "" } as typeof rendered;
    outcome = { ok: false, retryable: true, error: `Delivery failed inside ServiceHub: ${err instanceof Error ? err.message : String(err)}` };
  }
  const texts = { renderedSubject: rendered.subject, renderedText: rendered.text };

  if (outcome === null) {
    await settle("no_channel", { ...texts, lastError: "No channel configured" });
    return { id, status: "no_channel" };
  }
  if (outcome.ok) {
    await settle("sent", { ...texts, providerMessage: outcome.providerMessage.slice(0, 500), lastError: null, sentAt: new Date() });
    return { id, status: "sent" };
  }
  const error = outcome.error.slice(0, 1000);
  if (!outcome.retryable || row.attempts >= channels.delivery.max_attempts) {
    await settle("dead", { ...texts, lastError: error });
    getLogger().warn({ notificationId: id, channel: row.channel, attempts: row.attempts }, "notification is dead");
    return { id, status: "dead" };
  }
  const next = new Date(Date.now() + retryDelaySeconds(row.attempts, outcome.retryAfterSeconds) * 1000);
  await settle("failed", { ...texts, lastError: error, nextAttemptAt: next });
  return { id, status: "failed", next_attempt_at: next.toISOString() };
}

/**
 * The per-minute sweep: retries that are due, rows a crash left pending, and rows whose sender's lease
 * ran out. Rows leased too many times (the process died on each) are dead here rather than looping.
 */
export async function deliverDueNotifications(limit = 50): Promise<{ attempted: number; sent: number }> {
  const db = await getDb();
  const { delivery } = await loadActiveChannels(db);
  await db
    .update(notifications)
    .set({ status: "dead", claimedUntil: null, lastError: sql`coalesce(${notifications.lastError}, 'Delivery never finished: the sending process stopped each time')`, updatedAt: sql`now()` })
    .where(
      and(
        eq(notifications.status, "sending"),
        lt(notifications.claimedUntil, sql`now()`),
        sql`${notifications.attempts} >= ${delivery.max_attempts}`,
      ),
    );
  const due = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      or(
        and(eq(notifications.status, "failed"), lte(notifications.nextAttemptAt, sql`now()`)),
        and(eq(notifications.status, "pending"), lt(notifications.createdAt, sql`now() - make_interval(secs => ${SWEEP_GRACE_SECONDS})`)),
        and(eq(notifications.status, "sending"), lt(notifications.claimedUntil, sql`now()`)),
      ),
    )
    .orderBy(notifications.nextAttemptAt)
    .limit(limit);
  let sent = 0;
  for (const { id } of due) {
    if ((await deliverNotification(id)).status === "sent") sent++;
  }
  return { attempted: due.length, sent };
}

/** Re-queues a dead (or unsent) row with a fresh set of attempts, and asks for its delivery now. Audited. */
export async function retryNotification(id: string, actor: Actor): Promise<{ id: string; status: NotificationStatus }> {
  return transactionWithEvents(async (tx, emit) => {
    const [row] = await tx
      .update(notifications)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, claimedUntil: null, updatedAt: sql`now()` })
      .where(and(eq(notifications.id, id), inArray(notifications.status, ["dead", "failed", "no_channel"])))
      .returning({ id: notifications.id, channel: notifications.channel, previous: notifications.lastError });
    if (!row) {
      const [existing] = await tx.select({ status: notifications.status }).from(notifications).where(eq(notifications.id, id)).limit(1);
      if (!existing) throw new AppError("not_found", `No notification ${id}`);
      throw new AppError("conflict", `This notification is ${existing.status}; only dead, failed or unsent (no channel) ones are retried`, {
        status: existing.status,
      });
    }
    await writeAudit(tx, {
      actorUserId: actor.userId,
      actorLabel: actor.email,
      action: "notification.retried",
      targetType: "notification",
      targetId: id,
      details: {},
    });
    await emit(
      { name: "notification/delivery.requested", data: { notificationId: id, channel: row.channel } },
      { id: `notify:${id}:retry:${Date.now()}` },
    );
    return { id, status: "pending" as const };
  });
}
