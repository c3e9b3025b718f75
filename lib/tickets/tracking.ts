import "server-only";
import { aliasedTable, and, asc, eq, isNotNull, isNull, or } from "drizzle-orm";
import { serviceCenters, technicians, ticketEvents, ticketImages, tickets, type TicketStatus } from "@/db/schema";
import {
  currentTrackingLink,
  issueTrackingLink,
  revokeTrackingLinks,
  verifyTrackingToken,
} from "../auth/customer-links";
import { canActOnTicket, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { decryptSecret } from "../crypto";
import { getDb, type DbOrTx } from "../db";
import { consumeRateLimit } from "../rate-limit";
import { AppError } from "../errors";
import { readStoredImage } from "./images";
import { getTicketRowOrThrow } from "./queries";
import { customerCancellableStatuses } from "./state-machine";
import { cancelTicketByCustomer } from "./transitions";

/** What a customer sees on /track/[token]: their own ticket, nothing internal (no staff names, no notes). */
export interface TrackingView {
  code: string;
  status: TicketStatus;
  appliance_type: string;
  appointment_date: string;
  appointment_slot: string;
  center_name: string;
  /** The service center's hotline, as written by the operator (null until one is set). */
  center_phone: string | null;
  address: string;
  /** `phone` only while the technician is on the way or at work (ASSIGNED, IN_PROGRESS). */
  technician: { name: string; phone: string | null } | null;
  /** Photos of the finished job, only once COMPLETED; each URL carries this link's token. */
  images: TrackedImage[];
  timeline: { status: TicketStatus; at: string }[];
  cancel_reason: string | null;
  can_cancel: boolean;
}

export interface TrackedImage {
  id: string;
  kind: "RECEIPT" | "ISSUE";
  url: string;
  thumbnail_url: string;
}

/**
 * The technician's number is for reaching them about this visit: it is shown to the holder of the
 * ticket's link only while the visit is ahead or under way, and not before (no technician yet) or after
 * (the job is done or canceled; the hotline takes over).
 */
const technicianReachableIn: readonly TicketStatus[] = ["ASSIGNED", "IN_PROGRESS"];

/**
 * Which photos the customer may see, and when: the completion receipts (proof of the work done at
 * their home, often a signed service sheet that is theirs to keep) and the fault photos they sent
 * themselves (uploaded with no staff user). Nothing before COMPLETED: receipts taken during the job
 * may still be retaken or wrong, and staff uploads other than receipts are internal.
 */
const customerVisibleImage = or(
  eq(ticketImages.kind, "RECEIPT"),
  and(eq(ticketImages.kind, "ISSUE"), isNull(ticketImages.uploadedByUserId)),
);

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

const assignedTech = aliasedTable(technicians, "tracked_tech");

async function readTrackingView(token: string): Promise<TrackingView> {
  const ticketId = await verifyTrackingToken(token);
  if (!ticketId) throw invalidLink();
  const db = await getDb();
  const [row] = await db
    .select({
      ticket: tickets,
      centerName: serviceCenters.name,
      centerPhone: serviceCenters.phone,
      techName: assignedTech.name,
      techPhone: assignedTech.phoneEncrypted,
    })
    .from(tickets)
    .innerJoin(serviceCenters, eq(serviceCenters.id, tickets.centerId))
    .leftJoin(assignedTech, eq(assignedTech.id, tickets.technicianId))
    .where(eq(tickets.id, ticketId))
    .limit(1);
  if (!row) throw invalidLink();
  const t = row.ticket;
  const [changes, images] = await Promise.all([
    db
      .select({ to: ticketEvents.toStatus, from: ticketEvents.fromStatus, at: ticketEvents.createdAt })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), isNotNull(ticketEvents.toStatus)))
      .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id)),
    t.status === "COMPLETED" ? visibleImages(db, ticketId) : [],
  ]);
  const base = `/api/public/track/${encodeURIComponent(token)}/images`;
  return {
    code: t.code,
    status: t.status,
    appliance_type: t.applianceType,
    appointment_date: t.appointmentDate,
    appointment_slot: t.appointmentSlot,
    center_name: row.centerName,
    center_phone: row.centerPhone,
    address: t.address,
    technician:
      t.technicianId && row.techName
        ? {
            name: row.techName,
            phone: technicianReachableIn.includes(t.status) && row.techPhone ? decryptSecret(row.techPhone) : null,
          }
        : null,
    images: images.map((i) => ({
      id: i.id,
      kind: i.kind,
      url: `${base}/${i.id}`,
      thumbnail_url: `${base}/${i.id}?size=thumb`,
    })),
    timeline: changes.filter((c) => c.to && c.to !== c.from).map((c) => ({ status: c.to!, at: c.at.toISOString() })),
    // A staff reason may be internal; the customer sees their own words only.
    cancel_reason: t.canceledBy === "customer" ? t.cancelReason : null,
    can_cancel: customerCancellableStatuses.includes(t.status),
  };
}

function visibleImages(db: DbOrTx, ticketId: string) {
  return db
    .select({ id: ticketImages.id, kind: ticketImages.kind })
    .from(ticketImages)
    .where(and(eq(ticketImages.ticketId, ticketId), customerVisibleImage))
    .orderBy(asc(ticketImages.createdAt), asc(ticketImages.id));
}

/**
 * A photo's bytes for the tracking page. The link's token is the credential: the photo must belong to
 * the token's ticket, the ticket must be COMPLETED and the photo one the customer may see. Every other
 * case (bad link, another ticket's photo, an internal photo, not completed yet) answers the same 404.
 * Not counted against the lookup limit: a forged token fails its signature check before any database
 * work, and a real one reaches only its own few photos (which the browser caches).
 */
export async function readTrackedImage(token: string, imageId: string, size: "full" | "thumb") {
  const notFound = () => new AppError("not_found", "Image not found");
  const ticketId = await verifyTrackingToken(token);
  if (!ticketId) throw notFound();
  const db = await getDb();
  const [image] = await db
    .select({
      id: ticketImages.id,
      kind: ticketImages.kind,
      mime: ticketImages.mime,
      storageKey: ticketImages.storageKey,
      thumbnailKey: ticketImages.thumbnailKey,
    })
    .from(ticketImages)
    .innerJoin(tickets, eq(tickets.id, ticketImages.ticketId))
    .where(
      and(
        eq(ticketImages.id, imageId),
        eq(ticketImages.ticketId, ticketId),
        eq(tickets.status, "COMPLETED"),
        customerVisibleImage,
      ),
    )
    .limit(1);
  if (!image) throw notFound();
  return readStoredImage(image, size, notFound);
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
