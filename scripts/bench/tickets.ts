/**
 * `npm run bench:tickets`: the ticket performance benchmark (bench/README.md).
 *
 *  1. builds the app into .next-bench (unless the build is newer than the sources),
 *  2. creates a fresh database and bulk-generates centers, technicians, users and N tickets in SQL,
 *  3. starts `next start` on it and times the same list queries directly in SQL (the baseline),
 *  4. runs autocannon against the list, keyword search and public booking endpoints while sampling
 *     the server's RSS,
 *  5. writes bench/results/tickets-<timestamp>.json and tickets-latest.md; exits 1 if a target failed.
 */
import { postgresSessionSettings } from "@/db/client";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres, { type Sql } from "postgres";
import { buildApp, buildState, freePort, startServer, type RunningServer } from "./app-server";
import { createBenchToken, generateData, phoneHashMatches, type GenerationReport } from "./generate";
import { Cleanup, git, packageVersion, runBenchmarkCli, step, wasInterrupted, withDatabase } from "./harness";
import { runLoad, type LoadItem, type LoadResult } from "./load";
import { parseOptions, type BenchOptions, type ScenarioName } from "./options";
import { consoleTable, evaluateTargets, markdown, writeResults } from "./report";
import { cpuDelta, cpuSnapshot, processTree, RssSampler } from "./rss";
import { compounds, givenNames, issueDescriptions, streets, surnames } from "./sample-data";
import {
  buildListCase,
  explainCase,
  runBaseline,
  runCaseOnce,
  type BaselineCase,
  type BaselineResult,
} from "./sql-baseline";
import { int } from "./stats";

const TIME_ZONE = "Asia/Shanghai";
/** The app's pool (db/client openDatabase default); the concurrent SQL baseline uses the same. */
const APP_POOL_SIZE = 10;
/** Booking capacity per slot = active technicians (10 per center) × this; 20 is the most lib/env allows. */
const JOBS_PER_SLOT = 20;

const secret = (bytes = 36) => randomBytes(bytes).toString("base64url");
const noop = () => {};
/** Our own connections carry this name, so the database CPU of the app's connections can be told apart. */
const APPLICATION_NAME = "servicehub-bench";
// The app's own session settings (db/client.ts), so the SQL baseline runs under the same conditions.
const pgOptions = (max: number) => ({
  max,
  onnotice: noop,
  connection: { application_name: APPLICATION_NAME, ...postgresSessionSettings },
});

const redact = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
};

function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Workload {
  windows: { label: string; date_from: string; date_to: string }[];
  keywords: { label: string; q: string }[];
  /** Two-character keywords, the normal case in Chinese: districts, a street's name, given names. */
  shortKeywords: { label: string; q: string }[];
  areas: { city: string; district: string }[];
  bookingDates: string[];
}

/**
 * What the scenarios ask for. Windows: two weeks each, from the busy upcoming fortnight to a year ago.
 * Keywords: street names (~2% of tickets each), two code prefixes (a month's, a day's), phone tails and
 * three-character full names, from the generated rows. Two-character keywords are their own scenario:
 * districts (one service area's tickets each, common), a street's two characters, two-character names.
 */
async function chooseWorkload(sql: Sql, today: string): Promise<Workload> {
  const windows = [
    { label: "next 2 weeks", date_from: today, date_to: addDays(today, 13) },
    { label: "this week ±7 days", date_from: addDays(today, -7), date_to: addDays(today, 6) },
    { label: "a month ago", date_from: addDays(today, -35), date_to: addDays(today, -22) },
    { label: "a year ago", date_from: addDays(today, -365), date_to: addDays(today, -352) },
  ];
  // The same rows on every run over the same generated data (REPEATABLE), so runs compare.
  const sample = await sql<{ code: string; phone_last4: string; customer_name: string }[]>`
    select code, phone_last4, customer_name from tickets tablesample system (1) repeatable (42)
    where char_length(customer_name) >= 3 order by code limit 200`;
  const rows =
    sample.length >= 6
      ? sample
      : await sql<typeof sample>`
    select code, phone_last4, customer_name from tickets where char_length(customer_name) >= 3 order by code limit 6`;
  const pickRow = (i: number) => rows[Math.floor((i * rows.length) / 6)]!;
  const keywords = [
    { label: "street", q: "张江路" },
    { label: "street", q: "深南大道" },
    // A code typed partially: TK + year and month, ~9 months back (~1/25 of all tickets, none of them recent).
    { label: "code prefix (month)", q: `TK${addDays(today, -270).slice(2, 7).replace("-", "")}` },
    // TK + creation day + 1 character: a handful of tickets.
    { label: "code prefix (day)", q: pickRow(1).code.slice(0, 9) },
    { label: "phone tail", q: pickRow(2).phone_last4 },
    { label: "phone tail", q: pickRow(3).phone_last4 },
    { label: "full name", q: pickRow(4).customer_name },
    { label: "full name", q: pickRow(5).customer_name },
  ];
  const areas = await sql<{ city: string; district: string }[]>`
    select sa.city, sa.district from service_areas sa join service_centers c on c.id = sa.center_id
    where c.active order by sa.city, sa.district`;
  // Tomorrow to 29 days ahead: inside the 30-day booking window and never a slot that has begun today.
  const bookingDates = Array.from({ length: 29 }, (_, i) => addDays(today, i + 1));
  const shortNames = await sql<{ customer_name: string }[]>`
    select distinct customer_name from tickets tablesample system (1) repeatable (42)
    where char_length(customer_name) = 2 order by customer_name limit 2`;
  const shortKeywords = [
    { label: "district", q: "浦东" },
    { label: "district", q: "西湖" },
    { label: "street, 2 chars", q: "张江" },
    { label: "street, 2 chars", q: "深南" },
    ...shortNames.map((r) => ({ label: "2-char name", q: r.customer_name })),
  ];
  return { windows, keywords, shortKeywords, areas: [...areas], bookingDates };
}

function bookingItems(workload: Workload, runId: string): () => LoadItem {
  const slots = ["09:00-11:00", "11:00-13:00", "14:00-16:00", "16:00-18:00"];
  const phoneBase = Math.floor(Math.random() * 50_000_000);
  let k = 0;
  return () => {
    const i = k++;
    const a = workload.areas.length;
    const d = workload.bookingDates.length;
    const area = workload.areas[i % a]!;
    const body = {
      customer_name: surnames[i % surnames.length]! + givenNames[(i >> 3) % givenNames.length]!,
      // A new number per request: no two bookings share a phone (the per-phone limit is lifted anyway).
      phone: `199${String((phoneBase + i) % 100_000_000).padStart(8, "0")}`,
      city: area.city,
      district: area.district,
      address: `${streets[i % streets.length]}${(i % 500) + 1}号${compounds[i % compounds.length]}${(i % 12) + 1}栋${(i % 30) + 1}01`,
      appliance_type: "range_hood",
      appliance_model: "CXW-260-JQ01",
      issue_desc: issueDescriptions[i % issueDescriptions.length]!,
      appointment_date: workload.bookingDates[Math.floor(i / a) % d]!,
      appointment_slot: slots[Math.floor(i / (a * d)) % slots.length]!,
      idempotency_key: `bench-${runId}-${i}`,
    };
    return { label: "booking", method: "POST", path: "/api/public/booking", body: JSON.stringify(body) };
  };
}

function rotation(cases: BaselineCase[]): () => LoadItem {
  let i = 0;
  return () => {
    const c = cases[i++ % cases.length]!;
    return { label: c.label, method: "GET", path: `/api/tickets?${new URLSearchParams(c.httpQuery)}` };
  };
}

async function main(opts: BenchOptions, cleanup: Cleanup): Promise<number> {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const runId = randomBytes(4).toString("hex");
  const loadAtStart = os.loadavg();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "servicehub-bench-"));
  let keepTmp = true;
  cleanup.add("temp folder", async () => {
    if (!keepTmp) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`  logs kept in ${tmp}`);
  });
  const benchUrl = withDatabase(opts.adminUrl, opts.dbName);
  const smallScale = opts.tickets < 1_000_000;

  console.log(
    `ServiceHub ticket benchmark: ${int(opts.tickets)} tickets, ${opts.connections} connections, ` +
      `${opts.duration} s per scenario (+${opts.warmup} s warm-up), database ${opts.dbName}`,
  );
  if (loadAtStart[0]! > os.cpus().length * 0.5) {
    console.warn(`  ⚠ load average ${loadAtStart[0]!.toFixed(2)} on ${os.cpus().length} CPUs: results will be noisy`);
  }

  // Fresh secrets for this run; this process needs them too (lib/crypto for the generated phone data).
  const secrets = {
    AUTH_SECRET: secret(),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    HASH_KEY: secret(),
    LINK_SIGNING_SECRET: secret(),
  };
  Object.assign(process.env, secrets, { DATABASE_URL: benchUrl });

  // 1. Build.
  step(`Build (${opts.distDir})`);
  let buildMs: number | null = null;
  const state = buildState(opts.distDir);
  if (opts.skipBuild) console.log("  --skip-build: using the existing build as it is");
  else if (state.fresh) console.log(`  skipped: ${state.reason}`);
  else {
    console.log(`  ${state.reason}: next build … (log: ${path.join(tmp, "build.log")})`);
    buildMs = await buildApp(opts.distDir, path.join(tmp, "build.log"));
    console.log(`  built in ${(buildMs / 1000).toFixed(0)} s`);
  }
  if (!fs.existsSync(path.join(opts.distDir, "BUILD_ID")))
    throw new Error(`No build in ${opts.distDir}; run without --skip-build`);

  // 2. Database.
  step(`Database ${opts.dbName}`);
  const admin = postgres(opts.adminUrl, pgOptions(1));
  cleanup.add("admin connection", () => admin.end({ timeout: 5 }));
  const [{ server_version: pgVersion } = { server_version: "?" }] = await admin<
    { server_version: string }[]
  >`show server_version`;
  const [exists] = await admin`select 1 from pg_database where datname = ${opts.dbName}`;
  if (!opts.keepDb) {
    cleanup.add("drop bench database", async () => {
      await admin.unsafe(`drop database if exists ${opts.dbName} with (force)`);
      console.log(`  dropped database ${opts.dbName}`);
    });
  }
  const today = localDate(new Date(), TIME_ZONE);
  let generation: GenerationReport | undefined;
  const { encryptSecret, keyedHash } = await import("@/lib/crypto");
  const gen = postgres(benchUrl, pgOptions(1));
  cleanup.add("generator connection", () => gen.end({ timeout: 5 }));
  if (opts.reuseDb) {
    if (!exists) throw new Error(`--reuse-db: database ${opts.dbName} does not exist (keep one with --keep-db)`);
    console.log(
      `  reusing the existing database (no generation; phone hashes/ciphertexts are from its own run's keys)`,
    );
  } else {
    if (exists) console.log("  dropping the previous bench database");
    await admin.unsafe(`drop database if exists ${opts.dbName} with (force)`);
    await admin.unsafe(`create database ${opts.dbName}`);
    const { openDatabase } = await import("@/db/client");
    const opened = await openDatabase({ url: benchUrl, migrate: true });
    await opened.close();
    console.log("  created and migrated; generating data:");
    generation = await generateData(
      gen,
      {
        tickets: opts.tickets,
        chunk: opts.chunk,
        maintenanceWorkMem: opts.maintenanceWorkMem,
        today,
        timeZone: TIME_ZONE,
      },
      // One ciphertext of one number, reused by every generated row (see GenerationSecrets).
      { hashKey: secrets.HASH_KEY, phoneCiphertext: encryptSecret("13800138000") },
    );
    console.log(
      `  ${int(generation.tickets)} tickets in ${(generation.totalMs / 1000).toFixed(1)} s: ${int(generation.overallTicketsPerSec)} tickets/s overall, ` +
        `insert ${int(generation.ticketInsertRowsPerSec)} rows/s; table ${generation.tableSizeMB} MB + indexes ${generation.indexesSizeMB} MB`,
    );
    if (!(await phoneHashMatches(gen, secrets.HASH_KEY, (p) => keyedHash(p, "phone")))) {
      throw new Error("The SQL phone hash differs from lib/crypto keyedHash: update generate.ts");
    }
  }
  const [{ n: ticketCount } = { n: 0 }] = await gen<{ n: number }[]>`select count(*)::int as n from tickets`;
  const token = await createBenchToken(gen);
  const workload = await chooseWorkload(gen, today);

  // 3. Server.
  step("next start");
  const port = opts.port || (await freePort());
  const uploads = path.join(tmp, "uploads");
  fs.mkdirSync(uploads);
  const serverEnv: Record<string, string> = {
    ...secrets,
    NODE_ENV: "production",
    DATABASE_URL: benchUrl,
    AUTH_TRUST_HOST: "true",
    BOOKING_LIMIT_PER_IP_PER_HOUR: "0",
    BOOKING_LIMIT_PER_PHONE_PER_DAY: "0",
    JOBS_PER_SLOT: String(JOBS_PER_SLOT),
    JOB_DRIVER: "inline",
    LOG_LEVEL: "warn",
    APP_TIMEZONE: TIME_ZONE,
    UPLOAD_ROOT: uploads,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  };
  const server: RunningServer = await startServer({
    distDir: opts.distDir,
    port,
    env: serverEnv,
    logFile: path.join(tmp, "server.log"),
    cpuProfDir: opts.cpuProfDir,
    onSpawn: (stop) => cleanup.add("stop server", stop),
  });
  console.log(
    `  listening on ${server.baseUrl} (pid ${server.pid}, ready in ${(server.startupMs / 1000).toFixed(1)} s)`,
  );
  const auth = { authorization: `Bearer ${token}` };

  // 4. Cases, checked against the app: the HTTP total must equal the baseline's count(*).
  const listCases = workload.windows.map((w) =>
    buildListCase(w.label, { status: "ASSIGNED", date_from: w.date_from, date_to: w.date_to }),
  );
  const searchCases = workload.keywords.map((k) => buildListCase(k.label, { q: k.q }));
  const shortSearchCases = workload.shortKeywords.map((k) => buildListCase(k.label, { q: k.q }));
  const base = postgres(benchUrl, pgOptions(APP_POOL_SIZE));
  cleanup.add("baseline pool", () => base.end({ timeout: 5 }));
  const caseChecks: {
    label: string;
    query: Record<string, string>;
    httpTotal: number;
    sqlCount: number;
    match: boolean;
  }[] = [];
  for (const c of [...listCases, ...searchCases, ...shortSearchCases]) {
    const res = await fetch(`${server.baseUrl}/api/tickets?${new URLSearchParams(c.httpQuery)}`, { headers: auth });
    if (!res.ok)
      throw new Error(
        `GET /api/tickets?${new URLSearchParams(c.httpQuery)} answered ${res.status}: ${(await res.text()).slice(0, 300)}`,
      );
    const body = (await res.json()) as { total: number };
    const sqlCount = (await runCaseOnce(base, c)).total;
    caseChecks.push({
      label: c.label,
      query: c.httpQuery,
      httpTotal: body.total,
      sqlCount,
      match: body.total === sqlCount,
    });
  }
  for (const c of caseChecks) {
    console.log(
      `  ${c.match ? "✓" : "✗"} ${c.label.padEnd(20)} ${new URLSearchParams(c.query).toString().padEnd(58)} ${int(c.httpTotal)} tickets`,
    );
  }
  const mismatches = caseChecks.filter((c) => !c.match);
  if (mismatches.length) {
    console.warn(
      "  ⚠ the app's totals differ from the baseline's count(*): the baseline no longer mirrors lib/tickets/queries.ts",
    );
  }

  // 5. SQL baseline, same run, same database.
  const baseline: { list?: BaselineResult; search?: BaselineResult; search2?: BaselineResult } = {};
  const baselineOpts = { iterations: opts.baselineIterations, concurrency: opts.connections, poolSize: APP_POOL_SIZE };
  if (opts.scenarios.includes("list")) {
    step("SQL baseline: list query (status + date range)");
    baseline.list = await runBaseline(base, listCases, baselineOpts);
    console.log(
      `  sequential p50 ${baseline.list.sequential.p50} ms, p95 ${baseline.list.sequential.p95} ms; ${opts.connections} concurrent p95 ${baseline.list.concurrent.p95} ms`,
    );
  }
  if (opts.scenarios.includes("search")) {
    step("SQL baseline: keyword search");
    baseline.search = await runBaseline(base, searchCases, baselineOpts);
    console.log(
      `  sequential p50 ${baseline.search.sequential.p50} ms, p95 ${baseline.search.sequential.p95} ms; ${opts.connections} concurrent p95 ${baseline.search.concurrent.p95} ms`,
    );
  }
  if (opts.scenarios.includes("search2")) {
    step("SQL baseline: two-character keyword search");
    baseline.search2 = await runBaseline(base, shortSearchCases, baselineOpts);
    console.log(
      `  sequential p50 ${baseline.search2.sequential.p50} ms, p95 ${baseline.search2.sequential.p95} ms; ${opts.connections} concurrent p95 ${baseline.search2.concurrent.p95} ms`,
    );
  }

  // 6. Load, with the server's RSS sampled throughout.
  const sampler = new RssSampler(server.pid, 500);
  sampler.start();
  cleanup.add("rss sampler", async () => sampler.stop());
  const results: Partial<Record<ScenarioName, LoadResult>> = {};
  const cpu: Partial<Record<ScenarioName, Record<string, number>>> = {};
  /** The app's database sessions (not ours), whose CPU counts as the database's share of a request. */
  const appBackends = async () =>
    (
      await gen<{ pid: number }[]>`
        select pid from pg_stat_activity
        where datname = ${opts.dbName} and coalesce(application_name, '') <> ${APPLICATION_NAME}`
    ).map((r) => r.pid);
  const cpuNow = async () => ({
    server: cpuSnapshot(processTree(server.pid).map((p) => p.pid)),
    db: cpuSnapshot(await appBackends()),
    self: process.cpuUsage(),
  });
  const bookingNext = bookingItems(workload, runId);
  const scenarioDefs: Record<ScenarioName, { title: string; next: () => LoadItem }> = {
    floor: {
      title: "GET /api/health (reference: one `select 1` through the same stack)",
      next: () => ({ label: "health", method: "GET", path: "/api/health" }),
    },
    list: { title: "GET /api/tickets?status=ASSIGNED&date_from&date_to", next: rotation(listCases) },
    search: { title: "GET /api/tickets?q=", next: rotation(searchCases) },
    search2: { title: "GET /api/tickets?q= (two characters)", next: rotation(shortSearchCases) },
    booking: { title: "POST /api/public/booking", next: bookingNext },
  };
  for (const name of opts.scenarios) {
    if (wasInterrupted()) throw new Error("interrupted");
    const def = scenarioDefs[name];
    step(`Load: ${def.title}`);
    const common = {
      url: server.baseUrl,
      connections: opts.connections,
      rate: opts.rate,
      headers: name === "booking" ? {} : auth,
      next: def.next,
    };
    if (opts.warmup > 0) {
      sampler.setPhase(`${name}:warmup`);
      await runLoad({ ...common, title: `${def.title} (warm-up)`, duration: opts.warmup });
    }
    sampler.setPhase(name);
    const before = await cpuNow();
    const r = await runLoad({ ...common, title: def.title, duration: opts.duration });
    if (wasInterrupted()) throw new Error("interrupted");
    const after = await cpuNow();
    sampler.setPhase("between");
    results[name] = r;
    const serverMs = cpuDelta(before.server, after.server);
    const dbMs = cpuDelta(before.db, after.db);
    const selfUsage = process.cpuUsage(before.self);
    const loadGenMs = Math.round((selfUsage.user + selfUsage.system) / 1000);
    const perReq = (v: number) => (r.responses ? Math.round((v / r.responses) * 100) / 100 : 0);
    const cores = (v: number) => Math.round((v / (r.durationSec * 1000)) * 100) / 100;
    cpu[name] = {
      serverMs,
      serverMsPerRequest: perReq(serverMs),
      serverCores: cores(serverMs),
      dbMs,
      dbMsPerRequest: perReq(dbMs),
      dbCores: cores(dbMs),
      loadGeneratorMs: loadGenMs,
      loadGeneratorCores: cores(loadGenMs),
    };
    console.log(
      `  ${int(r.responses)} responses in ${r.durationSec} s: ${int(r.rps)} req/s; p50 ${r.latency.p50} ms, p95 ${r.latency.p95} ms, p99 ${r.latency.p99} ms; ` +
        `${r.non2xx} non-2xx, ${r.errors} errors; RSS peak ${sampler.summary((p) => p === name).peakMB} MB`,
    );
    console.log(
      `  CPU per request: server ${cpu[name].serverMsPerRequest} ms, database ${cpu[name].dbMsPerRequest} ms ` +
        `(cores busy: server ${cpu[name].serverCores}, database ${cpu[name].dbCores}, load generator ${cpu[name].loadGeneratorCores})`,
    );
    for (const s of r.errorSamples) console.log(`    ${s}`);
  }
  sampler.stop();

  // Bookings really stored, and how full the fullest slot got (capacity = 10 technicians × JOBS_PER_SLOT).
  let bookingCheck: Record<string, number> | undefined;
  if (results.booking) {
    const [row] = await gen<{ stored: number; fullest: number }[]>`
      select (select count(*)::int from tickets where idempotency_key like ${`bench-${runId}-%`}) as stored,
             (select coalesce(max(n), 0)::int from (
                select count(*) as n from tickets
                where appointment_date >= ${workload.bookingDates[0]!}::date and status <> 'CANCELED'
                group by center_id, appointment_date, appointment_slot) s) as fullest`;
    bookingCheck = { stored: row!.stored, fullestSlot: row!.fullest, slotCapacity: 10 * JOBS_PER_SLOT };
    console.log(
      `  bookings stored: ${int(row!.stored)} (incl. warm-up); fullest slot ${row!.fullest}/${10 * JOBS_PER_SLOT}`,
    );
  }

  // 7. Query plans of every case, for the diagnosis of a slow scenario.
  step("EXPLAIN (ANALYZE, BUFFERS)");
  const plans: Record<string, { query: Record<string, string>; list: string; count: string }> = {};
  for (const c of [
    ...(results.list ? listCases : []),
    ...(results.search ? searchCases : []),
    ...(results.search2 ? shortSearchCases : []),
  ]) {
    plans[`${c.label}: ${new URLSearchParams(c.httpQuery)}`] = { query: c.httpQuery, ...(await explainCase(base, c)) };
  }
  console.log(`  ${Object.keys(plans).length} plans recorded`);

  // 8. Report.
  const rssIdle = sampler.summary((p) => p === "before-load");
  const rssUnderLoad = sampler.summary((p) => p !== "before-load" && p !== "between");
  const rows = evaluateTargets({
    floor: results.floor,
    list: results.list,
    search: results.search,
    booking: results.booking,
    baselineList: baseline.list,
    baselineSearch: baseline.search,
    search2: results.search2,
    baselineSearch2: baseline.search2,
    rssUnderLoad,
    rssIdle,
    generation,
  });
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "?",
    totalMemMB: Math.round(os.totalmem() / 1048576),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgVersion,
    next: packageVersion("next"),
    autocannon: packageVersion("autocannon"),
    loadAverageAtStart: loadAtStart.map((v) => Math.round(v * 100) / 100),
    loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
    gitCommit: git(["rev-parse", "HEAD"]),
    gitDirtyFiles: git(["status", "--porcelain"])?.split("\n").filter(Boolean).length ?? null,
  };
  const warnings: string[] = [];
  if (smallScale)
    warnings.push(
      `Small-scale run (${int(ticketCount)} tickets): not the 1,000,000-ticket target dataset; figures are indicative only.`,
    );
  if (opts.duration < 20) warnings.push(`Short scenarios (${opts.duration} s, target setting 20 s).`);
  if (opts.rate)
    warnings.push(
      `Fixed request rate (--rate ${opts.rate}): latencies at that load, not at the closed-loop 50 connections the targets name.`,
    );
  if (loadAtStart[0]! > cpus.length * 0.5)
    warnings.push(`Machine busy at start (load average ${loadAtStart[0]!.toFixed(2)} on ${cpus.length} CPUs).`);
  if (mismatches.length)
    warnings.push(
      "The SQL baseline's counts differ from the app's totals: the baseline no longer mirrors the app's query.",
    );
  const jsonFile = `tickets-${stamp}.json`;
  const headline =
    `${startedAt.toISOString()} · ${int(ticketCount)} tickets · ${opts.connections} connections` +
    `${opts.rate ? ` at a fixed ${opts.rate} req/s (open loop)` : " (closed loop)"} · ${opts.duration} s per scenario (+${opts.warmup} s warm-up) · ` +
    `${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · PostgreSQL ${machine.postgres} · next ${machine.next} (\`next start\`) · ` +
    `SQL baseline: the app's own statements on postgres.js, pool ${APP_POOL_SIZE}`;
  const notes: string[] = [];
  const cpuLine = opts.scenarios
    .filter((n) => cpu[n])
    .map((n) => `${n} ${cpu[n]!.serverMsPerRequest} ms server + ${cpu[n]!.dbMsPerRequest} ms database`);
  if (cpuLine.length) notes.push(`CPU per request (all cores): ${cpuLine.join("; ")}.`);
  const md = markdown({ title: "Ticket benchmark", headline, warnings, rows, notes, jsonFile });
  const passed = rows.every((r) => r.pass !== false);
  const json = {
    benchmark: "servicehub-tickets",
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    passed,
    smallScale,
    warnings,
    notes,
    settings: {
      ...opts,
      adminUrl: redact(opts.adminUrl),
      ticketsInDatabase: ticketCount,
      appPoolSize: APP_POOL_SIZE,
      jobsPerSlot: JOBS_PER_SLOT,
      timeZone: TIME_ZONE,
      port,
      buildMs,
      serverStartupMs: server.startupMs,
    },
    machine,
    targets: rows,
    generation: generation ?? null,
    workload: { ...workload, caseChecks },
    baseline: {
      ...baseline,
      // The statements themselves are in `plans` (EXPLAIN of what queryTicketPage sent).
      queries: {
        list: listCases.map((c) => c.query),
        search: searchCases.map((c) => c.query),
        search2: shortSearchCases.map((c) => c.query),
      },
    },
    scenarios: results,
    booking: bookingCheck ?? null,
    cpu,
    rss: {
      intervalMs: 500,
      processNames: [...sampler.processNames],
      idle: rssIdle,
      underLoad: rssUnderLoad,
      byScenario: Object.fromEntries(opts.scenarios.map((s) => [s, sampler.summary((p) => p === s)])),
      samples: sampler.samples.map((s) => ({ ...s, rssMB: Math.round(s.rssKB / 102.4) / 10 })),
    },
    plans,
  };
  const written = writeResults(opts.resultsDir, stamp, json, md);
  console.log(`\n${consoleTable(rows)}\n`);
  console.log(`Results: ${written.jsonPath}\n         ${written.mdPath}`);
  console.log(passed ? "All targets met." : "A target was missed (see above).");
  keepTmp = false;
  return passed ? 0 : 1;
}

await runBenchmarkCli({ parseOptions, main, stopping: "the load, the server and dropping the bench database" });
