import "server-only";
import { and, asc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { serviceCenters, technicians, ticketEvents, ticketImages, tickets, users } from "@/db/schema";
import { canActOnTicket, ownTicketsOnlyRoles, type Actor } from "../auth/permissions";
import { getDb, type DbOrTx } from "../db";
import { AppError } from "../errors";
import { iso, type TicketDetailDto, type TicketDto, type TicketNoteDto } from "./dto";
import { actionsAllowedIn, transitionTable } from "./state-machine";

/** The assigned technician, joined under its own name (tickets also join technicians elsewhere). */
export const assignedTech = alias(technicians, "assigned_tech");

/**
 * The ticket columns a DTO or a state change needs. Not the search haystack, the phone hash or its
 * ciphertext: list pages read thousands of rows an hour, and the phone is read only when revealed.
 */
const {
  searchText: _searchText,
  phoneHash: _phoneHash,
  phoneEncrypted: _phoneEncrypted,
  ...ticketColumns
} = getTableColumns(tickets);

/** The columns every ticket DTO is built from (ticket + center + assigned technician). */
export const ticketRowSelection = {
  ticket: ticketColumns,
  centerName: serviceCenters.name,
  techName: assignedTech.name,
  techPhoneMasked: assignedTech.phoneMasked,
};

export type TicketRow = {
  ticket: Omit<typeof tickets.$inferSelect, "searchText" | "phoneHash" | "phoneEncrypted">;
  centerName: string;
  techName: string | null;
  techPhoneMasked: string | null;
};

export function selectTicketRows(db: DbOrTx) {
  return db
    .select(ticketRowSelection)
    .from(tickets)
    .innerJoin(serviceCenters, eq(serviceCenters.id, tickets.centerId))
    .leftJoin(assignedTech, eq(assignedTech.id, tickets.technicianId));
}

export function toTicketDto(row: TicketRow, actor: Actor | null): TicketDto {
  const t = row.ticket;
  return {
    id: t.id,
    code: t.code,
    status: t.status,
    version: t.version,
    customer_name: t.customerName,
    phone_masked: t.phoneMasked,
    city: t.city,
    district: t.district,
    address: t.address,
    center: { id: t.centerId, name: row.centerName },
    appliance_type: t.applianceType,
    appliance_model: t.applianceModel,
    issue_desc: t.issueDesc,
    appointment_date: t.appointmentDate,
    appointment_slot: t.appointmentSlot,
    technician: t.technicianId
      ? { id: t.technicianId, name: row.techName ?? "", phone_masked: row.techPhoneMasked ?? "" }
      : null,
    cancel_reason: t.cancelReason,
    canceled_by: t.canceledBy,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    confirmed_at: iso(t.confirmedAt),
    assigned_at: iso(t.assignedAt),
    started_at: iso(t.startedAt),
    completed_at: iso(t.completedAt),
    canceled_at: iso(t.canceledAt),
    allowed_actions: actor
      ? actionsAllowedIn(t.status).filter((a) => canActOnTicket(actor, transitionTable[a].permission, t.technicianId))
      : [],
  };
}

/** Technicians see only their own tickets; everyone else with tickets.read sees all. */
export function visibilityFilter(actor: Actor): SQL | undefined {
  if (!ownTicketsOnlyRoles.includes(actor.role)) return undefined;
  return actor.technicianId ? eq(tickets.technicianId, actor.technicianId) : sql`false`;
}

/** A ticket the actor may see, or not_found (also for tickets that exist but are someone else's). */
export async function getTicketRowOrThrow(db: DbOrTx, id: string, actor: Actor): Promise<TicketRow> {
  const visible = visibilityFilter(actor);
  const [row] = await selectTicketRows(db)
    .where(visible ? and(eq(tickets.id, id), visible) : eq(tickets.id, id))
    .limit(1);
  if (!row) throw new AppError("not_found", "Ticket not found");
  return row;
}

/** A note is an event of its own (no status change), so it sits in the timeline where it was written. */
export const NOTE_ACTION = "note_added";

export const toNoteDto = (e: typeof ticketEvents.$inferSelect): TicketNoteDto => ({
  id: e.id,
  body: typeof e.details.body === "string" ? e.details.body : "",
  author: e.actorLabel,
  created_at: e.createdAt.toISOString(),
});

export async function getTicketDetail(id: string, actor: Actor): Promise<TicketDetailDto> {
  const db = await getDb();
  const row = await getTicketRowOrThrow(db, id, actor);
  const [images, events] = await Promise.all([
    db
      .select({ image: ticketImages, uploader: users.name })
      .from(ticketImages)
      .leftJoin(users, eq(users.id, ticketImages.uploadedByUserId))
      .where(eq(ticketImages.ticketId, id))
      .orderBy(asc(ticketImages.createdAt)),
    db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, id))
      .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id)),
  ]);
  return {
    ...toTicketDto(row, actor),
    receipt_count: images.filter((i) => i.image.kind === "RECEIPT").length,
    images: images.map(({ image, uploader }) => ({
      id: image.id,
      kind: image.kind,
      mime: image.mime,
      size_bytes: image.sizeBytes,
      width: image.width,
      height: image.height,
      url: `/api/files/ticket-receipt/${image.id}`,
      thumbnail_url: `/api/files/ticket-receipt/${image.id}?size=thumb`,
      uploaded_by: uploader ?? (image.uploadedByUserId ? null : "customer"),
      created_at: image.createdAt.toISOString(),
    })),
    notes: events.filter((e) => e.action === NOTE_ACTION).map(toNoteDto),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      actor: { type: e.actorType, label: e.actorLabel },
      from_status: e.fromStatus,
      to_status: e.toStatus,
      details: e.details,
      created_at: e.createdAt.toISOString(),
    })),
  };
}
