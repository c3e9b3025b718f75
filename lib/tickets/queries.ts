import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  serviceCenters,
  technicians,
  ticketEvents,
  ticketImages,
  tickets,
  ticketStatuses,
  users,
  type TicketStatus,
} from "@/db/schema";
import { canActOnTicket, ownTicketsOnlyRoles, type Actor } from "../auth/permissions";
import { getDb, type DbOrTx } from "../db";
import { AppError } from "../errors";
import { iso, type TicketDetailDto, type TicketDto, type TicketListDto } from "./dto";
import type { ListTicketsQuery } from "./schemas";
import { actionsAllowedIn, transitionTable } from "./state-machine";

const assignedTech = alias(technicians, "assigned_tech");

/** The columns every ticket DTO is built from (ticket + center + assigned technician). */
export const ticketRowSelection = {
  ticket: tickets,
  centerName: serviceCenters.name,
  techName: assignedTech.name,
  techPhoneMasked: assignedTech.phoneMasked,
};

export type TicketRow = {
  ticket: typeof tickets.$inferSelect;
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

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function listConditions(query: Omit<ListTicketsQuery, "status" | "sort" | "page" | "page_size">, actor: Actor): SQL[] {
  const conditions: (SQL | undefined)[] = [visibilityFilter(actor)];
  if (query.technician_id === "unassigned") conditions.push(isNull(tickets.technicianId));
  else if (query.technician_id) conditions.push(eq(tickets.technicianId, query.technician_id));
  if (query.center_id) conditions.push(eq(tickets.centerId, query.center_id));
  if (query.date_from) conditions.push(gte(tickets.appointmentDate, query.date_from));
  if (query.date_to) conditions.push(lte(tickets.appointmentDate, query.date_to));
  if (query.q) conditions.push(keywordCondition(query.q));
  return conditions.filter((c): c is SQL => c !== undefined);
}

/**
 * Keyword search. Three or more characters: a substring of the code, name, last 4 phone digits or
 * address, served by the trigram index on search_text. Trigrams cannot serve one or two characters
 * (a two-character name like 王伟 is common), so a short keyword matches the start of the customer's
 * name instead, through its own prefix index, rather than scanning every ticket.
 */
function keywordCondition(q: string): SQL {
  const needle = likeEscape(q.toLowerCase());
  if ([...q].length < 3) return sql`lower(${tickets.customerName}) like ${`${needle}%`}`;
  return sql`${tickets.searchText} like ${`%${needle}%`}`;
}

const sortColumns = {
  appointment_date: [asc(tickets.appointmentDate), asc(tickets.appointmentSlot), asc(tickets.id)],
  "-appointment_date": [desc(tickets.appointmentDate), desc(tickets.appointmentSlot), desc(tickets.id)],
  created_at: [asc(tickets.createdAt), asc(tickets.id)],
  "-created_at": [desc(tickets.createdAt), desc(tickets.id)],
} as const;

/**
 * With a keyword, the same orders on expressions no index provides: otherwise the planner may walk the
 * date index hoping to meet 20 matches early, and reads the whole table when the matches are rare or old.
 * Sorting the (few) keyword matches found through the trigram index is always cheap.
 */
const keywordSortColumns = {
  appointment_date: [sql`${tickets.appointmentDate} + 0`, asc(tickets.appointmentSlot), asc(tickets.id)],
  "-appointment_date": [sql`${tickets.appointmentDate} + 0 desc`, desc(tickets.appointmentSlot), desc(tickets.id)],
  created_at: [sql`${tickets.createdAt} + interval '0 seconds'`, asc(tickets.id)],
  "-created_at": [sql`${tickets.createdAt} + interval '0 seconds' desc`, desc(tickets.id)],
} as const;

export async function listTickets(query: ListTicketsQuery, actor: Actor): Promise<TicketListDto> {
  const db = await getDb();
  const conditions = listConditions(query, actor);
  if (query.status?.length) conditions.push(inArray(tickets.status, query.status));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [totalRow]] = await Promise.all([
    selectTicketRows(db)
      .where(where)
      .orderBy(...(query.q ? keywordSortColumns : sortColumns)[query.sort])
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size),
    db.select({ total: count() }).from(tickets).where(where),
  ]);
  const total = totalRow?.total ?? 0;
  return {
    items: rows.map((r) => toTicketDto(r, actor)),
    total,
    page: query.page,
    page_size: query.page_size,
    page_count: Math.max(1, Math.ceil(total / query.page_size)),
  };
}

/** Tickets per status under the same filters (the status filter itself aside), for the list's tabs. */
export async function countTicketsByStatus(
  query: ListTicketsQuery,
  actor: Actor,
): Promise<Record<TicketStatus, number>> {
  const db = await getDb();
  const conditions = listConditions(query, actor);
  const rows = await db
    .select({ status: tickets.status, n: count() })
    .from(tickets)
    .where(conditions.length ? and(...conditions) : undefined)
    .groupBy(tickets.status);
  const counts = Object.fromEntries(ticketStatuses.map((s) => [s, 0])) as Record<TicketStatus, number>;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
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
