import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { notifications, projects, technicians, tickets, type TicketStatus } from "@/db/schema";
import { currentTrackingLink } from "../auth/customer-links";
import { decryptSecret, encryptSecret } from "../crypto";
import { getDb, type DbOrTx } from "../db";
import { linkBaseUrl } from "../http/base-url";
import enCommon from "../i18n/messages/en/common.json";
import enProject from "../i18n/messages/en/project.json";
import zhCommon from "../i18n/messages/zh-CN/common.json";
import zhProject from "../i18n/messages/zh-CN/project.json";
import type { projectStatusChangedData, ticketStatusChangedData } from "../jobs/events";
import { transactionWithEvents } from "../jobs/outbox";
import { issueAccessLink, projectLinkPath } from "../projects/access-links";
import { maskEmail, type ProjectContacts } from "../projects/cache";
import { maskPhone } from "../tickets/phone";
import { selectTicketRows } from "../tickets/queries";
import { loadActiveChannels } from "./channel-settings";
import { createShortLink } from "./short-links";
import type { NotificationChannel, NotificationEvent, NotificationLocale } from "./templates";

/**
 * Who is told what (issue "Notifications"): turns a consumed event into one outbox row per event,
 * channel and recipient, each with a dedupe key naming the subject's transition — consuming the same
 * event again writes nothing. The rows carry the placeholder values (sealed); the text is rendered from
 * the template saved when the row is sent. Each new row asks for its delivery in the same transaction.
 */

type NewNotification = {
  dedupeKey: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  subjectType: "ticket" | "project";
  subjectRef: string;
  recipientRole: string;
  recipientName: string | null;
  /** The phone or e-mail; null for the WeChat Work group. */
  address: string | null;
  /** Built only when the row is new (a link is a grant: no duplicates for a re-consumed event). */
  values: (db: DbOrTx) => Promise<Record<string, string>>;
  mentions?: string[];
};

const labels = {
  "zh-CN": { common: zhCommon, project: zhProject, canceledByCenter: "服务中心取消" },
  en: { common: enCommon, project: enProject, canceledByCenter: "canceled by the service center" },
} as const;

/**
 * Writes the rows that do not exist yet, leaving out the event × channel pairs switched off in the
 * template manager, and requests their delivery; returns the new rows' ids.
 */
async function writeNotifications(
  settings: { locale: NotificationLocale; disabled: string[] },
  all: NewNotification[],
): Promise<string[]> {
  const off = new Set(settings.disabled);
  const planned = all.filter((p) => !off.has(`${p.event}:${p.channel}`));
  const locale = settings.locale;
  if (!planned.length) return [];
  const db = await getDb();
  // A re-consumed event finds its rows and stops before building links it would throw away.
  const existing = await db
    .select({ key: notifications.dedupeKey })
    .from(notifications)
    .where(
      inArray(
        notifications.dedupeKey,
        planned.map((p) => p.dedupeKey),
      ),
    );
  const known = new Set(existing.map((r) => r.key));
  const fresh = planned.filter((p) => !known.has(p.dedupeKey));
  if (!fresh.length) return [];
  return transactionWithEvents(async (tx, emit) => {
    const ids: string[] = [];
    for (const p of fresh) {
      const [row] = await tx
        .insert(notifications)
        .values({
          dedupeKey: p.dedupeKey,
          event: p.event,
          channel: p.channel,
          locale,
          subjectType: p.subjectType,
          subjectRef: p.subjectRef,
          recipientRole: p.recipientRole,
          recipientName: p.recipientName,
          recipientMasked:
            p.address === null ? "group" : p.address.includes("@") ? maskEmail(p.address) : maskPhone(p.address),
          recipientEncrypted: p.address === null ? null : encryptSecret(p.address),
          valuesEncrypted: encryptSecret(JSON.stringify(await p.values(tx))),
          mentionsEncrypted: p.mentions?.length ? encryptSecret(JSON.stringify(p.mentions)) : null,
        })
        // Two consumers racing past the check above: the second one's row is simply not written.
        .onConflictDoNothing({ target: notifications.dedupeKey })
        .returning({ id: notifications.id });
      if (!row) continue;
      ids.push(row.id);
      await emit(
        { name: "notification/delivery.requested", data: { notificationId: row.id, channel: p.channel } },
        { id: `notify:${row.id}` },
      );
    }
    return ids;
  });
}

/** Which template events a ticket transition sends. */
function ticketEventsFor(from: TicketStatus | null, to: TicketStatus, action: string): NotificationEvent[] {
  if (from === null && to === "BOOKED") return ["ticket.booked", "ticket.booked_staff"];
  if (to === "CONFIRMED") return ["ticket.confirmed"];
  if (to === "ASSIGNED" && action === "assigned") return ["ticket.assigned", "ticket.assigned_technician"];
  if (to === "COMPLETED") return ["ticket.completed"];
  if (to === "CANCELED") return ["ticket.canceled", "ticket.canceled_staff"];
  return [];
}

export async function fanOutTicketChange(data: z.infer<typeof ticketStatusChangedData>): Promise<string[]> {
  const events = ticketEventsFor(data.from, data.to, data.action);
  if (!events.length) return [];
  const db = await getDb();
  const channels = await loadActiveChannels(db);
  const locale = channels.delivery.locale;
  const [row] = await selectTicketRows(db).where(eq(tickets.id, data.ticketId)).limit(1);
  if (!row) return [];
  const t = row.ticket;
  const [sealed] = await db.select({ phone: tickets.phoneEncrypted }).from(tickets).where(eq(tickets.id, t.id));
  const l = labels[locale];
  const base = linkBaseUrl();
  const common = {
    ticket_code: t.code,
    customer_name: t.customerName,
    appliance: (l.common.appliance as Record<string, string>)[t.applianceType] ?? t.applianceType,
    appointment_date: t.appointmentDate,
    appointment_window: t.appointmentSlot,
    district: `${t.city}${locale === "en" ? " " : ""}${t.district}`,
    address: `${t.city}${t.district}${t.address}`,
    admin_link: `${base}/admin/tickets/${t.id}`,
    cancel_reason: t.cancelReason ?? "",
    technician_name: row.techName ?? "",
  };
  const customerReason = t.canceledBy === "customer" ? (t.cancelReason ?? "") : l.canceledByCenter;
  let trackingLink: string | null = null;
  const withTracking = async (db: DbOrTx) => {
    if (!trackingLink) {
      const link = await currentTrackingLink(db, t.id);
      trackingLink = await createShortLink(db, { kind: "ticket", jti: link.jti, expiresAt: link.expiresAt });
    }
    return trackingLink;
  };
  // One key per transition: the ticket's version after it (a reassignment has its own version too).
  const key = (event: NotificationEvent, channel: NotificationChannel, recipient: string) =>
    `ticket:${t.id}:v${data.version}:${event}:${channel}:${recipient}`;

  const planned: NewNotification[] = [];
  for (const event of events) {
    if (event === "ticket.booked_staff" || event === "ticket.canceled_staff") {
      planned.push({
        dedupeKey: key(event, "wecom", "group"),
        event,
        channel: "wecom",
        subjectType: "ticket",
        subjectRef: t.code,
        recipientRole: "staff",
        recipientName: null,
        address: null,
        values: async () => common,
      });
    } else if (event === "ticket.assigned_technician") {
      if (!t.technicianId) continue;
      const [tech] = await db.select().from(technicians).where(eq(technicians.id, t.technicianId)).limit(1);
      if (!tech) continue;
      planned.push({
        dedupeKey: key(event, "sms", `technician:${tech.id}`),
        event,
        channel: "sms",
        subjectType: "ticket",
        subjectRef: t.code,
        recipientRole: "technician",
        recipientName: tech.name,
        address: decryptSecret(tech.phoneEncrypted),
        values: async () => ({ ...common, technician_name: tech.name }),
      });
    } else {
      planned.push({
        dedupeKey: key(event, "sms", "customer"),
        event,
        channel: "sms",
        subjectType: "ticket",
        subjectRef: t.code,
        recipientRole: "customer",
        recipientName: t.customerName,
        address: decryptSecret(sealed!.phone),
        values: async (db) => ({
          ...common,
          cancel_reason: customerReason,
          // A canceled ticket's tracking page has nothing left to do; the message says so instead.
          tracking_link: event === "ticket.canceled" ? "" : await withTracking(db),
        }),
      });
    }
  }
  return writeNotifications(channels.delivery, planned);
}

const projectChannel = { wechat: "wecom", sms: "sms", email: "email" } as const;

/**
 * A project's real status change, over the channels the project-sync config names: the customer by
 * SMS with their own access link, the engineer and salesman in the WeChat Work group (@-mentioned by
 * mobile) and each by e-mail when they have an address. No change, no event, no message.
 */
export async function fanOutProjectChange(data: z.infer<typeof projectStatusChangedData>): Promise<string[]> {
  if (!data.notify || !data.channels.length) return [];
  const event: NotificationEvent = "project.status_changed";
  const db = await getDb();
  const settings = await loadActiveChannels(db);
  const locale = settings.delivery.locale;
  const l = labels[locale];
  const [project] = await db.select().from(projects).where(eq(projects.id, data.projectId)).limit(1);
  const contacts: ProjectContacts = project?.contactsEncrypted
    ? JSON.parse(decryptSecret(project.contactsEncrypted))
    : { phone: null, people: [] };
  const contactOf = (id: string) => contacts.people.find((p) => p.id === id);
  const common = {
    project_id: data.projectId,
    project_title: data.title,
    project_type: l.project.types[data.projectType],
    old_status: l.project.statuses[data.from],
    new_status: l.project.statuses[data.to],
  };
  const staff = data.people.filter((p) => p.role !== "customer");
  const base = linkBaseUrl();
  const key = (channel: NotificationChannel, recipient: string) =>
    `project:${data.changeId}:${event}:${channel}:${recipient}`;
  const personalLink = async (
    db: DbOrTx,
    person: { role: "customer" | "engineer" | "salesman"; id: string; name: string },
  ) =>
    issueAccessLink(
      db,
      { projectId: data.projectId, accessType: person.role, userId: person.id, userName: person.name },
      null,
    );

  const planned: NewNotification[] = [];
  const channels = new Set(data.channels.map((c) => projectChannel[c as keyof typeof projectChannel]).filter(Boolean));
  if (channels.has("sms")) {
    for (const person of data.people.filter((p) => p.role === "customer")) {
      const phone = contactOf(person.id)?.phone ?? contacts.phone;
      if (!phone) continue;
      planned.push({
        dedupeKey: key("sms", `customer:${person.id}`),
        event,
        channel: "sms",
        subjectType: "project",
        subjectRef: data.projectId,
        recipientRole: "customer",
        recipientName: person.name,
        address: phone,
        values: async (db) => {
          const { row } = await personalLink(db, person);
          return {
            ...common,
            person_name: person.name,
            project_link: await createShortLink(db, { kind: "project", jti: row.jti, expiresAt: row.expiresAt }),
          };
        },
      });
    }
  }
  if (channels.has("wecom") && staff.length) {
    const mobiles = staff.map((p) => contactOf(p.id)?.phone).filter((m): m is string => !!m);
    planned.push({
      dedupeKey: key("wecom", "group"),
      event,
      channel: "wecom",
      subjectType: "project",
      subjectRef: data.projectId,
      recipientRole: "staff",
      recipientName: null,
      address: null,
      mentions: mobiles,
      values: async () => ({
        ...common,
        person_name: staff.map((p) => p.name).join(", "),
        project_link: `${base}/admin/projects`,
        mentions: staff.map((p) => `@${p.name}`).join(" "),
      }),
    });
  }
  if (channels.has("email")) {
    for (const person of staff) {
      const email = contactOf(person.id)?.email;
      if (!email) continue;
      planned.push({
        dedupeKey: key("email", `${person.role}:${person.id}`),
        event,
        channel: "email",
        subjectType: "project",
        subjectRef: data.projectId,
        recipientRole: person.role,
        recipientName: person.name,
        address: email,
        values: async (db) => {
          const { token } = await personalLink(db, person);
          return {
            ...common,
            person_name: person.name,
            project_link: `${base}${projectLinkPath(data.projectId, token)}`,
          };
        },
      });
    }
  }
  return writeNotifications(settings.delivery, planned);
}
