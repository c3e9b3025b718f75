import "server-only";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { notifications, notificationStatuses, type NotificationStatus } from "@/db/schema";
import { getDb } from "../db";
import { AppError } from "../errors";
import { loadActiveChannels } from "./channel-settings";
import type { ListNotificationsQuery } from "./schemas";

/** `/admin/notifications`: every message, what it said, where it stands. Addresses stay masked. */

export interface NotificationDto {
  id: string;
  event: string;
  channel: string;
  locale: string;
  subject_type: "ticket" | "project";
  subject_ref: string;
  recipient_role: string;
  recipient_name: string | null;
  recipient: string;
  status: NotificationStatus;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  provider_message: string | null;
  rendered_subject: string | null;
  rendered_text: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A message's short link is the customer's key to their ticket or project: the log shows that a link
 * was sent, not the key itself (staff who may open it get it from the ticket or project page).
 */
const redactShortLinks = (text: string | null) => text && text.replace(/\/s\/[A-Za-z0-9]{10}\b/g, "/s/••••••");
const redactTokens = (text: string | null) => text && redactShortLinks(text)!.replace(/token=[\w.-]+/g, "token=••••••");

function toDto(row: typeof notifications.$inferSelect, maxAttempts: number): NotificationDto {
  return {
    id: row.id,
    event: row.event,
    channel: row.channel,
    locale: row.locale,
    subject_type: row.subjectType,
    subject_ref: row.subjectRef,
    recipient_role: row.recipientRole,
    recipient_name: row.recipientName,
    recipient: row.recipientMasked,
    status: row.status,
    attempts: row.attempts,
    max_attempts: maxAttempts,
    next_attempt_at: row.status === "pending" || row.status === "failed" ? row.nextAttemptAt.toISOString() : null,
    last_error: row.lastError,
    provider_message: row.providerMessage,
    rendered_subject: redactTokens(row.renderedSubject),
    rendered_text: redactTokens(row.renderedText),
    sent_at: row.sentAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listNotifications(query: ListNotificationsQuery) {
  const db = await getDb();
  const filters = (withStatus: boolean): SQL | undefined =>
    and(
      withStatus && query.status ? eq(notifications.status, query.status) : undefined,
      query.channel ? eq(notifications.channel, query.channel) : undefined,
      query.event ? eq(notifications.event, query.event) : undefined,
      query.subject ? eq(notifications.subjectRef, query.subject) : undefined,
    );
  const [rows, totals, channels] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(filters(true))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size),
    db.select({ status: notifications.status, n: count() }).from(notifications).where(filters(false)).groupBy(notifications.status),
    loadActiveChannels(db),
  ]);
  // Counts per status under the other filters: the status tabs say how many each would show.
  const counts = Object.fromEntries(notificationStatuses.map((s) => [s, totals.find((t) => t.status === s)?.n ?? 0])) as Record<
    NotificationStatus,
    number
  >;
  const total = query.status ? counts[query.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    items: rows.map((r) => toDto(r, channels.delivery.max_attempts)),
    total,
    page: query.page,
    page_size: query.page_size,
    counts,
  };
}

export async function getNotification(id: string): Promise<NotificationDto> {
  const db = await getDb();
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).limit(1);
  if (!row) throw new AppError("not_found", `No notification ${id}`);
  return toDto(row, (await loadActiveChannels(db)).delivery.max_attempts);
}
