/**
 * `npm run bench:projects`: a customer opening a project through their link, on a cache hit
 * (`GET /api/projects/{id}?token=…`), against a bare `node:http` server doing the same work (bench/README.md).
 *
 *  1. builds the app into .next-bench (unless the build is newer than the sources),
 *  2. creates a fresh database (migrated) and fills the project cache through the product's own code:
 *     generated library projects mapped by `mapProject` and written by `writeProjects` (7-day TTL, so
 *     every read is a cache hit), then one customer link per chosen project by `issueAccessLink`,
 *  3. starts `next start` and the baseline (scripts/bench/projects-baseline-server.ts: node:http calling
 *     `getProjectByLink` itself) on that database, and checks that both answer 200 `from_cache: true`
 *     with the same body,
 *  4. loads each in turn with autocannon (warm-up, then the measured period), rotating over the links,
 *  5. writes bench/results/projects-latest.json and projects-latest.md; exits 1 if the target is missed.
 *
 * Target: the app's throughput ≥ 0.4× the baseline's (2xx responses per second, no error in either run);
 * the p99 of both is reported.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import postgres from "postgres";
import { buildApp, buildState, freePort, processGroup, startServer, type RunningServer } from "./app-server";
import { Cleanup, git, packageVersion, runBenchmarkCli, step, wasInterrupted, withDatabase } from "./harness";
import { runLoad, type LoadItem, type LoadResult } from "./load";
import { cpuDelta, cpuSnapshot, processTree } from "./rss";
import { int, ms, round } from "./stats";

/** The target: app 2xx req/s ÷ baseline 2xx req/s. */
const TARGET_RATIO = 0.4;
/** The cache TTL the projects are written with (the longest the product's config allows): no read expires. */
const TTL_MINUTES = 10_080;
const PROJECT_BATCH = 500;
const LINK_BATCH = 100;

interface Options {
  adminUrl: string;
  projects: number;
  links: number;
  duration: number;
  warmup: number;
  connections: number;
  keepDb: boolean;
  skipBuild: boolean;
  /** Also measure the app's GET /api/health (one `select 1` through the same stack): a reference, no target. */
  floor: boolean;
  cpuProfDir: string | null;
  distDir: string;
  resultsDir: string;
}

const usage = `Usage: npm run bench:projects -- [options]

Creates a fresh database, fills the project cache and issues customer links through the product's own
code, then measures GET /api/projects/{id}?token= (cache hits) on \`next start\` and on a bare node:http
server calling the same service function (the baseline), one after the other. Results: bench/results/.

Options (environment variable in brackets):
  --projects <n>      Projects written to the cache [BENCH_PROJECTS] (default 10000)
  --links <n>         Customer links issued, spread over the projects; requests rotate over them
                      [BENCH_LINKS] (default 1000)
  --duration <s>      Measured seconds per server [BENCH_DURATION] (default 20)
  --warmup <s>        Unmeasured warm-up seconds per server (JIT, pools) [BENCH_WARMUP] (default 20)
  --connections <n>   autocannon connections [BENCH_CONNECTIONS] (default 50)
  --admin-url <url>   Maintenance connection, to create and drop the database [BENCH_ADMIN_URL]
                      (default postgres://postgres@127.0.0.1:5432/postgres)
  --floor             Also measure the app's GET /api/health (one \`select 1\` through the same stack) after the
                      two servers: what the framework costs per request on its own (a reference, no target)
  --keep-db           Leave the bench database in place at the end (its name is printed)
  --skip-build        Use the existing build in .next-bench as it is
  --cpu-prof <dir>    Profile both servers (node --cpu-prof): .cpuprofile files in <dir>/app and <dir>/baseline,
                      written when they stop
  -h, --help          This text`;

function num(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min} (got ${raw})`);
  return value;
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      projects: { type: "string" },
      links: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      "admin-url": { type: "string" },
      "keep-db": { type: "boolean" },
      floor: { type: "boolean" },
      "skip-build": { type: "boolean" },
      "cpu-prof": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return null;
  }
  const env = process.env;
  return {
    adminUrl: values["admin-url"] ?? env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    projects: Math.round(num("projects", values.projects ?? env.BENCH_PROJECTS, 10_000, 1)),
    links: Math.round(num("links", values.links ?? env.BENCH_LINKS, 1_000, 1)),
    duration: num("duration", values.duration ?? env.BENCH_DURATION, 20, 1),
    warmup: num("warmup", values.warmup ?? env.BENCH_WARMUP, 20, 0),
    connections: Math.round(num("connections", values.connections ?? env.BENCH_CONNECTIONS, 50, 1)),
    keepDb: Boolean(values["keep-db"]),
    skipBuild: Boolean(values["skip-build"]),
    floor: Boolean(values.floor),
    cpuProfDir: values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null,
    distDir: ".next-bench",
    resultsDir: "bench/results",
  };
}

const secret = (bytes = 36) => randomBytes(bytes).toString("base64url");
const noop = () => {};

const redact = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
};

/**
 * The baseline server (scripts/bench/projects-baseline-server.ts) in its own process group, run as the
 * app is (Node's default heap), with `--conditions=react-server` and tsx like every bench script.
 */
async function startBaseline(opts: {
  env: Record<string, string>;
  logFile: string;
  cpuProfDir: string | null;
  onSpawn: (stop: () => Promise<void>) => void;
}): Promise<RunningServer> {
  const started = performance.now();
  // Its stderr and (relayed below) its stdout both append to the log.
  fs.writeFileSync(opts.logFile, "");
  const log = fs.openSync(opts.logFile, "a");
  const child = spawn(
    process.execPath,
    [
      ...(opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : []),
      "--conditions=react-server",
      "--import",
      "tsx",
      "scripts/bench/projects-baseline-server.ts",
    ],
    { env: { ...process.env, ...opts.env, PORT: "0" }, stdio: ["ignore", "pipe", log], detached: true },
  );
  const group = processGroup(child);
  const { pid, stop, exitedPromise } = group;
  opts.onSpawn(stop);
  // Everything it prints goes to its log (read continuously, so a full pipe never blocks it).
  const baseUrl = await new Promise<string | null>((resolve) => {
    let seen = "";
    child.stdout!.on("data", (d: Buffer) => {
      fs.appendFileSync(opts.logFile, d);
      seen = (seen + String(d)).slice(-1000);
      const m = /READY (\S+)/.exec(seen);
      if (m) resolve(m[1]!);
    });
    void exitedPromise.then(() => resolve(null));
    setTimeout(() => resolve(null), 60_000).unref();
  });
  fs.closeSync(log);
  if (!baseUrl) {
    await stop();
    const tail = fs.readFileSync(opts.logFile, "utf8").split("\n").slice(-30).join("\n");
    throw new Error(
      `baseline server ${group.exited() !== undefined ? `exited (code ${group.exited()})` : "did not start in time"}; log: ${opts.logFile}\n${tail}`,
    );
  }
  return {
    pid,
    port: Number(new URL(baseUrl).port),
    baseUrl,
    logFile: opts.logFile,
    startupMs: Math.round(performance.now() - started),
    stop,
  };
}

interface Link {
  projectId: string;
  userId: string;
  token: string;
}

interface ServerRun {
  name: "baseline" | "app" | "floor";
  title: string;
  load: LoadResult;
  cpu: {
    serverMs: number;
    serverMsPerRequest: number;
    serverCores: number;
    dbMs: number;
    dbMsPerRequest: number;
    dbCores: number;
    loadGeneratorMs: number;
    loadGeneratorCores: number;
  };
  rssMB: number;
}

async function main(opts: Options, cleanup: Cleanup): Promise<number> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const cpus = os.cpus();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "servicehub-bench-projects-"));
  let keepTmp = true;
  cleanup.add("temp folder", async () => {
    if (!keepTmp) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`  logs kept in ${tmp}`);
  });
  const dbName = `servicehub_bench_projects_${Date.now()}`;
  const dbUrl = withDatabase(opts.adminUrl, dbName);

  console.log(
    `ServiceHub project cache benchmark: ${int(opts.projects)} projects, ${int(opts.links)} links, ` +
      `${opts.connections} connections, ${opts.duration} s per server (+${opts.warmup} s warm-up)`,
  );
  if (loadAtStart[0]! > cpus.length * 0.5) {
    console.warn(`  ⚠ load average ${loadAtStart[0]!.toFixed(2)} on ${cpus.length} CPUs: results will be noisy`);
  }

  // Fresh secrets for this run. This process signs the links, so it needs the servers' secrets too.
  const secrets = {
    AUTH_SECRET: secret(),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    HASH_KEY: secret(),
    LINK_SIGNING_SECRET: secret(),
  };
  Object.assign(process.env, secrets, { DATABASE_URL: dbUrl, LOG_LEVEL: "warn" });

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
  if (wasInterrupted()) throw new Error("interrupted");

  // 2. Database and data, through the product's own code.
  step(`Database ${dbName}`);
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: noop });
  cleanup.add("admin connection", () => admin.end({ timeout: 5 }));
  const [{ server_version: pgVersion } = { server_version: "?" }] = await admin<
    { server_version: string }[]
  >`show server_version`;
  await admin.unsafe(`create database ${dbName}`);
  cleanup.add(opts.keepDb ? "keep bench database" : "drop bench database", async () => {
    if (opts.keepDb) return console.log(`  --keep-db: database ${dbName} left in place (${redact(dbUrl)})`);
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    console.log(`  dropped database ${dbName}`);
  });
  const { openDatabase } = await import("@/db/client");
  const { installDatabase, closeDb, getDb } = await import("@/lib/db");
  const opened = await openDatabase({ url: dbUrl, migrate: true });
  // Both servers open theirs the same way (lib/db.ts: openDatabase({ url }), no pool size): record it.
  const poolSize = (opened.db as unknown as { $client?: { options?: { max?: number } } }).$client?.options?.max ?? null;
  installDatabase(opened);
  cleanup.add("bench process pool", () => closeDb());
  console.log(`  created and migrated; the servers' pool (db/client.ts default): ${poolSize ?? "?"} connections`);

  const { generateProjects } = await import("@/test/fakes/project-library-server");
  const { mapProject } = await import("@/lib/projects/library/mapper");
  const { writeProjects } = await import("@/lib/projects/cache");
  const { transactionWithEvents } = await import("@/lib/jobs/outbox");
  const { issueAccessLink } = await import("@/lib/projects/access-links");

  let t0 = performance.now();
  const mapped = generateProjects(opts.projects, { endAt: startedAt }).map((raw) => {
    const r = mapProject(raw);
    if (!r.ok) throw new Error(`generated project ${r.externalId} does not map: ${r.reason}`);
    return r.record;
  });
  let written = 0;
  for (let i = 0; i < mapped.length; i += PROJECT_BATCH) {
    if (wasInterrupted()) throw new Error("interrupted");
    const batch = mapped.slice(i, i + PROJECT_BATCH);
    const result = await transactionWithEvents((tx, emit) =>
      writeProjects(tx, emit, batch, {
        systemId: null,
        ttlMinutes: TTL_MINUTES,
        source: "sync",
        notify: { enabled: false, channels: [] },
      }),
    );
    written += result.created;
  }
  const projectsMs = Math.round(performance.now() - t0);
  if (written !== mapped.length) throw new Error(`writeProjects created ${written} of ${mapped.length} projects`);
  console.log(`  ${int(written)} projects written by writeProjects in ${(projectsMs / 1000).toFixed(1)} s`);

  // One customer link per chosen project, the projects spread evenly (more links than projects: several each).
  t0 = performance.now();
  const db = await getDb();
  const links: Link[] = [];
  for (let i = 0; i < opts.links; i += LINK_BATCH) {
    if (wasInterrupted()) throw new Error("interrupted");
    await db.transaction(async (tx) => {
      for (let k = i; k < Math.min(i + LINK_BATCH, opts.links); k++) {
        const project = mapped[Math.floor((k * mapped.length) / opts.links) % mapped.length]!;
        const customer = project.people.find((p) => p.role === "customer")!;
        const { token } = await issueAccessLink(
          tx,
          { projectId: project.id, accessType: "customer", userId: customer.id, userName: customer.name },
          null,
        );
        links.push({ projectId: project.id, userId: customer.id, token });
      }
    });
  }
  const linksMs = Math.round(performance.now() - t0);
  console.log(`  ${int(links.length)} customer links issued by issueAccessLink in ${(linksMs / 1000).toFixed(1)} s`);
  await closeDb();
  // As autovacuum would have by the time a cache this size is read: fresh statistics for both tables.
  const seeded = postgres(dbUrl, { max: 1, onnotice: noop });
  await seeded.unsafe("vacuum (analyze) projects, project_access_tokens");
  const [counts] = await seeded<{ projects: number; fresh: number; links: number }[]>`
    select (select count(*)::int from projects) as projects,
           (select count(*)::int from projects where expires_at > now() + interval '1 day') as fresh,
           (select count(*)::int from project_access_tokens) as links`;
  await seeded.end({ timeout: 5 });

  // 3. Servers: the same environment and database for both.
  step("Servers");
  const port = await freePort();
  const uploads = path.join(tmp, "uploads");
  fs.mkdirSync(uploads);
  const serverEnv: Record<string, string> = {
    ...secrets,
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    AUTH_TRUST_HOST: "true",
    JOB_DRIVER: "inline",
    LOG_LEVEL: "warn",
    UPLOAD_ROOT: uploads,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  };
  const profDir = (name: string) => {
    if (!opts.cpuProfDir) return null;
    const dir = path.join(opts.cpuProfDir, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  const app = await startServer({
    distDir: opts.distDir,
    port,
    env: serverEnv,
    logFile: path.join(tmp, "app-server.log"),
    cpuProfDir: profDir("app"),
    onSpawn: (stop) => cleanup.add("stop app server", stop),
  });
  console.log(`  next start: ${app.baseUrl} (pid ${app.pid}, ready in ${(app.startupMs / 1000).toFixed(1)} s)`);
  const baseline = await startBaseline({
    env: serverEnv,
    logFile: path.join(tmp, "baseline-server.log"),
    cpuProfDir: profDir("baseline"),
    onSpawn: (stop) => cleanup.add("stop baseline server", stop),
  });
  console.log(
    `  baseline (node:http + getProjectByLink): ${baseline.baseUrl} (pid ${baseline.pid}, ready in ${(baseline.startupMs / 1000).toFixed(1)} s)`,
  );

  // 4. Before measuring: both answer a cache hit, with the same body.
  const items: LoadItem[] = links.map((l) => ({
    label: "cache hit",
    method: "GET",
    path: `/api/projects/${encodeURIComponent(l.projectId)}?token=${encodeURIComponent(l.token)}`,
  }));
  const samples = [...new Set([0, Math.floor(links.length / 2), links.length - 1])];
  const verification: { path: string; projectId: string; app: number; baseline: number; sameBody: boolean }[] = [];
  /** What may differ between two reads a moment apart: the copy's age. */
  const stable = (body: Record<string, unknown>) => ({ ...body, cache_time: null, cache_age_seconds: null });
  for (const i of samples) {
    const item = items[i]!;
    const bodies: Record<string, Record<string, unknown>> = {};
    const statuses: Record<string, number> = {};
    for (const [name, server] of [
      ["app", app],
      ["baseline", baseline],
    ] as const) {
      const res = await fetch(`${server.baseUrl}${item.path}`, { signal: AbortSignal.timeout(30_000) });
      const text = await res.text();
      statuses[name] = res.status;
      if (res.status !== 200) {
        throw new Error(
          `${name}: GET /api/projects/${links[i]!.projectId}?token=… answered ${res.status}: ${text.slice(0, 300)}`,
        );
      }
      const body = JSON.parse(text) as Record<string, unknown> & { from_cache?: unknown; project?: { id?: unknown } };
      if (body.from_cache !== true || body.stale !== false || body.project?.id !== links[i]!.projectId) {
        throw new Error(
          `${name}: GET /api/projects/${links[i]!.projectId}?token=… is not a fresh cache hit ` +
            `(from_cache ${String(body.from_cache)}, stale ${String(body.stale)}, project ${String(body.project?.id)}): ${text.slice(0, 300)}`,
        );
      }
      bodies[name] = body;
    }
    const sameBody = isDeepStrictEqual(stable(bodies.app!), stable(bodies.baseline!));
    verification.push({
      path: item.path.replace(/token=[^&]+/, "token=…"),
      projectId: links[i]!.projectId,
      app: statuses.app!,
      baseline: statuses.baseline!,
      sameBody,
    });
    if (!sameBody) {
      throw new Error(
        `The baseline's answer differs from the app's for ${links[i]!.projectId}: the baseline no longer does the same work.\n` +
          `  app:      ${JSON.stringify(bodies.app).slice(0, 600)}\n  baseline: ${JSON.stringify(bodies.baseline).slice(0, 600)}`,
      );
    }
  }
  console.log(`  ✓ ${samples.length} sample links: 200, from_cache: true, the same body from both servers`);

  // 5. Load, one server after the other.
  /** The servers' database sessions (ours are on the admin database), whose CPU is the database's share. */
  const backends = async () =>
    (
      await admin<{ pid: number }[]>`
        select pid from pg_stat_activity where datname = ${dbName} and backend_type = 'client backend'`
    ).map((r) => r.pid);
  const runs: ServerRun[] = [];
  const health: LoadItem[] = [{ label: "health", method: "GET", path: "/api/health" }];
  const phases: { name: ServerRun["name"]; title: string; server: RunningServer; items: LoadItem[] }[] = [
    { name: "baseline", title: "bare node:http + getProjectByLink (baseline)", server: baseline, items },
    { name: "app", title: "app: next start, GET /api/projects/{id}?token=", server: app, items },
  ];
  if (opts.floor)
    phases.push({
      name: "floor",
      title: "reference: app, GET /api/health (one `select 1`)",
      server: app,
      items: health,
    });
  for (const phase of phases) {
    if (wasInterrupted()) throw new Error("interrupted");
    step(`Load: ${phase.title}`);
    let k = 0;
    const common = {
      url: phase.server.baseUrl,
      connections: opts.connections,
      headers: {},
      // Each request the next link; connections share the rotation, so every link is read in turn.
      next: () => phase.items[k++ % phase.items.length]!,
    };
    if (opts.warmup > 0) await runLoad({ ...common, title: `${phase.title} (warm-up)`, duration: opts.warmup });
    if (wasInterrupted()) throw new Error("interrupted");
    const before = {
      server: cpuSnapshot(processTree(phase.server.pid).map((p) => p.pid)),
      db: cpuSnapshot(await backends()),
      self: process.cpuUsage(),
    };
    const load = await runLoad({ ...common, title: phase.title, duration: opts.duration });
    if (wasInterrupted()) throw new Error("interrupted");
    const tree = processTree(phase.server.pid);
    const after = { server: cpuSnapshot(tree.map((p) => p.pid)), db: cpuSnapshot(await backends()) };
    const serverMs = cpuDelta(before.server, after.server);
    const dbMs = cpuDelta(before.db, after.db);
    const self = process.cpuUsage(before.self);
    const loadGeneratorMs = Math.round((self.user + self.system) / 1000);
    const perReq = (v: number) => (load.responses ? round(v / load.responses, 3) : 0);
    const cores = (v: number) => round(v / (load.durationSec * 1000), 2);
    const run: ServerRun = {
      name: phase.name,
      title: phase.title,
      load,
      cpu: {
        serverMs,
        serverMsPerRequest: perReq(serverMs),
        serverCores: cores(serverMs),
        dbMs,
        dbMsPerRequest: perReq(dbMs),
        dbCores: cores(dbMs),
        loadGeneratorMs,
        loadGeneratorCores: cores(loadGeneratorMs),
      },
      rssMB: round(tree.reduce((s, p) => s + p.rssKB, 0) / 1024, 1),
    };
    runs.push(run);
    console.log(
      `  ${int(load.responses)} responses in ${load.durationSec} s: ${int(load.okRps)} 2xx req/s; ` +
        `p50 ${ms(load.latency.p50)}, p95 ${ms(load.latency.p95)}, p99 ${ms(load.latency.p99)}; ` +
        `${int(load.non2xx)} non-2xx, ${int(load.errors)} errors`,
    );
    console.log(
      `  CPU per request: server ${run.cpu.serverMsPerRequest} ms, database ${run.cpu.dbMsPerRequest} ms ` +
        `(cores busy: server ${run.cpu.serverCores}, database ${run.cpu.dbCores}, load generator ${run.cpu.loadGeneratorCores}); RSS ${run.rssMB} MB`,
    );
    for (const s of load.errorSamples) console.log(`    ${s}`);
  }

  // 6. Report.
  const base = runs.find((r) => r.name === "baseline")!;
  const appRun = runs.find((r) => r.name === "app")!;
  const floorRun = runs.find((r) => r.name === "floor");
  const ratio = base.load.okRps > 0 ? appRun.load.okRps / base.load.okRps : 0;
  const clean = (r: ServerRun) => r.load.non2xx === 0 && r.load.errors === 0;
  const passed = ratio >= TARGET_RATIO && clean(base) && clean(appRun);
  const loadAtEnd = os.loadavg();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "?",
    totalMemMB: Math.round(os.totalmem() / 1048576),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgVersion,
    next: packageVersion("next"),
    autocannon: packageVersion("autocannon"),
    loadAverageAtStart: loadAtStart.map((v) => round(v, 2)),
    loadAverageAtEnd: loadAtEnd.map((v) => round(v, 2)),
    gitCommit: git(["rev-parse", "HEAD"]),
    gitDirtyFiles: git(["status", "--porcelain"])?.split("\n").filter(Boolean).length ?? null,
  };
  const warnings: string[] = [];
  if (opts.projects < 10_000 || opts.links < 1_000)
    warnings.push(
      `Small-scale run (${int(opts.projects)} projects, ${int(opts.links)} links; the reference setting is 10,000 and 1,000).`,
    );
  if (opts.duration < 20)
    warnings.push(`Short measurements (${opts.duration} s per server; the reference setting is 20 s).`);
  if (loadAtStart[0]! > cpus.length * 0.5)
    warnings.push(
      `Machine busy at start (load average ${loadAtStart[0]!.toFixed(2)} on ${cpus.length} CPUs): throughput and latency are noisy (the servers get uneven shares of the CPUs); CPU per request less so.`,
    );
  for (const r of [base, appRun])
    if (!clean(r))
      warnings.push(
        `${r.title}: ${int(r.load.non2xx)} non-2xx responses and ${int(r.load.errors)} errors (the target requires none).`,
      );

  const target = {
    name: `app throughput ≥ ${TARGET_RATIO}× the baseline's`,
    limit: TARGET_RATIO,
    ratio: round(ratio, 3),
    pass: passed,
    appOkRps: appRun.load.okRps,
    baselineOkRps: base.load.okRps,
    appP99: appRun.load.latency.p99,
    baselineP99: base.load.latency.p99,
  };
  const headline =
    `${startedAt.toISOString()} · ${int(counts!.projects)} cached projects, ${int(counts!.links)} customer links (requests rotate over them) · ` +
    `${opts.connections} connections (closed loop), ${opts.duration} s per server (+${opts.warmup} s warm-up), baseline first · ` +
    `pool ${poolSize ?? "?"} connections each · ${machine.cpus} × ${machine.cpuModel}, ${int(machine.totalMemMB)} MB · ` +
    `Node ${machine.node} · PostgreSQL ${machine.postgres} · next ${machine.next} · load average at start ${machine.loadAverageAtStart.join(" / ")}`;
  const row = (r: ServerRun) =>
    `| ${r.title} | ${int(r.load.okRps)} | ${ms(r.load.latency.p50)} | ${ms(r.load.latency.p95)} | ${ms(r.load.latency.p99)} | ` +
    `${int(r.load.non2xx)} | ${int(r.load.errors)} | ${r.cpu.serverMsPerRequest} ms | ${r.cpu.dbMsPerRequest} ms |`;
  const notes = [
    `CPU per request is the server's process tree and the database sessions' CPU time over the measured period, divided by the responses. ` +
      `One Node process runs JavaScript on one core: 1,000 ÷ server ms per request is its ceiling in req/s ` +
      `(app ${int(1000 / Math.max(appRun.cpu.serverMsPerRequest, 0.001))}, baseline ${int(1000 / Math.max(base.cpu.serverMsPerRequest, 0.001))}). ` +
      `The load generator used ${appRun.cpu.loadGeneratorCores} / ${base.cpu.loadGeneratorCores} cores (app / baseline run).`,
    `Both servers did the same database work per request: the link's SELECT (its last_used_at UPDATE at most once a minute), the project's SELECT and the time-display setting's SELECT.`,
    `In CPU terms the target asks the app to spend at most ${round(base.cpu.serverMsPerRequest / TARGET_RATIO, 2)} ms of server CPU per request ` +
      `(the baseline's ${base.cpu.serverMsPerRequest} ms ÷ ${TARGET_RATIO}); it spent ${appRun.cpu.serverMsPerRequest} ms.`,
  ];
  if (floorRun)
    notes.push(
      `Reference (no target): the app's lightest route, \`GET /api/health\` (one \`select 1\`), cost ${floorRun.cpu.serverMsPerRequest} ms of server CPU ` +
        `per request (${int(floorRun.load.okRps)} req/s, p99 ${ms(floorRun.load.latency.p99)}): what Next.js and \`withApi\` cost before any project work.`,
    );
  const md = [
    "# Project cache benchmark",
    "",
    headline,
    "",
    ...warnings.map((w) => `> ⚠️ ${w}`),
    ...(warnings.length ? [""] : []),
    "| Server | 2xx req/s | p50 | p95 | p99 | non-2xx | errors | server CPU / request | database CPU / request |",
    "|---|---|---|---|---|---|---|---|---|",
    row(base),
    row(appRun),
    ...(floorRun ? [row(floorRun)] : []),
    "",
    "| Target | Measured | Result |",
    "|---|---|---|",
    `| ${target.name} (2xx req/s, no errors) | ${target.ratio}× (${int(appRun.load.okRps)} ÷ ${int(base.load.okRps)} req/s) | ${passed ? "✅ pass" : "❌ FAIL"} |`,
    `| p99 (reported, no target) | app ${ms(appRun.load.latency.p99)}, baseline ${ms(base.load.latency.p99)} | — |`,
    "",
    ...notes.map((n) => `- ${n}`),
    "",
    "All figures and settings: `bench/results/projects-latest.json`. How to read them: `bench/README.md`.",
    "",
  ].join("\n");
  const json = {
    benchmark: "servicehub-projects",
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    passed,
    target,
    warnings,
    notes,
    settings: {
      ...opts,
      adminUrl: redact(opts.adminUrl),
      dbName,
      poolSize,
      ttlMinutes: TTL_MINUTES,
      buildMs,
      appStartupMs: app.startupMs,
      baselineStartupMs: baseline.startupMs,
      order: runs.map((r) => r.name),
    },
    machine,
    data: { ...counts, projectsWriteMs: projectsMs, linksIssueMs: linksMs },
    verification,
    servers: Object.fromEntries(runs.map((r) => [r.name, r])),
  };
  fs.mkdirSync(opts.resultsDir, { recursive: true });
  const jsonPath = path.join(opts.resultsDir, "projects-latest.json");
  const mdPath = path.join(opts.resultsDir, "projects-latest.md");
  // Write then rename, so a reader never sees half a file (bench/results/*.tmp is git-ignored).
  for (const [file, content] of [
    [jsonPath, `${JSON.stringify(json, null, 2)}\n`],
    [mdPath, md],
  ] as const) {
    fs.writeFileSync(`${file}.tmp`, content);
    fs.renameSync(`${file}.tmp`, file);
  }
  console.log(
    `\n${target.name}: ${target.ratio}× (app ${int(appRun.load.okRps)} ÷ baseline ${int(base.load.okRps)} 2xx req/s) → ${passed ? "PASS" : "FAIL"}`,
  );
  console.log(`p99: app ${ms(appRun.load.latency.p99)}, baseline ${ms(base.load.latency.p99)}`);
  for (const w of warnings) console.log(`⚠ ${w}`);
  console.log(`Results: ${jsonPath}\n         ${mdPath}`);
  keepTmp = false;
  return passed ? 0 : 1;
}

await runBenchmarkCli({ parseOptions, main, stopping: "the load and both servers, dropping the bench database" });
