import "server-only";
import { and, asc, count, desc, eq, gte, ilike, isNotNull, isNull, lt, lte, notInArray, or, sql, type SQL } from "drizzle-orm";
import { externalSystems, workOrders } from "@/db/schema";
import { getDb, type DbOrTx } from "../db";
import { AppError } from "../errors";
import type { ListWorkOrdersQuery } from "./schemas";

/** A work order as the API shows it. */
export interface WorkOrderDto {
  id: number;
  system: { id: number; name: string; type: string };
  external_id: string;
  external_key: string;
  external_url: string | null;
  title: string;
  description?: string;
  status: string;
  raw_status: string;
  priority: string | null;
  raw_priority: string | null;
  assignee: string | null;
  requester: string | null;
  due_at: string | null;
  /** Past due and not resolved or closed. */
  is_overdue: boolean;
  external_created_at: string | null;
  external_updated_at: string | null;
  synced_at: string;
  deleted_at: string | null;
  note: string | null;
  local_assignee: string | null;
  tags: string[];
}

const DONE = ["resolved", "closed"] as const;

const columns = {
  row: workOrders,
  systemName: externalSystems.name,
  systemType: externalSystems.type,
};
type Row = { row: typeof workOrders.$inferSelect; systemName: string; systemType: string };

export function toWorkOrderDto(r: Row, withDescription = false, now = new Date()): WorkOrderDto {
  const w = r.row;
  return {
    id: w.id,
    system: { id: w.systemId, name: r.systemName, type: r.systemType },
    external_id: w.externalId,
    external_key: w.externalKey,
    external_url: w.externalUrl,
    title: w.title,
    ...(withDescription ? { description: w.description } : {}),
    status: w.status,
    raw_status: w.rawStatus,
    priority: w.priority,
    raw_priority: w.rawPriority,
    assignee: w.assignee,
    requester: w.requester,
    due_at: w.dueAt?.toISOString() ?? null,
    is_overdue: !!w.dueAt && w.dueAt.getTime() < now.getTime() && !DONE.includes(w.status as (typeof DONE)[number]),
    external_created_at: w.externalCreatedAt?.toISOString() ?? null,
    external_updated_at: w.externalUpdatedAt?.toISOString() ?? null,
    synced_at: w.syncedAt.toISOString(),
    deleted_at: w.deletedAt?.toISOString() ?? null,
    note: w.note,
    local_assignee: w.localAssignee,
    tags: w.tags,
  };
}

/** `%`, `_` and `\` in a keyword are literal characters, not patterns. */
const likeLiteral = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtersOf(q: ListWorkOrdersQuery): SQL[] {
  const where: SQL[] = [];
  if (q.include_deleted !== "true") where.push(isNull(workOrders.deletedAt));
  if (q.system_id) where.push(eq(workOrders.systemId, q.system_id));
  if (q.status) where.push(eq(workOrders.status, q.status));
  if (q.priority) where.push(eq(workOrders.priority, q.priority));
  if (q.assignee) where.push(or(ilike(workOrders.assignee, q.assignee), ilike(workOrders.localAssignee, q.assignee))!);
  if (q.due_before) where.push(lte(workOrders.dueAt, new Date(q.due_before)));
  if (q.due_after) where.push(gte(workOrders.dueAt, new Date(q.due_after)));
  if (q.external_id) where.push(or(eq(workOrders.externalId, q.external_id), eq(workOrders.externalKey, q.external_id))!);
  // Served by the trigram index on key || ' ' || title.
  if (q.q) where.push(sql`(${workOrders.externalKey} || ' ' || ${workOrders.title}) ilike ${likeLiteral(q.q)}`);
  return where;
}

const PRIORITY_RANK = sql`case ${workOrders.priority} when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 when 'low' then 1 else 0 end`;

function orderOf(sort: ListWorkOrdersQuery["sort"]) {
  const dir = sort.startsWith("-") ? desc : asc;
  const key = sort.replace(/^-/, "");
  const column =
    key === "due" ? workOrders.dueAt : key === "priority" ? PRIORITY_RANK : key === "created" ? workOrders.externalCreatedAt : workOrders.externalUpdatedAt;
  // Nulls last either way (a work order without a due date is not "most urgent"), then a stable tiebreak.
  return [sql`${column} is null`, dir(column), desc(workOrders.id)];
}

export async function listWorkOrders(q: ListWorkOrdersQuery, extra: SQL[] = []) {
  const db = await getDb();
  const where = and(...filtersOf(q), ...extra);
  const [{ n }] = (await db.select({ n: count() }).from(workOrders).where(where)) as [{ n: number }];
  const rows = await db
    .select(columns)
    .from(workOrders)
    .innerJoin(externalSystems, eq(externalSystems.id, workOrders.systemId))
    .where(where)
    .orderBy(...orderOf(q.sort))
    .limit(q.page_size)
    .offset((q.page - 1) * q.page_size);
  const now = new Date();
  return { count: n, results: rows.map((r) => toWorkOrderDto(r, false, now)) };
}

/** Past due and still open (resolved and closed ones are done, deleted ones gone). */
export const overdueFilter = (now = new Date()): SQL[] => [
  isNotNull(workOrders.dueAt),
  lt(workOrders.dueAt, now),
  notInArray(workOrders.status, [...DONE]),
];

/** Due within `days` from now and still open. */
export const dueSoonFilter = (days: number, now = new Date()): SQL[] => [
  gte(workOrders.dueAt, now),
  lte(workOrders.dueAt, new Date(now.getTime() + days * 86_400_000)),
  notInArray(workOrders.status, [...DONE]),
];

export async function getWorkOrderOrThrow(id: number, db?: DbOrTx): Promise<WorkOrderDto> {
  db ??= await getDb();
  const [row] = await db
    .select(columns)
    .from(workOrders)
    .innerJoin(externalSystems, eq(externalSystems.id, workOrders.systemId))
    .where(eq(workOrders.id, id))
    .limit(1);
  if (!row) throw new AppError("not_found", `No work order with id ${id}`);
  return toWorkOrderDto(row, true);
}

/** Seed 000's statistics: totals by system, status and priority, and how many are overdue or due soon. */
export async function workOrderStatistics(now = new Date()) {
  const db = await getDb();
  const live = isNull(workOrders.deletedAt);
  const [bySystem, byStatus, byPriority, [overdue], [dueSoon], [total]] = await Promise.all([
    db
      .select({ system_id: externalSystems.id, system_name: externalSystems.name, type: externalSystems.type, count: count(workOrders.id) })
      .from(externalSystems)
      .leftJoin(workOrders, and(eq(workOrders.systemId, externalSystems.id), live))
      .groupBy(externalSystems.id, externalSystems.name, externalSystems.type)
      .orderBy(externalSystems.name),
    db.select({ status: workOrders.status, count: count() }).from(workOrders).where(live).groupBy(workOrders.status),
    db.select({ priority: workOrders.priority, count: count() }).from(workOrders).where(live).groupBy(workOrders.priority),
    db.select({ n: count() }).from(workOrders).where(and(live, ...overdueFilter(now))),
    db.select({ n: count() }).from(workOrders).where(and(live, ...dueSoonFilter(3, now))),
    db.select({ n: count() }).from(workOrders).where(live),
  ]);
  return {
    total: total!.n,
    overdue: overdue!.n,
    due_within_3_days: dueSoon!.n,
    by_system: bySystem,
    by_status: Object.fromEntries(byStatus.map((s) => [s.status, s.count])),
    by_priority: Object.fromEntries(byPriority.map((p) => [p.priority ?? "none", p.count])),
  };
}
