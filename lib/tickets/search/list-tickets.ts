import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { serviceCenters, tickets, ticketStatuses, type TicketStatus } from "@/db/schema";
import type { Actor } from "../../auth/permissions";
import { executeRows, getDb, type DbOrTx } from "../../db";
import type { TicketListDto } from "../dto";
import { assignedTech, selectTicketRows, ticketRowSelection, toTicketDto, visibilityFilter, type TicketRow } from "../queries";
import type { ListTicketsQuery } from "../schemas";
import { codePrefixOf } from "./keyword";

/*
 * The staff ticket list: filters, keyword search, sort, pages and counts. The plan is chosen here, by
 * the decision tree in docs/ticket-search.md, because the planner, left alone, misjudges correlated
 * filters (a status with a date window) and rare or old matches and may walk most of the table to fill
 * one page. Every choice depends on the query and on what the database answers, nothing else: no state
 * kept between requests, so every instance of the app answers alike.
 */

/** Up to this many matches, gathering and sorting them all (from the filter's own index) beats walking an index in sort order. */
const SORT_MATCHES_MAX_ROWS = 20_000;

/**
 * A keyword matching more tickets than this is "common" (a big road's name, one character): its page is
 * found by walking the sort index (its matches are everywhere, 20 come at once) and its count stops here
 * (`total_is_capped`). A rarer keyword is found through its index, counted exactly and sorted.
 */
export const KEYWORD_COUNT_CAP = 2_000;

type Page = { rows: TicketRow[]; total: number; totalIsCapped: boolean };

/**
 * One page of tickets and the total, as SQL only (no DTOs); the decision tree of docs/ticket-search.md.
 * Exported so the benchmark's SQL baseline runs exactly this.
 */
export async function queryTicketPage(
  db: DbOrTx,
  query: ListTicketsQuery,
  actor: Actor,
  /** Tests lower it to take the walk in sort order on a small table; both plans answer the same. */
  { fewMatchesMax = SORT_MATCHES_MAX_ROWS }: { fewMatchesMax?: number } = {},
): Promise<Page> {
  const offset = (query.page - 1) * query.page_size;
  const where = allOf(listConditions(query, actor));

  if (query.q !== undefined && !codePrefixOf(query.q)) {
    const others = allOf(listConditions({ ...query, q: undefined }, actor));
    if (!(await knownCommon(db, query.q))) {
      // A text keyword: its own matches first (at most the cap, through the grams index), the other
      // filters tested on them, counted and paged in one statement.
      const few = await pageOfFewMatches(db, others, query, offset, KEYWORD_COUNT_CAP, query.q);
      if (few) return { ...few, totalIsCapped: false };
    }
    // A common keyword. Alone, it matches more than the cap; under filters, count up to it.
    const total = others ? await cappedCount(db, where) : { total: KEYWORD_COUNT_CAP, capped: true };
    return pageInSortOrder(db, query, actor, offset, total);
  }

  // No keyword, or a code prefix: every condition is a B-tree range. Few matches: gather them all (a
  // code prefix's up to the keyword cap: more are "more than the cap", as for any keyword).
  if (where) {
    const few = await pageOfFewMatches(db, where, query, offset, query.q ? KEYWORD_COUNT_CAP : fewMatchesMax);
    if (few) return { ...few, totalIsCapped: false };
  }
  // Many matches: walk the sort index. A code prefix's gather has just found more than the cap (no
  // need to count again); the filters alone are counted exactly.
  const total =
    query.q !== undefined
      ? { total: KEYWORD_COUNT_CAP, capped: true }
      : { total: await exactCount(db, where), capped: false };
  return pageInSortOrder(db, query, actor, offset, total);
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

/**
 * The list's filters as conditions (the status filter only when the query has one: the per-status
 * counts leave it out). `useIndex: false` words the keyword so that no index serves it (see
 * keywordCondition).
 */
function listConditions(
  query: Omit<ListTicketsQuery, "status" | "sort" | "page" | "page_size"> & { status?: TicketStatus[] },
  actor: Actor,
  { useIndex = true }: { useIndex?: boolean } = {},
): SQL[] {
  const conditions: (SQL | undefined)[] = [visibilityFilter(actor)];
  if (query.technician_id === "unassigned") conditions.push(isNull(tickets.technicianId));
  else if (query.technician_id) conditions.push(eq(tickets.technicianId, query.technician_id));
  if (query.center_id) conditions.push(eq(tickets.centerId, query.center_id));
  if (query.date_from) conditions.push(gte(tickets.appointmentDate, query.date_from));
  if (query.date_to) conditions.push(lte(tickets.appointmentDate, query.date_to));
  if (query.q) conditions.push(keywordCondition(query.q, useIndex));
  if (query.status?.length) conditions.push(inArray(tickets.status, query.status));
  return conditions.filter((c): c is SQL => c !== undefined);
}

const allOf = (conditions: SQL[]) => (conditions.length ? and(...conditions) : undefined);

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A keyword shaped like a ticket code (`TK` + digits, in the code's alphabet) is a code prefix: a range
 * of the code's own index, kept to the booking days its digits name (so a walk in creation order jumps
 * there instead of reading every later ticket first). Any other keyword, one character or more, is a
 * substring of the code, name, last 4 phone digits or address (search_text), looked up by its
 * characters in the grams index (migration 0012) and confirmed by strpos. Lower-casing happens in SQL,
 * as search_text's own does, so both agree on every letter.
 * `useIndex: false` leaves only what no index serves, so the planner walks the sort order and tests
 * each row instead of first collecting every match of a common keyword.
 */
function keywordCondition(q: string, useIndex: boolean): SQL {
  const code = codePrefixOf(q);
  if (code) {
    const pattern = `${likeEscape(code.prefix)}%`;
    const match = useIndex ? sql`${tickets.code} like ${pattern}` : sql`(${tickets.code} || '') like ${pattern}`;
    return and(match, gte(tickets.createdAt, code.bookedFrom), lt(tickets.createdAt, code.bookedTo))!;
  }
  const contains = sql`strpos(${tickets.searchText}, lower(${q})) > 0`;
  return useIndex
    ? sql`ticket_search_grams(${tickets.searchText}) @> ticket_keyword_grams(lower(${q})) and ${contains}`
    : contains;
}

const sortColumns = {
  appointment_date: [asc(tickets.appointmentDate), asc(tickets.appointmentSlot), asc(tickets.id)],
  "-appointment_date": [desc(tickets.appointmentDate), desc(tickets.appointmentSlot), desc(tickets.id)],
  created_at: [asc(tickets.createdAt), asc(tickets.id)],
  "-created_at": [desc(tickets.createdAt), desc(tickets.id)],
} as const;

/**
 * Count and page in one statement and one pass over an index: up to maxMatches + 1 matches are gathered
 * (only the columns the sort needs, which the filter indexes carry for the creation-time sorts),
 * counted, and the page is sorted out of them. The counts come back even when the page is empty (past
 * the last match). null when there are more than maxMatches (walking the sort order is then cheaper).
 * With a `keyword`, the matches are the keyword's own (ticket_keyword_rows, migration 0012: the grams
 * index only, never a read of the table) and `where` holds the other filters, tested on those rows.
 */
async function pageOfFewMatches(
  db: DbOrTx,
  where: SQL | undefined,
  query: ListTicketsQuery,
  offset: number,
  maxMatches: number,
  keyword?: string,
): Promise<{ rows: TicketRow[]; total: number } | null> {
  const byAppointment = query.sort === "appointment_date" || query.sort === "-appointment_date";
  const sortKeys = {
    // As SQL, not as the column: drizzle refuses a column whose table is not in the FROM (the keyword's rows).
    id: sql<string>`${tickets.id}`.as("id"),
    first: sql`${byAppointment ? tickets.appointmentDate : tickets.createdAt}`.as("first"),
    second: sql`${byAppointment ? tickets.appointmentSlot : sql`null`}`.as("second"),
  };
  const matches = db.$with("matches").as(
    keyword === undefined
      ? db
          .select({ ...sortKeys, passes: sql<boolean>`true`.as("passes") })
          .from(tickets)
          .where(where)
          .limit(maxMatches + 1)
      : // The function's rows are named "tickets", so the other filters read them as they read the table.
        db
          .select({ ...sortKeys, passes: sql<boolean>`coalesce(${where ?? sql`true`}, false)`.as("passes") })
          .from(sql`ticket_keyword_rows(${keyword}, ${maxMatches + 1}) as ${sql.identifier("tickets")}`),
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
  if (gathered > maxMatches) return null;
  const rows = found.flatMap(({ ticket, centerName, techName, techPhoneMasked }) =>
    ticket ? [{ ticket, centerName: centerName!, techName, techPhoneMasked }] : [],
  );
  return { rows, total };
}

/**
 * Many matches: a page along the sort column's index, the conditions tested on each row (worded so no
 * other index is chosen: the walk stops at the page instead of first collecting every match).
 */
async function pageInSortOrder(
  db: DbOrTx,
  query: ListTicketsQuery,
  actor: Actor,
  offset: number,
  { total, capped }: { total: number; capped: boolean },
): Promise<Page> {
  if (!capped && offset >= total) return { rows: [], total, totalIsCapped: false };
  const rows = await selectTicketRows(db)
    .where(allOf(listConditions(query, actor, { useIndex: false })))
    .orderBy(...sortColumns[query.sort])
    .limit(query.page_size)
    .offset(offset);
  return { rows, total, totalIsCapped: capped };
}

/**
 * Whether a keyword of one or two characters is known to be common from the database's own statistics
 * (ANALYZE keeps the frequencies of the grams index's most common elements, so every instance reads the
 * same): such a keyword is one gram, and its estimate is a count of the rows holding that gram, which
 * are exactly its matches. A longer keyword is several grams, whose estimate multiplies their
 * frequencies (too low for a street's, whose characters come together), so it is gathered instead.
 * A gram the statistics do not list is estimated at PostgreSQL's default of 0.5% of rows, which says
 * nothing: only an estimate above 1% of the rows (and above the cap) is believed. One EXPLAIN, not
 * executed: well under a millisecond, against the 10 ms a common keyword's gather costs on a million
 * tickets.
 */
async function knownCommon(db: DbOrTx, keyword: string): Promise<boolean> {
  if ([...keyword].length > 2) return false;
  const probe = db
    .select({ one: sql`1` })
    .from(tickets)
    .where(sql`ticket_search_grams(${tickets.searchText}) @> ticket_keyword_grams(lower(${keyword}))`);
  const [estimated, rows] = await Promise.all([planRows(db, probe.getSQL()), planRows(db, sql`select 1 from ${tickets}`)]);
  return estimated > KEYWORD_COUNT_CAP && estimated > rows / 100;
}

/** The planner's estimate of a statement's rows (EXPLAIN without ANALYZE: nothing is executed). */
async function planRows(db: DbOrTx, statement: SQL): Promise<number> {
  const [row] = await executeRows(db, sql`explain (format json) ${statement}`);
  const plan = Object.values(row ?? {})[0];
  const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan?: { "Plan Rows"?: number } }[];
  return Number(parsed?.[0]?.Plan?.["Plan Rows"] ?? 0);
}

async function exactCount(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ total: count() }).from(tickets).where(where);
  return row?.total ?? 0;
}

/** Matches counted up to KEYWORD_COUNT_CAP (reading one more tells whether there are more). */
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
