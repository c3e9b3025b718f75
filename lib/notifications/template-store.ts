import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { notificationTemplates, users } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { getDb, type DbOrTx } from "../db";
import { AppError } from "../errors";
import { disabledEvents, setEventEnabled } from "./channel-settings";
import { templateId, type UpdateTemplateBody } from "./schemas";
import {
  channelLimits,
  defaultTemplateFor,
  defaultTemplates,
  notificationEvents,
  renderedProblem,
  renderTemplate,
  sampleValues,
  templateProblem,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationLocale,
} from "./templates";

/**
 * The template manager (seed 004): every event × channel × locale has a template. Its text is the
 * default from templates.ts until an admin saves one; the saved row wins, and "reset" deletes it.
 */

export interface TemplateView {
  id: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  locale: NotificationLocale;
  audience: string;
  subject: string | null;
  body: string;
  /** SMS: the provider's registered template code; the message's parameters are the placeholders it uses. */
  template_code: string | null;
  placeholders: readonly string[];
  /** The event is sent on this channel (one switch for both languages). */
  enabled: boolean;
  is_default: boolean;
  default_subject: string | null;
  default_body: string;
  updated_at: string | null;
  updated_by: string | null;
}

type Key = { event: NotificationEvent; channel: NotificationChannel; locale: NotificationLocale };

export async function listTemplates(db?: DbOrTx): Promise<TemplateView[]> {
  db ??= await getDb();
  const [rows, disabled] = await Promise.all([
    db
      .select({ t: notificationTemplates, by: users.email })
      .from(notificationTemplates)
      .leftJoin(users, eq(users.id, notificationTemplates.updatedBy)),
    disabledEvents(db),
  ]);
  const saved = new Map(rows.map((r) => [templateId(r.t.event as NotificationEvent, r.t.channel as NotificationChannel, r.t.locale as NotificationLocale), r]));
  return defaultTemplates.map((d) => {
    const id = templateId(d.event, d.channel, d.locale);
    const row = saved.get(id);
    return {
      id,
      event: d.event,
      channel: d.channel,
      locale: d.locale,
      audience: notificationEvents[d.event].audience,
      subject: row ? row.t.subject : d.subject,
      body: row ? row.t.body : d.body,
      template_code: row?.t.templateCode ?? null,
      placeholders: notificationEvents[d.event].placeholders,
      enabled: !disabled.has(`${d.event}:${d.channel}`),
      is_default: !row,
      default_subject: d.subject,
      default_body: d.body,
      updated_at: row?.t.updatedAt.toISOString() ?? null,
      updated_by: row?.by ?? null,
    };
  });
}

export async function getTemplate(key: Key, db?: DbOrTx): Promise<TemplateView> {
  const found = (await listTemplates(db)).find((t) => t.id === templateId(key.event, key.channel, key.locale));
  if (!found) throw new AppError("not_found", `No template ${templateId(key.event, key.channel, key.locale)}`);
  return found;
}

/**
 * The text a message is rendered from now: the saved template, else the default. One indexed read
 * (the sender needs neither the editor's extras nor the switches, which the fan-out applied).
 */
export async function templateText(key: Key, db?: DbOrTx): Promise<{ subject: string | null; body: string; template_code: string | null }> {
  db ??= await getDb();
  const [row] = await db
    .select({ subject: notificationTemplates.subject, body: notificationTemplates.body, templateCode: notificationTemplates.templateCode })
    .from(notificationTemplates)
    .where(
      and(
        eq(notificationTemplates.event, key.event),
        eq(notificationTemplates.channel, key.channel),
        eq(notificationTemplates.locale, key.locale),
      ),
    )
    .limit(1);
  if (row) return { subject: row.subject, body: row.body, template_code: row.templateCode };
  const d = defaultTemplateFor(key.event, key.channel, key.locale);
  if (!d) throw new AppError("not_found", `No template ${templateId(key.event, key.channel, key.locale)}`);
  return { subject: d.subject, body: d.body, template_code: null };
}

/** Why a subject and body cannot be saved for this template (422 with the field), or nothing. */
function assertTemplateText(key: Key, subject: string | null, body: string) {
  const fields: { path: string; message: string }[] = [];
  const bodyProblem = templateProblem(key.event, body);
  if (bodyProblem) fields.push({ path: "body", message: bodyProblem });
  if (channelLimits[key.channel].subject) {
    if (!subject) fields.push({ path: "subject", message: "An e-mail needs a subject" });
    else {
      const subjectProblem = templateProblem(key.event, subject);
      if (subjectProblem) fields.push({ path: "subject", message: subjectProblem });
    }
  } else if (subject) {
    fields.push({ path: "subject", message: `A ${key.channel} message has no subject` });
  }
  if (!fields.length) {
    // The sample is the longest plausible message; a template that overflows with it will overflow for real.
    const tooLong = renderedProblem(key.channel, renderTemplate(body, sampleValues(key.locale)));
    if (tooLong) fields.push({ path: "body", message: tooLong });
  }
  if (fields.length) throw new AppError("invalid_input", fields[0]!.message, { fields });
}

/** Saves a template's text, SMS code or switch, or resets it to the default. Audited. */
export async function updateTemplate(key: Key, body: UpdateTemplateBody, actor: Actor): Promise<TemplateView> {
  const db = await getDb();
  if (body.template_code !== undefined && key.channel !== "sms") {
    throw new AppError("invalid_input", "Only SMS templates have a provider template code", {
      fields: [{ path: "template_code", message: "Only SMS templates have a provider template code" }],
    });
  }
  await db.transaction(async (tx) => {
    const current = await getTemplate(key, tx);
    const where = and(
      eq(notificationTemplates.event, key.event),
      eq(notificationTemplates.channel, key.channel),
      eq(notificationTemplates.locale, key.locale),
    );
    if (body.reset) {
      await tx.delete(notificationTemplates).where(where);
      await audit(tx, actor, key, "notification.template_reset", {});
      return;
    }
    if (body.enabled !== undefined) await setEventEnabled(tx, key, body.enabled, actor);
    if (body.subject === undefined && body.body === undefined && body.template_code === undefined) return;
    const next = {
      subject: body.subject === undefined ? current.subject : body.subject || null,
      body: body.body ?? current.body,
      templateCode: body.template_code === undefined ? current.template_code : body.template_code || null,
    };
    assertTemplateText(key, next.subject, next.body);
    await tx
      .insert(notificationTemplates)
      .values({ ...key, ...next, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: [notificationTemplates.event, notificationTemplates.channel, notificationTemplates.locale],
        set: { ...next, updatedBy: actor.userId, updatedAt: sql`now()` },
      });
    await audit(tx, actor, key, "notification.template_updated", {
      ...(next.subject !== current.subject && { subject: { from: current.subject, to: next.subject } }),
      ...(next.body !== current.body && { body: { from: current.body, to: next.body } }),
      ...(next.templateCode !== current.template_code && { template_code: { from: current.template_code, to: next.templateCode } }),
    });
  });
  return getTemplate(key);
}

function audit(tx: DbOrTx, actor: Actor, key: Key, action: string, changed: Record<string, unknown>) {
  return writeAudit(tx, {
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action,
    targetType: "notification_template",
    targetId: templateId(key.event, key.channel, key.locale),
    details: { changed },
  });
}

/** The editor's live preview: the text rendered with sample values, and what is wrong with it. */
export function previewTemplate(input: Key & { subject?: string | null; body: string }) {
  const values = sampleValues(input.locale);
  const text = renderTemplate(input.body, values);
  const problems = [
    templateProblem(input.event, input.body),
    input.subject ? templateProblem(input.event, input.subject) : null,
    renderedProblem(input.channel, text),
  ].filter((p): p is string => p !== null);
  return {
    subject: input.subject ? renderTemplate(input.subject, values) : null,
    text,
    bytes: new TextEncoder().encode(text).length,
    max_bytes: channelLimits[input.channel].bytes,
    problems,
  };
}
