/**
 * `npm run bench:sync`: the sync engine against a fake Jira with 100,000 issues, on real PostgreSQL.
 *
 *  1. creates a fresh database (migrated) and two Jira systems: one for 100,000 issues, one for 10,000,
 *     each served by a fake Jira in its own process on loopback;
 *  2. baseline: a bare script fetches the same pages and bulk-inserts them (scripts/bench/sync-worker.ts
 *     baseline), measured before and after the engine so a drifting machine shows;
 *  3. the engine's full sync of 100,000 (records/s, peak RSS), then 1% of the issues are edited and an
 *     incremental sync is timed, then a full sync of 10,000 for the memory comparison;
 *  4. writes bench/results/sync-<timestamp>.json and sync-latest.md, and exits 1 when a target is missed.
 *
 * Targets (ratios in one run, so the machine's speed cancels out): engine throughput ≥ 0.5× the
 * baseline; incremental ≤ 5% of the full sync's time; peak RSS at 100,000 ≤ 1.2× the peak at 10,000.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";

const { values: opts } = parseArgs({
  options: {
    issues: { type: "string", default: "100000" },
    small: { type: "string", default: "10000" },
    changed: { type: "string", default: "0.01" },
    "admin-url": { type: "string", default: process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    "keep-db": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (opts.help) {
  console.log(`Usage: npm run bench:sync -- [--issues 100000] [--small 10000] [--changed 0.01] [--admin-url <postgres url>] [--keep-db]`);
  process.exit(0);
}
const ISSUES = Number(opts.issues);
const SMALL = Number(opts.small);
const CHANGED = Math.round(ISSUES * Number(opts.changed));
const resultsDir = path.resolve("bench/results");

// Secrets for this run only: the orchestrator seals the systems' credentials, the workers open them.
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
process.env.HASH_KEY ??= randomBytes(32).toString("base64url");
process.env.LINK_SIGNING_SECRET ??= randomBytes(32).toString("base64url");
process.env.LOG_LEVEL = "silent";

const dbName = `servicehub_bench_sync_${Date.now()}`;
const adminUrl = opts["admin-url"]!;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const children: ChildProcess[] = [];

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  console.log(`Database ${dbName} created.`);
  try {
    process.env.DATABASE_URL = dbUrl;
    const { openDatabase } = await import("@/db/client");
    const { installDatabase, closeDb } = await import("@/lib/db");
    installDatabase(await openDatabase({ url: dbUrl, migrate: true }));
    const { createUser, loadActor } = await import("@/lib/auth/users");
    const { createSystem } = await import("@/lib/sync/systems");
    const { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN } = await import("@/test/fakes/jira-server");

    console.log(`Starting fake Jira servers (${ISSUES.toLocaleString()} and ${SMALL.toLocaleString()} issues)…`);
    const [big, small] = await Promise.all([startFake(ISSUES), startFake(SMALL)]);
    const user = await createUser({ email: "bench@servicehub.local", name: "bench", role: "admin", password: randomBytes(12).toString("hex") });
    const actor = (await loadActor(user.id))!;
    const system = (name: string, url: string) =>
      createSystem({ name, type: "jira", api_url: url, username: FAKE_JIRA_EMAIL, api_key: FAKE_JIRA_TOKEN, settings: { project_key: "OPS" }, is_active: false }, actor);
    const bigSystem = await system("Bench Jira 100k", big.url);
    const smallSystem = await system("Bench Jira 10k", small.url);
    await closeDb();

    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    console.log(`Machine: ${machine}`);

    console.log("Baseline (bare fetch + bulk insert), first pass…");
    const baseline1 = await worker("baseline", big.url);
    log("baseline", baseline1);
    console.log("Engine: full sync…");
    const full = await worker("engine", String(bigSystem.id));
    log("engine full", full);
    console.log(`Editing ${CHANGED.toLocaleString()} issues (${Number(opts.changed) * 100}%)…`);
    await edit(big.child, CHANGED);
    console.log("Engine: incremental sync…");
    const incremental = await worker("engine", String(bigSystem.id));
    log("engine incremental", incremental);
    console.log("Baseline, second pass…");
    const baseline2 = await worker("baseline", big.url);
    log("baseline", baseline2);
    console.log(`Engine: full sync of ${SMALL.toLocaleString()} (memory reference)…`);
    const smallFull = await worker("engine", String(smallSystem.id));
    log("engine full (small)", smallFull);

    const baselineRate = (rate(baseline1) + rate(baseline2)) / 2;
    const targets = [
      {
        name: "engine throughput ≥ 0.5× baseline",
        value: round(rate(full) / baselineRate, 3),
        limit: 0.5,
        pass: rate(full) / baselineRate >= 0.5,
      },
      {
        name: "incremental (1% changed) ≤ 5% of the full sync's time",
        value: round(incremental.ms / full.ms, 4),
        limit: 0.05,
        pass: incremental.ms / full.ms <= 0.05,
      },
      {
        name: `peak RSS at ${ISSUES.toLocaleString()} ≤ 1.2× the peak at ${SMALL.toLocaleString()}`,
        value: round(full.peakRssMb / smallFull.peakRssMb, 3),
        limit: 1.2,
        pass: full.peakRssMb / smallFull.peakRssMb <= 1.2,
      },
    ];
    const report = {
      at: new Date().toISOString(),
      machine,
      issues: ISSUES,
      small: SMALL,
      changed: CHANGED,
      baseline: [baseline1, baseline2].map(withRate),
      engine: { full: withRate(full), incremental: withRate(incremental), smallFull: withRate(smallFull) },
      targets,
    };
    write(report);
    console.table(targets);
    process.exitCode = targets.every((t) => t.pass) ? 0 : 1;
  } finally {
    for (const c of children) c.kill();
    if (!opts["keep-db"]) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

interface WorkerResult {
  records: number;
  ms: number;
  peakRssMb: number;
  retainedHeapMb?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
}

const rate = (r: WorkerResult) => r.records / (r.ms / 1000);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const withRate = (r: WorkerResult) => ({ ...r, ms: Math.round(r.ms), recordsPerSecond: Math.round(rate(r)) });
const log = (label: string, r: WorkerResult) =>
  console.log(
    `  ${label}: ${r.records.toLocaleString()} records in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(rate(r)).toLocaleString()}/s, peak RSS ${r.peakRssMb} MB, heap held after GC ${r.retainedHeapMb} MB`,
  );

function tsx(args: string[], extra: Parameters<typeof spawn>[2] = {}) {
  const child = spawn(process.execPath, ["--expose-gc", "--conditions=react-server", "--import", "tsx", ...args], {
    env: { ...process.env, DATABASE_URL: dbUrl },
    ...extra,
  });
  children.push(child);
  return child;
}

function startFake(issues: number): Promise<{ url: string; child: ChildProcess }> {
  const child = tsx(["scripts/bench/sync-fake-jira.ts", String(issues)], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      const m = /READY (\S+)/.exec(String(d));
      if (m) resolve({ url: m[1]!, child });
    });
    child.on("exit", (code) => reject(new Error(`fake Jira exited (${code})`)));
  });
}

function edit(child: ChildProcess, n: number): Promise<void> {
  return new Promise((resolve) => {
    child.once("message", () => resolve());
    child.send({ edit: n });
  });
}

function worker(mode: "engine" | "baseline", arg: string): Promise<WorkerResult> {
  const child = tsx(["scripts/bench/sync-worker.ts", mode, arg], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0) resolve(JSON.parse(line) as WorkerResult);
      else reject(new Error(`${mode} worker exited (${code}): ${out.slice(-1000)}`));
    }),
  );
}

function write(report: {
  at: string;
  machine: string;
  baseline: ReturnType<typeof withRate>[];
  engine: Record<string, ReturnType<typeof withRate>>;
  targets: { name: string; value: number; limit: number; pass: boolean }[];
}) {
  fs.mkdirSync(resultsDir, { recursive: true });
  // Only the latest run is kept (older runs are in git history).
  for (const f of fs.readdirSync(resultsDir)) if (/^sync-.*\.json$/.test(f)) fs.rmSync(path.join(resultsDir, f));
  const stamp = report.at.replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(resultsDir, `sync-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const row = (label: string, r: ReturnType<typeof withRate>) =>
    `| ${label} | ${r.records.toLocaleString("en")} | ${(r.ms / 1000).toFixed(1)} s | ${r.recordsPerSecond.toLocaleString("en")} | ${r.peakRssMb} MB | ${r.retainedHeapMb} MB |`;
  const md = [
    `# Sync benchmark (${report.at})`,
    "",
    `Machine: ${report.machine}. Fake Jira on loopback (own process), PostgreSQL on the same machine.`,
    "",
    "| run | records | time | records/s | peak RSS | heap held after the run (after GC) |",
    "|---|---|---|---|---|---|",
    row("baseline (bare fetch + insert), before", report.baseline[0]!),
    row("engine, full sync", report.engine.full!),
    row(`engine, incremental (${CHANGED.toLocaleString("en")} edited)`, report.engine.incremental!),
    row("baseline, after", report.baseline[1]!),
    row(`engine, full sync of ${SMALL.toLocaleString("en")}`, report.engine.smallFull!),
    "",
    "| target | measured | limit | result |",
    "|---|---|---|---|",
    ...report.targets.map((t) => `| ${t.name} | ${t.value} | ${t.limit} | ${t.pass ? "pass" : "FAIL"} |`),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(resultsDir, "sync-latest.md"), md);
  console.log(`\nResults: bench/results/sync-${stamp}.json and sync-latest.md`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  for (const c of children) c.kill();
  process.exitCode = 1;
});
