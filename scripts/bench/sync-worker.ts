/**
 * One measured sync, in its own process so its peak RSS is its own (process.resourceUsage().maxRSS).
 *
 *   engine <systemId>    the product's path: requestSync + executeRun (adapter, mapping, one upsert and
 *                        one cursor commit per page, counts by content hash)
 *   baseline <url>       what a hand-rolled script would do: POST /rest/api/3/search/jql page by page
 *                        (the same fields and page size) and one multi-row INSERT of the raw issues per
 *                        page, nothing else — no mapping, no hashing, no cursor, no run log
 *
 * Prints one JSON line: { records, ms, peakRssMb }.
 */
import postgres from "postgres";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN } from "@/test/fakes/jira-server";

const [mode, arg] = process.argv.slice(2);

async function engine(systemId: number) {
  const { requestSync, executeRun } = await import("@/lib/sync/engine");
  const { shutdownApp } = await import("@/lib/shutdown");
  const started = performance.now();
  const run = await requestSync(systemId, { trigger: "cli" });
  const done = await executeRun(run.id);
  const ms = performance.now() - started;
  await shutdownApp();
  if (done.status !== "success") throw new Error(`run ${done.id} ended ${done.status}: ${done.message}`);
  return { records: done.totalCount, ms, created: done.createdCount, updated: done.updatedCount, unchanged: done.unchangedCount };
}

async function baseline(url: string) {
  const { JIRA_ISSUE_FIELDS } = await import("@/lib/sync/adapters/jira/mapper");
  const { JIRA_PAGE_SIZE } = await import("@/lib/sync/adapters/jira/adapter");
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await sql`create table if not exists bench_raw_issues (id text primary key, key text not null, raw jsonb not null)`;
  await sql`truncate bench_raw_issues`;
  const auth = `Basic ${Buffer.from(`${FAKE_JIRA_EMAIL}:${FAKE_JIRA_TOKEN}`).toString("base64")}`;
  const started = performance.now();
  let records = 0;
  let nextPageToken: string | undefined;
  do {
    const res = await fetch(`${url}/rest/api/3/search/jql`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        jql: 'project = "OPS" AND updated >= "1970/01/01 00:00" ORDER BY updated ASC',
        fields: JIRA_ISSUE_FIELDS,
        maxResults: JIRA_PAGE_SIZE,
        nextPageToken,
      }),
    });
    const page = (await res.json()) as { issues: { id: string; key: string }[]; nextPageToken?: string; isLast?: boolean };
    if (page.issues.length) {
      await sql`insert into bench_raw_issues ${sql(page.issues.map((i) => ({ id: i.id, key: i.key, raw: sql.json(i as never) })))}
        on conflict (id) do update set raw = excluded.raw`;
    }
    records += page.issues.length;
    nextPageToken = page.isLast ? undefined : page.nextPageToken;
  } while (nextPageToken);
  const ms = performance.now() - started;
  await sql`drop table bench_raw_issues`;
  await sql.end();
  return { records, ms };
}

const result = mode === "engine" ? await engine(Number(arg)) : await baseline(arg!);
const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
// What the process still holds once the run is over (after a full GC when node runs with --expose-gc):
// a peak that grows with the number of records while this stays put is GC headroom, not a leak.
(globalThis as { gc?: () => void }).gc?.();
const retainedHeapMb = Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
process.stdout.write(`${JSON.stringify({ ...result, peakRssMb, retainedHeapMb })}\n`);
process.exit(0);
