import "server-only";
import { asc, eq, isNotNull, and } from "drizzle-orm";
import { ticketEvents, type TicketStatus } from "@/db/schema";
import {
  currentTrackingLink,
  issueTrackingLink,
  revokeTrackingLinks,
  verifyTrackingToken,
} from "../auth/customer-links";
import { canActOnTicket, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { getDb } from "../db";
import { consumeRateLimit } from "../rate-limit";
import { AppError } from "../errors";
import { getTicketRowOrThrow, selectTicketRows } from "./queries";
import { customerCancellableStatuses } from "./state-machine";
import { cancelTicketByCustomer } from "./transitions";
import { tickets } from "@/db/schema";

/** What a customer sees on /track/[token]: their own ticket, nothing internal (no staff names, no notes). */
export interface TrackingView {
  code: string;
  status: TicketStatus;
  appliance_type: string;
  appointment_date: string;
  appointment_slot: string;
  center_name: string;
  address: string;
  technician: { name: string; phone_masked: string } | null;
  timeline: { status: TicketStatus; at: string }[];
  cancel_reason: string | null;
  can_cancel: boolean;
}

const invalidLink = () => new AppError("not_found", "This tracking link is invalid or has expired");

/**
 * Tracking lookups per client address. Tokens are signed, so guessing is hopeless anyway; the limit
 * keeps a flood of lookups from one place off the database (docs/security.md: public endpoints are limited).
 */
async function limitTrackingLookups(ip: string) {
  if (!(await consumeRateLimit(`track:ip:${ip}`, { limit: 120, windowSeconds: 600 }))) {
    throw new AppError("rate_limited", "Too many tracking requests from this network; try again in a few minutes", {
      retry_after_seconds: 600,
    });
  }
}

export async function getTrackingView(token: string, ctx: { ip: string }): Promise<TrackingView> {
  await limitTrackingLookups(ctx.ip);
  return readTrackingView(token);
}

async function readTrackingView(token: string): Promise<TrackingView> {
  const ticketId = await verifyTrackingToken(token);
  if (!ticketId) throw invalidLink();
  const db = await getDb();
  const [row] = await selectTicketRows(db).where(eq(tickets.id, ticketId)).limit(1);
  if (!row) throw invalidLink();
  const t = row.ticket;
  const changes = await db
    .select({ to: ticketEvents.toStatus, from: ticketEvents.fromStatus, at: ticketEvents.createdAt })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), isNotNull(ticketEvents.toStatus)))
    .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id));
  return {
    code: t.code,
    status: t.status,
    appliance_type: t.applianceType,
    appointment_date: t.appointmentDate,
    appointment_slot: t.appointmentSlot,
    center_name: row.centerName,
    address: t.address,
    technician: t.technicianId && row.techName ? { name: row.techName, phone_masked: row.techPhoneMasked ?? "" } : null,
    timeline: changes.filter((c) => c.to && c.to !== c.from).map((c) => ({ status: c.to!, at: c.at.toISOString() })),
    // A staff reason may be internal; the customer sees their own words only.
    cancel_reason: t.canceledBy === "customer" ? t.cancelReason : null,
    can_cancel: customerCancellableStatuses.includes(t.status),
  };
}

export async function cancelByTrackingToken(token: string, reason: string, ctx: { ip: string }): Promise<TrackingView> {
  await limitTrackingLookups(ctx.ip);
  const ticketId = await verifyTrackingToken(token);
  if (!ticketId) throw invalidLink();
  await cancelTicketByCustomer(ticketId, reason);
  return readTrackingView(token);
}

/** Staff: the ticket's live tracking link (to resend it), issuing one if none is live. */
export async function getTrackingLinkForStaff(ticketId: string, actor: Actor, baseUrl: string) {
  const db = await getDb();
  const row = await getTicketRowOrThrow(db, ticketId, actor);
  if (!canActOnTicket(actor, "tickets.write", row.ticket.technicianId))
    throw new AppError("forbidden", "You may not share this ticket's tracking link");
  const link = await currentTrackingLink(db, ticketId);
  return { url: `${baseUrl}/track/${link.token}`, expires_at: link.expiresAt.toISOString() };
}

/** Staff: revoke every live link (e.g. sent to the wrong person) and issue a fresh one. */
export async function rotateTrackingLink(ticketId: string, actor: Actor, baseUrl: string) {
  const db = await getDb();
  const row = await getTicketRowOrThrow(db, ticketId, actor);
  if (!canActOnTicket(actor, "tickets.write", row.ticket.technicianId))
    throw new AppError("forbidden", "You may not revoke this ticket's tracking links");
  return db.transaction(async (tx) => {
    const revoked = await revokeTrackingLinks(tx, ticketId);
    const link = await issueTrackingLink(tx, ticketId);
    await writeAudit(tx, {
      actorUserId: actor.userId,
      actorLabel: actor.email,
      action: "ticket.tracking_links_revoked",
      targetType: "ticket",
      targetId: ticketId,
      details: { code: row.ticket.code, revoked },
    });
    return { url: `${baseUrl}/track/${link.token}`, expires_at: link.expiresAt.toISOString(), revoked };
  });
}
