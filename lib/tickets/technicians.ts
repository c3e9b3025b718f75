import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { serviceCenters, technicians, tickets, type TicketStatus } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { getDb, type DbOrTx } from "../db";
import { coversAppliance, type AssignmentCandidate } from "./auto-assign";
import type { TechnicianDto } from "./dto";
import { getTicketRowOrThrow, type TicketRow } from "./queries";

const LOAD_WINDOW = sql`now() - interval '7 days'`;

/**
 * The statuses in which an assigned ticket still holds its technician's time. BOOKED and CONFIRMED
 * never carry a technician (assigning moves a ticket to ASSIGNED); a COMPLETED or CANCELED visit no
 * longer needs them, so it does not block the slot.
 */
const slotHoldingStatuses: TicketStatus[] = ["ASSIGNED", "IN_PROGRESS"];

/** The ticket a technician list is read for: its appliance and slot decide coverage and clashes. */
type ForTicket = Pick<TicketRow["ticket"], "id" | "applianceType" | "appointmentDate" | "appointmentSlot">;

/**
 * Every technician with their 7-day load, for the assign picker and GET /api/technicians. Given a
 * ticket (that the actor may read), each also says whether their skills cover its appliance and
 * which job of theirs, if any, is in its date and slot. A technician sees only themself.
 */
export async function listTechnicians(
  opts: { activeOnly?: boolean; centerId?: string; ticketId?: string },
  actor: Actor,
): Promise<TechnicianDto[]> {
  if (actor.role === "technician" && !actor.technicianId) return [];
  const db = await getDb();
  const forTicket = opts.ticketId ? (await getTicketRowOrThrow(db, opts.ticketId, actor)).ticket : null;
  const rows = await selectWithLoad(db, forTicket)
    .where(
      and(
        opts.activeOnly ? eq(technicians.active, true) : undefined,
        opts.centerId ? eq(technicians.centerId, opts.centerId) : undefined,
        actor.role === "technician" ? eq(technicians.id, actor.technicianId!) : undefined,
      ),
    )
    .orderBy(asc(serviceCenters.name), asc(technicians.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone_masked: r.phoneMasked,
    center: { id: r.centerId, name: r.centerName },
    skills: r.skills,
    active: r.active,
    load_7d: r.load7d,
    ...(forTicket && {
      covers_appliance: coversAppliance(r.skills, forTicket.applianceType),
      same_slot_job: r.slotJob,
    }),
  }));
}

function selectWithLoad(db: DbOrTx, forTicket: ForTicket | null) {
  // Counted per technician through (technician_id, assigned_at): a short index range each, rather
  // than grouping every ticket assigned in the window across the whole table.
  const load = sql<number>`(
    select count(*)::int from ${tickets}
    where ${tickets.technicianId} = ${technicians.id} and ${tickets.assignedAt} >= ${LOAD_WINDOW}
  )`;
  // Served by (technician_id, appointment_date); the lowest code when there are several, so the
  // answer is stable. The ticket itself is not a clash with its own technician.
  const slotJob = forTicket
    ? sql<{ id: string; code: string } | null>`(
        select json_build_object('id', ${tickets.id}, 'code', ${tickets.code}) from ${tickets}
        where ${and(
          sql`${tickets.technicianId} = ${technicians.id}`,
          eq(tickets.appointmentDate, forTicket.appointmentDate),
          eq(tickets.appointmentSlot, forTicket.appointmentSlot),
          inArray(tickets.status, slotHoldingStatuses),
          ne(tickets.id, forTicket.id),
        )}
        order by ${tickets.code} limit 1
      )`
    : sql<null>`null`;
  return db
    .select({
      id: technicians.id,
      name: technicians.name,
      phoneMasked: technicians.phoneMasked,
      centerId: technicians.centerId,
      centerName: serviceCenters.name,
      skills: technicians.skills,
      active: technicians.active,
      load7d: load,
      slotJob,
    })
    .from(technicians)
    .innerJoin(serviceCenters, eq(serviceCenters.id, technicians.centerId));
}

/** Candidates for assigning `ticket` (all active ones, or the one picked by hand), read inside its transaction. */
export async function loadAssignmentCandidates(
  tx: DbOrTx,
  ticket: ForTicket,
  only: { technicianId: string } | null = null,
): Promise<AssignmentCandidate[]> {
  const rows = await selectWithLoad(tx, ticket).where(
    only ? eq(technicians.id, only.technicianId) : eq(technicians.active, true),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    centerId: r.centerId,
    active: r.active,
    load7d: Number(r.load7d),
    skills: r.skills,
    slotJob: r.slotJob?.code ?? null,
  }));
}
