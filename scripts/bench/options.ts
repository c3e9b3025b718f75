import path from "node:path";
import { parseArgs } from "node:util";

/** `floor` is a reference, not a target: GET /api/health (one `select 1`) through the same stack. */
export const scenarioNames = ["floor", "list", "search", "search2", "booking"] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface BenchOptions {
  /** A maintenance connection (any database) used to create and drop the bench database. */
  adminUrl: string;
  dbName: string;
  tickets: number;
  /** Seconds of measured load per scenario. */
  duration: number;
  /** Seconds of unmeasured load before each scenario (JIT, caches, connection pools). */
  warmup: number;
  connections: number;
  /** 0: closed loop (each connection sends as soon as it has its answer); n: a fixed n requests/s in total. */
  rate: number;
  /** 0: pick a free port. */
  port: number;
  skipBuild: boolean;
  keepDb: boolean;
  reuseDb: boolean;
  scenarios: ScenarioName[];
  /** Sequential executions of each SQL baseline (the concurrent run does 5× this many). */
  baselineIterations: number;
  /** Rows per INSERT … SELECT statement while generating tickets. */
  chunk: number;
  maintenanceWorkMem: string;
  distDir: string;
  resultsDir: string;
  /** Write V8 CPU profiles of the server (node --cpu-prof) into this folder; null: no profiling. */
  cpuProfDir: string | null;
}

const usage = `Usage: npm run bench:tickets -- [options]

Creates a fresh database, fills it with generated tickets, starts \`next start\` on it and measures the
ticket list, keyword search (3+ characters and two-character keywords) and public booking endpoints with
autocannon, each as a ratio to the floor (GET /api/health) and to its SQL alone. Results: bench/results/.

Options (environment variable in brackets):
  --admin-url <url>        Maintenance connection [BENCH_ADMIN_URL] (default postgres://postgres@127.0.0.1:5432/postgres)
  --db-name <name>         Bench database, dropped and re-created [BENCH_DB_NAME] (default servicehub_bench)
  --tickets <n>            Tickets to generate [BENCH_TICKETS] (default 1000000)
  --duration <s>           Measured seconds per scenario [BENCH_DURATION] (default 20)
  --warmup <s>             Unmeasured warm-up seconds per scenario [BENCH_WARMUP] (default 3)
  --connections <n>        autocannon connections [BENCH_CONNECTIONS] (default 50)
  --rate <n>               Fixed total request rate (open loop) instead of the default closed loop; for diagnosis,
                           the targets are defined for the closed loop [BENCH_RATE] (default 0 = closed loop)
  --port <n>               Port for next start [BENCH_PORT] (default: a free one)
  --scenarios <list>       Comma-separated subset of ${scenarioNames.join(",")} (default all)
  --baseline-iterations <n> Sequential SQL baseline executions per query (default 200; concurrent: 5×)
  --chunk <n>              Rows per generating INSERT statement (default 250000)
  --maintenance-work-mem <v> For the index builds after loading (default 512MB)
  --skip-build             Use the existing build in .next-bench as it is
  --keep-db                Leave the bench database in place at the end (inspect it, or rerun with --reuse-db)
  --reuse-db               Reuse a bench database kept by an earlier --keep-db run (skips generation)
  --cpu-prof <dir>         Profile the server (node --cpu-prof): .cpuprofile files in <dir>, written when it stops
  -h, --help               This text`;

function num(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min} (got ${raw})`);
  return value;
}

export function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      "admin-url": { type: "string" },
      "db-name": { type: "string" },
      tickets: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      port: { type: "string" },
      rate: { type: "string" },
      scenarios: { type: "string" },
      "baseline-iterations": { type: "string" },
      chunk: { type: "string" },
      "maintenance-work-mem": { type: "string" },
      "skip-build": { type: "boolean" },
      "keep-db": { type: "boolean" },
      "reuse-db": { type: "boolean" },
      "cpu-prof": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return null;
  }
  const env = process.env;
  const dbName = values["db-name"] ?? env.BENCH_DB_NAME ?? "servicehub_bench";
  // The database is dropped with FORCE at start and end: refuse names that could be someone's real data.
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName) || !dbName.includes("bench")) {
    throw new Error(`--db-name must be a plain lower-case identifier containing "bench" (got ${dbName})`);
  }
  const scenarios = (values.scenarios ?? scenarioNames.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scenarios.filter((s) => !(scenarioNames as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(", ")}; use ${scenarioNames.join(", ")}`);
  return {
    adminUrl: values["admin-url"] ?? env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    dbName,
    tickets: Math.round(num("tickets", values.tickets ?? env.BENCH_TICKETS, 1_000_000, 1)),
    duration: num("duration", values.duration ?? env.BENCH_DURATION, 20, 1),
    warmup: num("warmup", values.warmup ?? env.BENCH_WARMUP, 3, 0),
    connections: Math.round(num("connections", values.connections ?? env.BENCH_CONNECTIONS, 50, 1)),
    port: Math.round(num("port", values.port ?? env.BENCH_PORT, 0, 0)),
    rate: Math.round(num("rate", values.rate ?? env.BENCH_RATE, 0, 0)),
    skipBuild: Boolean(values["skip-build"]),
    keepDb: Boolean(values["keep-db"]),
    reuseDb: Boolean(values["reuse-db"]),
    scenarios: scenarios as ScenarioName[],
    baselineIterations: Math.round(num("baseline-iterations", values["baseline-iterations"], 200, 10)),
    chunk: Math.round(num("chunk", values.chunk, 250_000, 1000)),
    maintenanceWorkMem: values["maintenance-work-mem"] ?? "512MB",
    distDir: ".next-bench",
    resultsDir: "bench/results",
    cpuProfDir: values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null,
  };
}
