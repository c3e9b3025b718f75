import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * Outgoing notifications, one row per (event, channel, recipient): written when an event is consumed,
 * delivered by the delivery function, kept as the record admins read. The dedupe key names the subject,
 * its transition, the channel and the recipient, so consuming an event twice writes nothing new, and a
 * delivery claims its row with a lease so two deliveries never send one row together.
 *
 * pending → sending → sent; a failed attempt → failed (retried at next_attempt_at) … → dead after the
 * configured number of attempts; no_channel: rendered and recorded, but no provider is configured.
 */
export const notificationStatuses = ["pending", "sending", "sent", "failed", "dead", "no_channel"] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    /** A template event (lib/notifications/templates.ts), e.g. `ticket.assigned`. */
    event: text("event").notNull(),
    channel: text("channel").notNull(),
    locale: text("locale").notNull(),
    subjectType: text("subject_type", { enum: ["ticket", "project"] }).notNull(),
    /** The ticket's code or the project's id, for filters and links. */
    subjectRef: text("subject_ref").notNull(),
    /** customer, technician, staff, engineer, salesman, … */
    recipientRole: text("recipient_role").notNull(),
    recipientName: text("recipient_name"),
    /** A phone or e-mail masked for display; `group` for a WeChat Work group. */
    recipientMasked: text("recipient_masked").notNull(),
    /** The address itself (phone, e-mail), sealed (lib/crypto.ts); null for the group bot. */
    recipientEncrypted: text("recipient_encrypted"),
    /** The placeholder values, sealed: they carry names, addresses and access links. */
    valuesEncrypted: text("values_encrypted").notNull(),
    /** Mobiles to @-mention in the WeChat Work group, sealed; null when none. */
    mentionsEncrypted: text("mentions_encrypted"),
    status: text("status", { enum: notificationStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: until when the delivering process owns the row; past it, the sweep takes it back. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** The provider's own answer to the successful send (message id, `OK`, `250 …`). */
    providerMessage: text("provider_message"),
    /** What was (or would have been) sent, rendered from the template saved at send time. */
    renderedSubject: text("rendered_subject"),
    renderedText: text("rendered_text"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_due_idx").on(t.status, t.nextAttemptAt),
    index("notifications_created_idx").on(t.createdAt),
    index("notifications_subject_idx").on(t.subjectType, t.subjectRef),
    check("notifications_attempts_check", sql`${t.attempts} >= 0`),
  ],
);

/**
 * Templates the admins changed (seed 004's template manager). A template nobody changed is not stored:
 * its text is the default in lib/notifications/templates.ts, and "reset to default" deletes the row.
 */
export const notificationTemplates = pgTable(
  "notification_templates",
  {
    event: text("event").notNull(),
    channel: text("channel").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    /** SMS only: the provider's registered template code (Aliyun `SMS_…`). */
    templateCode: text("template_code"),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.event, t.channel, t.locale] })],
);

/** Short codes for links sent by SMS (`/s/{code}`): stored hashed, resolving to an existing access link. */
export const shortLinks = pgTable(
  "short_links",
  {
    codeHash: text("code_hash").primaryKey(),
    kind: text("kind", { enum: ["ticket", "project"] }).notNull(),
    /** The jti of the tracking link or project access link it opens; revoking that link closes this one. */
    linkJti: uuid("link_jti").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("short_links_expires_idx").on(t.expiresAt), index("short_links_jti_idx").on(t.linkJti)],
);
