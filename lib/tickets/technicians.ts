import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { serviceCenters, technicians, tickets } from "@/db/schema";
import { getDb, type DbOrTx } from "../db";
import type { AssignmentCandidate } from "./auto-assign";
import type { TechnicianDto } from "./dto";

const LOAD_WINDOW = sql`now() - interval '7 days'`;

/** Every technician with their 7-day load, for the assign picker and GET /api/technicians. */
export async function listTechnicians(
  opts: { activeOnly?: boolean; centerId?: string } = {},
): Promise<TechnicianDto[]> {
  const db = await getDb();
  const rows = await selectWithLoad(db)
    .where(
      and(
        opts.activeOnly ? eq(technicians.active, true) : undefined,
        opts.centerId ? eq(technicians.centerId, opts.centerId) : undefined,
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
  }));
}

function selectWithLoad(db: DbOrTx) {
  // Counted per technician through (technician_id, assigned_at): a short index range each, rather
  // than grouping every ticket assigned in the window across the whole table.
  const load = sql<number>`(
    select count(*)::int from ${tickets}
    where ${tickets.technicianId} = ${technicians.id} and ${tickets.assignedAt} >= ${LOAD_WINDOW}
  )`;
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
    })
    .from(technicians)
    .innerJoin(serviceCenters, eq(serviceCenters.id, technicians.centerId));
}

/** Candidates for auto-assignment, read inside the assigning transaction. */
export async function loadAssignmentCandidates(tx: DbOrTx): Promise<AssignmentCandidate[]> {
  const rows = await selectWithLoad(tx).where(eq(technicians.active, true));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    centerId: r.centerId,
    active: r.active,
    load7d: Number(r.load7d),
  }));
}

export async function getTechnicianById(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(technicians).where(eq(technicians.id, id)).limit(1);
  return row ?? null;
}
