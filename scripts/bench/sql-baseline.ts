/**
 * The SQL baseline: the very statements GET /api/tickets sends (built with the app's own query builder,
 * lib/tickets/queries selectTicketRows), timed straight on postgres.js without HTTP, auth or JSON. The
 * ratio app p95 / SQL p95 is what Next.js, the handler and the token check add.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { queryTicketPage } from "@/lib/tickets/search/list-tickets";
import { listTicketsQuery, type ListTicketsQuery } from "@/lib/tickets/schemas";
import { summarize, type LatencySummary } from "./stats";

export interface SqlStatement {
  text: string;
  params: unknown[];
}

export interface BaselineCase {
  label: string;
  /** The query string the HTTP scenario sends for this case. */
  httpQuery: Record<string, string>;
  query: ListTicketsQuery;
}

/** An admin sees every ticket: the same visibility as the benchmark's API token. */
const benchAdmin: Actor = {
  userId: "00000000-0000-0000-0000-000000000000",
  email: "bench",
  name: "bench",
  role: "admin",
  technicianId: null,
};

export function buildListCase(label: string, httpQuery: Record<string, string>): BaselineCase {
  return { label, httpQuery, query: listTicketsQuery.parse(httpQuery) };
}

/** One execution exactly as GET /api/tickets runs it (lib/tickets/queries queryTicketPage), minus HTTP, auth and JSON. */
async function execute(db: Db, c: BaselineCase): Promise<number> {
  const started = performance.now();
  await queryTicketPage(db, c.query, benchAdmin);
  return performance.now() - started;
}

const dbOver = (client: Sql) => drizzle(client, { schema }) as unknown as Db;

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
  const db = dbOver(client);
  let n = 0;
  const nextCase = () => cases[n++ % cases.length]!;
  for (let i = 0; i < Math.max(20, cases.length * 2); i++) await execute(db, nextCase());

  const sequential: number[] = [];
  const perLabel = new Map<string, number[]>();
  for (let i = 0; i < opts.iterations; i++) {
    const c = nextCase();
    const t = await execute(db, c);
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
        concurrent.push(await execute(db, nextCase()));
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

/** EXPLAIN (ANALYZE, BUFFERS) of the statements a case sends (recorded from the app's own code), for the report. */
export async function explainCase(client: Sql, c: BaselineCase): Promise<{ list: string; count: string }> {
  const sent: SqlStatement[] = [];
  const recording = drizzle(client, {
    schema,
    logger: { logQuery: (text, params) => sent.push({ text, params }) },
  }) as unknown as Db;
  await queryTicketPage(recording, c.query, benchAdmin);
  const explain = async (s: SqlStatement | undefined) => {
    if (!s) return "(not sent: no matching rows)";
    const rows = await client.unsafe(`explain (analyze, buffers) ${s.text}`, s.params as never[], { prepare: false });
    return rows.map((r) => String(Object.values(r)[0])).join("\n");
  };
  // queryTicketPage may first ask the planner for an estimate (an EXPLAIN itself), then counts, then reads the page.
  const statements = sent.filter((s) => !/^\s*explain\b/i.test(s.text));
  return { count: await explain(statements[0]), list: await explain(statements[1]) };
}

/** Runs a case once through the app's query code: the total it counts and how long it took. */
export async function runCaseOnce(client: Sql, c: BaselineCase): Promise<{ total: number; ms: number }> {
  const started = performance.now();
  const { total } = await queryTicketPage(dbOver(client), c.query, benchAdmin);
  return { total, ms: performance.now() - started };
}
