import "server-only";
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
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
import { executeRows, getDb, type DbOrTx } from "../db";
import { AppError } from "../errors";
import { iso, type TicketDetailDto, type TicketDto, type TicketListDto, type TicketNoteDto } from "./dto";
import type { ListTicketsQuery } from "./schemas";
import { actionsAllowedIn, transitionTable } from "./state-machine";

const assignedTech = alias(technicians, "assigned_tech");

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

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type KeywordOptions = { useIndex: boolean; bookingDays?: boolean };

/**
 * The list's filters as conditions (the status filter only when the query has one: the per-status
 * counts leave it out). `keyword` says how the keyword is matched (keywordCondition).
 */
function listConditions(
  query: Omit<ListTicketsQuery, "status" | "sort" | "page" | "page_size"> & { status?: TicketStatus[] },
  actor: Actor,
  keyword: KeywordOptions = { useIndex: true },
): SQL[] {
  const conditions: (SQL | undefined)[] = [visibilityFilter(actor)];
  if (query.technician_id === "unassigned") conditions.push(isNull(tickets.technicianId));
  else if (query.technician_id) conditions.push(eq(tickets.technicianId, query.technician_id));
  if (query.center_id) conditions.push(eq(tickets.centerId, query.center_id));
  if (query.date_from) conditions.push(gte(tickets.appointmentDate, query.date_from));
  if (query.date_to) conditions.push(lte(tickets.appointmentDate, query.date_to));
  if (query.q) conditions.push(keywordCondition(query.q, keyword));
  if (query.status?.length) conditions.push(inArray(tickets.status, query.status));
  return conditions.filter((c): c is SQL => c !== undefined);
}

const allOf = (conditions: SQL[]) => (conditions.length ? and(...conditions) : undefined);

/**
 * Keyword search. A keyword shaped like a ticket code (`TK` + digits, in the code's alphabet) is a code
 * prefix: a range of the code's own index, kept to the booking days its digits name (so a walk in
 * creation order jumps there instead of reading every later ticket first). Any other keyword of three
 * or more characters is a substring of the code, name, last 4 phone digits or address, served by the
 * trigram index on search_text. Trigrams cannot serve one or two characters (a two-character name like
 * 王伟 is common), so a short keyword matches the start of the customer's name instead, through its own
 * prefix index, rather than scanning every ticket.
 * `useIndex: false` hides the column from the index choice, leaving the planner the walk in sort order.
 */
function keywordCondition(q: string, opts: KeywordOptions): SQL {
  const code = codePrefixOf(q);
  if (code) {
    const pattern = `${likeEscape(code.prefix)}%`;
    const match = opts.useIndex ? sql`${tickets.code} like ${pattern}` : sql`(${tickets.code} || '') like ${pattern}`;
    if (opts.bookingDays === false) return match;
    return and(match, gte(tickets.createdAt, code.bookedFrom), lt(tickets.createdAt, code.bookedTo))!;
  }
  const needle = substringNeedle(q);
  if (!needle) return sql`lower(${tickets.customerName}) like ${`${likeEscape(q.toLowerCase())}%`}`;
  // strpos finds the same substring as the LIKE, but no index serves it and the planner assumes it
  // matches a third of the rows: it then walks the sort index, which meets a page of a common
  // keyword's matches at once. (A LIKE on an expression is estimated from the pattern's length
  // instead — a few dozen matches — and a small table would be read whole and sorted.)
  return opts.useIndex
    ? sql`${tickets.searchText} like ${`%${likeEscape(needle)}%`}`
    : sql`strpos(${tickets.searchText}, ${needle}) > 0`;
}

/** The lower-cased keyword when it is searched as a substring of search_text (trigram index), or null. */
function substringNeedle(q: string): string | null {
  if ([...q].length < 3 || codePrefixOf(q)) return null;
  return q.toLowerCase();
}

/** Codes are `TK` + yymmdd + 5 characters of this alphabet (codes.ts); a keyword that could begin one. */
const CODE_PREFIX = /^TK\d{2}[0-9A-HJKMNP-TV-Z]{0,9}$/;

/** The code prefix a keyword names (upper-cased) and its booking days, or null when it is not one. */
export function codePrefixOf(q: string): { prefix: string; bookedFrom: Date; bookedTo: Date } | null {
  const prefix = q.trim().toUpperCase();
  if (!CODE_PREFIX.test(prefix)) return null;
  const days = bookingDaysOfCodePrefix(prefix);
  return days ? { prefix, bookedFrom: days.from, bookedTo: days.to } : null;
}

/**
 * Ticket codes are `TK` + booking day (yymmdd, service time zone) + random: a keyword `TK2602` or
 * `TK260214` names the booking year/month/day. Returns that span widened by a day each side (time zone
 * and midnight slack), or null when the keyword is not such a prefix.
 */
export function bookingDaysOfCodePrefix(q: string): { from: Date; to: Date } | null {
  const m = /^tk(\d{2})(\d{2})?(\d{2})?/i.exec(q.trim());
  if (!m) return null;
  const year = 2000 + Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if ((month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) return null;
  const from = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  const to =
    day !== null
      ? Date.UTC(year, month! - 1, day + 1)
      : month !== null
        ? Date.UTC(year, month, 1)
        : Date.UTC(year + 1, 0, 1);
  const slack = 86_400_000;
  return { from: new Date(from - slack), to: new Date(to + slack) };
}

const sortColumns = {
  appointment_date: [asc(tickets.appointmentDate), asc(tickets.appointmentSlot), asc(tickets.id)],
  "-appointment_date": [desc(tickets.appointmentDate), desc(tickets.appointmentSlot), desc(tickets.id)],
  created_at: [asc(tickets.createdAt), asc(tickets.id)],
  "-created_at": [desc(tickets.createdAt), desc(tickets.id)],
} as const;

/** Up to this many matches, gathering and sorting them all (from the filter's own index) beats walking an index in sort order. */
const SORT_MATCHES_MAX_ROWS = 20_000;

/**
 * A keyword matching more tickets than this is "common" (a big road's name): its page is found by
 * walking the sort index (matches are everywhere, 20 come at once) and its count stops here
 * (`total_is_capped`). A rarer keyword is found through its index, counted exactly and sorted.
 */
export const KEYWORD_COUNT_CAP = 2_000;

/**
 * One page of tickets and the total, as SQL only (no DTOs). The plan is chosen here, because the
 * planner, left alone, misjudges correlated filters (status with a date window) and rare or old
 * matches and may walk most of the table to fill one page:
 * - a filter (a status and date window, a rare keyword…) with few matches: one statement gathers
 *   them through the filter's own index, counts them and sorts out the page (pageOfFewMatches);
 * - many matches (no filter, a broad one, a common keyword): walk the sort column's index, which meets
 *   a page of matches almost at once.
 * Exported so the benchmark's SQL baseline runs exactly this.
 */
export async function queryTicketPage(
  db: DbOrTx,
  query: ListTicketsQuery,
  actor: Actor,
  /** Tests lower it to take the many-matches plan on a small table; both plans answer the same. */
  { fewMatchesMax = SORT_MATCHES_MAX_ROWS }: { fewMatchesMax?: number } = {},
): Promise<{ rows: TicketRow[]; total: number; totalIsCapped: boolean }> {
  const conditions = listConditions(query, actor);
  const where = allOf(conditions);
  const offset = (query.page - 1) * query.page_size;

  if (query.q !== undefined) {
    const keyword = query.q;
    const needle = substringNeedle(keyword);
    if (needle && !commonKeywords.knows(db, keyword)) {
      // Most keywords are rare: one statement finds them, counts them and pages them, and tells
      // when the keyword turns out to be common instead.
      const others = allOf(listConditions({ ...query, q: undefined }, actor));
      const few = await pageOfFewMatches(db, others, query, offset, fewMatchesMax, needle);
      if (few === "common keyword") commonKeywords.learn(db, keyword);
      else if (few) return { ...few, totalIsCapped: false };
      else return exactPageInSortOrder(db, where, query, actor, offset);
    }
    if (commonKeywords.knows(db, keyword) || (!needle && (await estimatedCommon(db, keyword))))
      return commonKeywordPage(db, query, actor, conditions, offset);
  }
  if (where) {
    const few = await pageOfFewMatches(db, where, query, offset, fewMatchesMax);
    if (few && few !== "common keyword") return { ...few, totalIsCapped: false };
  }
  return exactPageInSortOrder(db, where, query, actor, offset);
}

/** Many matches: count them all, then walk the sort index to the page. */
async function exactPageInSortOrder(
  db: DbOrTx,
  where: SQL | undefined,
  query: ListTicketsQuery,
  actor: Actor,
  offset: number,
): Promise<{ rows: TicketRow[]; total: number; totalIsCapped: boolean }> {
  const total = await exactCount(db, where);
  if (offset >= total) return { rows: [], total, totalIsCapped: false };
  return { rows: await walkInSortOrder(db, query, actor, offset), total, totalIsCapped: false };
}

/**
 * A common keyword's page: walk the sort index (its matches are everywhere, a page comes at once) and
 * count only up to the cap. A keyword alone that is known to be common needs no count at all.
 */
async function commonKeywordPage(
  db: DbOrTx,
  query: ListTicketsQuery,
  actor: Actor,
  conditions: SQL[],
  offset: number,
): Promise<{ rows: TicketRow[]; total: number; totalIsCapped: boolean }> {
  const keyword = query.q!;
  const keywordAlone = conditions.length === 1;
  let count = { total: KEYWORD_COUNT_CAP, capped: true };
  if (!(keywordAlone && commonKeywords.knows(db, keyword))) {
    // A code prefix without its booking days (every ticket of that prefix has them anyway: its
    // code was drawn on that day): the count is then a range of the code index alone.
    count = await cappedCount(db, allOf(listConditions(query, actor, { useIndex: true, bookingDays: false })));
    if (keywordAlone && count.capped) commonKeywords.learn(db, keyword);
  }
  if (!count.capped && offset >= count.total) return { rows: [], total: count.total, totalIsCapped: false };
  return { rows: await walkInSortOrder(db, query, actor, offset), ...count, totalIsCapped: count.capped };
}

/**
 * Count and page in one statement and one pass over the filter's index: up to maxMatches + 1
 * matches are gathered (only the columns the sort needs, which the filter indexes carry for the
 * creation-time sorts), counted, and the page is sorted out of them. The counts come back even when
 * the page is empty (past the last match). null when there are more matches than maxMatches (walking
 * the sort order is then cheaper).
 * With a keyword `needle`, `where` holds the other filters, tested on the keyword's own matches (at
 * most KEYWORD_COUNT_CAP + 1 rows, found once through the trigram index by ticket_keyword_rows,
 * migration 0005); "common keyword" when it has more than the cap.
 */
async function pageOfFewMatches(
  db: DbOrTx,
  where: SQL | undefined,
  query: ListTicketsQuery,
  offset: number,
  maxMatches: number,
  needle?: string,
): Promise<{ rows: TicketRow[]; total: number } | "common keyword" | null> {
  const byAppointment = query.sort === "appointment_date" || query.sort === "-appointment_date";
  const sortKeys = {
    // As SQL, not as the column: drizzle refuses a column whose table is not in the FROM (the keyword's rows).
    id: sql<string>`${tickets.id}`.as("id"),
    first: sql`${byAppointment ? tickets.appointmentDate : tickets.createdAt}`.as("first"),
    second: sql`${byAppointment ? tickets.appointmentSlot : sql`null`}`.as("second"),
  };
  const matches = db.$with("matches").as(
    needle === undefined
      ? db
          .select({ ...sortKeys, passes: sql<boolean>`true`.as("passes") })
          .from(tickets)
          .where(where)
          .limit(maxMatches + 1)
      : // The function's rows are named "tickets", so the other filters read them as they read the table.
        db
          .select({ ...sortKeys, passes: sql<boolean>`coalesce(${where ?? sql`true`}, false)`.as("passes") })
          .from(
            sql`ticket_keyword_rows(${`%${likeEscape(needle)}%`}, ${KEYWORD_COUNT_CAP + 1}) as ${sql.identifier("tickets")}`,
          ),
  );
  const counts = db.$with("counts").as(
    db
      .select({
        total: sql<number>`(count(*) filter (where ${matches.passes}))::int`.as("total"),
        gathered: sql<number>`count(*)::int`.as("gathered"),
      })
      .from(matches),
  );
  const dir = query.sort.startsWith("-") ? desc : asc;
  const page = db.$with("page").as(
    db
      .select({ pageId: sql<string>`${matches.id}`.as("page_id") })
      .from(matches)
      .where(sql`${matches.passes}`)
      .orderBy(dir(matches.first), dir(matches.second), dir(matches.id))
      .limit(query.page_size)
      .offset(offset),
  );
  // One row of counts, joined to the page's tickets: one row with no ticket when the page is empty.
  const found = await db
    .with(matches, counts, page)
    .select({ ...ticketRowSelection, total: counts.total, gathered: counts.gathered })
    .from(counts)
    .leftJoin(page, sql`true`)
    .leftJoin(tickets, eq(tickets.id, page.pageId))
    .leftJoin(serviceCenters, eq(serviceCenters.id, tickets.centerId))
    .leftJoin(assignedTech, eq(assignedTech.id, tickets.technicianId))
    .orderBy(...sortColumns[query.sort]);
  const { total, gathered } = found[0]!;
  if (needle !== undefined && gathered > KEYWORD_COUNT_CAP) return "common keyword";
  if (gathered > maxMatches) return null;
  const rows = found.flatMap(({ ticket, centerName, techName, techPhoneMasked }) =>
    ticket ? [{ ticket, centerName: centerName!, techName, techPhoneMasked }] : [],
  );
  return { rows, total };
}

/**
 * A page in sort order, along the sort column's index. The keyword is kept out of the index choice,
 * so the planner walks and stops at the page instead of first collecting every match of a common
 * keyword through the trigram index.
 */
async function walkInSortOrder(
  db: DbOrTx,
  query: ListTicketsQuery,
  actor: Actor,
  offset: number,
): Promise<TicketRow[]> {
  return selectTicketRows(db)
    .where(allOf(listConditions(query, actor, { useIndex: false })))
    .orderBy(...sortColumns[query.sort])
    .limit(query.page_size)
    .offset(offset);
}

async function exactCount(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ total: count() }).from(tickets).where(where);
  return row?.total ?? 0;
}

/**
 * Whether a code prefix or a name's start (keywords the trigram index does not serve) alone matches
 * more than KEYWORD_COUNT_CAP tickets, by the planner's estimate: each is a range of a B-tree, which it
 * estimates well (not executed: well under a millisecond). Judged on the keyword alone: the planner
 * multiplies the selectivities of correlated conditions (a code prefix and its booking days) and would
 * call a common keyword rare.
 */
async function estimatedCommon(db: DbOrTx, q: string): Promise<boolean> {
  const estimate = await estimateMatches(db, keywordCondition(q, { useIndex: true, bookingDays: false }));
  return estimate > KEYWORD_COUNT_CAP;
}

/**
 * Keywords counted to match more than KEYWORD_COUNT_CAP tickets, per database. Tickets are never
 * deleted and the fields a keyword matches (code, name, phone tail, address) never change after
 * booking, so a keyword's matches only grow: once common, always common. Remembering it spares the
 * count on every later search for the same street or name (the count reads the keyword's whole
 * trigram bitmap: ~10 ms for a street in 2% of a million tickets). Rare verdicts are never kept
 * (a rare keyword can become common). The hour's expiry only bounds what a database restored from
 * an older backup could be told. Should tickets ever be deleted or anonymised, or their searched fields
 * edited, this reasoning no longer holds: a remembered keyword would then be reported as "more than
 * 2,000" (its page stays right: the walk tests every row).
 */
const commonKeywords = (() => {
  const REMEMBER_MS = 3_600_000;
  const MAX_KEYWORDS = 1_000;
  const byDatabase = new WeakMap<object, Map<string, number>>();
  const keyOf = (q: string) => {
    const code = codePrefixOf(q);
    if (code) return `code:${code.prefix}`;
    return `${substringNeedle(q) ? "text" : "name"}:${q.toLowerCase()}`;
  };
  return {
    knows(db: DbOrTx, q: string): boolean {
      const until = byDatabase.get(db)?.get(keyOf(q));
      return until !== undefined && until > Date.now();
    },
    learn(db: DbOrTx, q: string): void {
      let known = byDatabase.get(db);
      if (!known) byDatabase.set(db, (known = new Map()));
      const key = keyOf(q);
      known.delete(key); // re-inserted last: the oldest entry is the one dropped when full
      known.set(key, Date.now() + REMEMBER_MS);
      if (known.size > MAX_KEYWORDS) known.delete(known.keys().next().value!);
    },
  };
})();

async function cappedCount(db: DbOrTx, where: SQL | undefined): Promise<{ total: number; capped: boolean }> {
  const matches = db
    .select({ one: sql`1` })
    .from(tickets)
    .where(where)
    .limit(KEYWORD_COUNT_CAP + 1)
    .as("matches");
  const [row] = await db.select({ n: count() }).from(matches);
  const n = row?.n ?? 0;
  return { total: Math.min(n, KEYWORD_COUNT_CAP), capped: n > KEYWORD_COUNT_CAP };
}

/** The planner's own estimate of matching rows (EXPLAIN, not executed: well under a millisecond). */
async function estimateMatches(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const probe = db
    .select({ one: sql`1` })
    .from(tickets)
    .where(where);
  const rows = await executeRows(db, sql`explain (format json) ${probe.getSQL()}`);
  const plan = Object.values(rows[0] ?? {})[0];
  const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan?: { "Plan Rows"?: number } }[];
  return Number(parsed?.[0]?.Plan?.["Plan Rows"] ?? 0);
}

export async function listTickets(query: ListTicketsQuery, actor: Actor): Promise<TicketListDto> {
  const { rows, total, totalIsCapped } = await queryTicketPage(await getDb(), query, actor);
  return {
    items: rows.map((r) => toTicketDto(r, actor)),
    total,
    total_is_capped: totalIsCapped,
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
  const rows = await db
    .select({ status: tickets.status, n: count() })
    .from(tickets)
    .where(allOf(listConditions({ ...query, status: undefined }, actor)))
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
