/**
 * The SQL baseline: the very statements GET /api/tickets sends (built with the app's own query builder,
 * lib/tickets/queries selectTicketRows), timed straight on postgres.js without HTTP, auth or JSON. The
 * ratio app p95 / SQL p95 is what Next.js, the handler and the token check add.
 */
import { and, count, desc, gte, inArray, lte, sql as dsql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { tickets } from "@/db/schema";
import { selectTicketRows } from "@/lib/tickets/queries";
import { listTicketsQuery } from "@/lib/tickets/schemas";
import { summarize, type LatencySummary } from "./stats";

export interface SqlStatement {
  text: string;
  params: unknown[];
}

export interface BaselineCase {
  label: string;
  /** The query string the HTTP scenario sends for this case. */
  httpQuery: Record<string, string>;
  list: SqlStatement;
  count: SqlStatement;
}

/**
 * The list query for `query` as listTickets (lib/tickets/queries.ts) builds it for an admin: the same
 * filters in the same order (date_from, date_to, q, then status), the same sort, limit and offset.
 * Keep in step with listConditions / sortColumns there.
 */
export function buildListCase(label: string, httpQuery: Record<string, string>): BaselineCase {
  const query = listTicketsQuery.parse(httpQuery);
  const db = drizzle.mock({ schema }) as unknown as Db;
  const conditions: SQL[] = [];
  if (query.date_from) conditions.push(gte(tickets.appointmentDate, query.date_from));
  if (query.date_to) conditions.push(lte(tickets.appointmentDate, query.date_to));
  if (query.q) conditions.push(dsql`${tickets.searchText} like ${`%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (query.status?.length) conditions.push(inArray(tickets.status, query.status));
  if (query.sort !== "-created_at") throw new Error("The baseline mirrors the default sort (-created_at) only");
  const where = conditions.length ? and(...conditions) : undefined;
  const list = selectTicketRows(db)
    .where(where)
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(query.page_size)
    .offset((query.page - 1) * query.page_size)
    .toSQL();
  const total = db.select({ total: count() }).from(tickets).where(where).toSQL();
  return {
    label,
    httpQuery,
    list: { text: list.sql, params: list.params },
    count: { text: total.sql, params: total.params },
  };
}

/** One execution as the app does it: rows and count in parallel, rows fetched as arrays (drizzle's mode). */
async function execute(client: Sql, c: BaselineCase): Promise<number> {
  const started = performance.now();
  await Promise.all([
    client.unsafe(c.list.text, c.list.params as never[], { prepare: false }).values(),
    client.unsafe(c.count.text, c.count.params as never[], { prepare: false }).values(),
  ]);
  return performance.now() - started;
}

export interface BaselineResult {
  /** One client at a time. */
  sequential: LatencySummary;
  /** `concurrency` callers sharing a pool of `poolSize` connections, as the app's callers share its pool. */
  concurrent: LatencySummary & { concurrency: number; poolSize: number; perSecond: number };
  byLabel: Record<string, LatencySummary>;
}

/**
 * Times the cases in rotation: a warm-up, `iterations` sequential executions, then 5 × `iterations`
 * executions from `concurrency` concurrent callers. `client` should have the app's pool size.
 */
export async function runBaseline(
  client: Sql,
  cases: BaselineCase[],
  opts: { iterations: number; concurrency: number; poolSize: number },
): Promise<BaselineResult> {
  let n = 0;
  const nextCase = () => cases[n++ % cases.length]!;
  for (let i = 0; i < Math.max(20, cases.length * 2); i++) await execute(client, nextCase());

  const sequential: number[] = [];
  const perLabel = new Map<string, number[]>();
  for (let i = 0; i < opts.iterations; i++) {
    const c = nextCase();
    const t = await execute(client, c);
    sequential.push(t);
    perLabel.set(c.label, [...(perLabel.get(c.label) ?? []), t]);
  }

  const concurrent: number[] = [];
  const total = opts.iterations * 5;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (issued < total) {
        issued++;
        concurrent.push(await execute(client, nextCase()));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    sequential: summarize(sequential),
    concurrent: {
      ...summarize(concurrent),
      concurrency: opts.concurrency,
      poolSize: opts.poolSize,
      perSecond: Math.round(concurrent.length / elapsed),
    },
    byLabel: Object.fromEntries([...perLabel].map(([label, samples]) => [label, summarize(samples)])),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a case's two statements, for the report. */
export async function explainCase(client: Sql, c: BaselineCase): Promise<{ list: string; count: string }> {
  const explain = async (s: SqlStatement) => {
    const rows = await client.unsafe(`explain (analyze, buffers) ${s.text}`, s.params as never[], { prepare: false });
    return rows.map((r) => String(Object.values(r)[0])).join("\n");
  };
  return { list: await explain(c.list), count: await explain(c.count) };
}
