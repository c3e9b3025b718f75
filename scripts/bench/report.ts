import fs from "node:fs";
import path from "node:path";
import type { LoadResult } from "./load";
import type { BaselineResult } from "./sql-baseline";
import type { GenerationReport } from "./generate";
import type { RssSummary } from "./rss";
import { int, ms, round } from "./stats";

export interface TargetRow {
  id: "floor" | "list" | "search" | "search2" | "booking" | "rss_peak" | "generation";
  scenario: string;
  target: string;
  measured: string;
  /** null: informational row without a target. */
  pass: boolean | null;
  ratio: string;
  /** Numbers behind the row, for machines. */
  values: Record<string, number | null>;
}

/**
 * The targets are ratios measured in the same run, because this machine's speed changes from hour to
 * hour: throughput against the floor (the lightest request through the same server and connections),
 * and the app's p95 against the same statements' p95 run alone on the app's pool at the same concurrency.
 */
export const MIN_THROUGHPUT_TO_FLOOR = 0.35;
export const MAX_P95_TO_SQL = 1.5;

const noErrors = (r: LoadResult) => r.non2xx === 0 && r.errors === 0;
const errorsText = (r: LoadResult) =>
  `${int(r.non2xx)} non-2xx${r.errors ? `, ${int(r.errors)} errors (${int(r.timeouts)} timeouts)` : ""}`;

/** A scenario's row: its throughput to the floor's and, with a SQL baseline, its p95 to the SQL's. */
function scenarioRow(
  id: "list" | "search" | "search2" | "booking",
  scenario: string,
  r: LoadResult | undefined,
  floor: LoadResult | undefined,
  base?: BaselineResult,
): TargetRow {
  const target =
    `≥ ${MIN_THROUGHPUT_TO_FLOOR}× the floor's req/s` + (id === "booking" ? ", no errors" : `; p95 ≤ ${MAX_P95_TO_SQL}× SQL alone`);
  if (!r) return { id, scenario, target, measured: "not run", pass: null, ratio: "—", values: {} };
  const rps = id === "booking" ? r.okRps : r.rps;
  const toFloor = floor && floor.rps > 0 ? rps / floor.rps : null;
  const toSql = base && base.concurrent.p95 > 0 ? r.latency.p95 / base.concurrent.p95 : null;
  const ratios = [
    toFloor === null ? "floor not run" : `${round(toFloor, 2)}× the floor (${int(floor!.rps)} req/s)`,
    ...(id === "booking"
      ? []
      : [
          toSql === null
            ? "SQL baseline not run"
            : `p95 ${round(toSql, 2)}× SQL alone (${ms(base!.concurrent.p95)} at ${base!.concurrent.concurrency} callers, pool ${base!.concurrent.poolSize}; sequential ${ms(base!.sequential.p95)})`,
        ]),
  ];
  const pass =
    noErrors(r) &&
    toFloor !== null &&
    toFloor >= MIN_THROUGHPUT_TO_FLOOR &&
    (id === "booking" || (toSql !== null && toSql <= MAX_P95_TO_SQL));
  return {
    id,
    scenario,
    target,
    measured: `${int(rps)} req/s; p50 ${ms(r.latency.p50)}, p95 ${ms(r.latency.p95)}, p99 ${ms(r.latency.p99)}; ${errorsText(r)}`,
    pass,
    ratio: ratios.join("; "),
    values: {
      rps,
      p50: r.latency.p50,
      p95: r.latency.p95,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      ratioToFloorRps: toFloor === null ? null : round(toFloor, 3),
      sqlConcurrentP95: base?.concurrent.p95 ?? null,
      sqlSequentialP95: base?.sequential.p95 ?? null,
      ratioToSqlConcurrentP95: toSql === null ? null : round(toSql, 2),
    },
  };
}

export function evaluateTargets(input: {
  floor?: LoadResult;
  list?: LoadResult;
  search?: LoadResult;
  search2?: LoadResult;
  booking?: LoadResult;
  baselineList?: BaselineResult;
  baselineSearch?: BaselineResult;
  baselineSearch2?: BaselineResult;
  rssUnderLoad: RssSummary;
  rssIdle: RssSummary;
  generation?: GenerationReport;
}): TargetRow[] {
  const f = input.floor;
  const rows: TargetRow[] = [
    {
      id: "floor",
      scenario: "`GET /api/health` (the floor: one `select 1` through the same stack)",
      target: "—",
      measured: f ? `${int(f.rps)} req/s; p50 ${ms(f.latency.p50)}, p95 ${ms(f.latency.p95)}; ${errorsText(f)}` : "not run",
      pass: null,
      ratio: "—",
      values: f ? { p50: f.latency.p50, p95: f.latency.p95, rps: f.rps } : {},
    },
    scenarioRow("list", "`GET /api/tickets` status + 2-week window", input.list, f, input.baselineList),
    scenarioRow("search", "`GET /api/tickets?q=` keywords of 3+ characters, code prefixes", input.search, f, input.baselineSearch),
    scenarioRow("search2", "`GET /api/tickets?q=` two-character keywords", input.search2, f, input.baselineSearch2),
    scenarioRow("booking", "`POST /api/public/booking` (limits lifted, no photos)", input.booking, f),
  ];
  const rss = input.rssUnderLoad;
  rows.push({
    id: "rss_peak",
    scenario: "next-server RSS under load (process tree)",
    target: "< 400 MB",
    measured: rss.samples
      ? `peak ${int(rss.peakMB)} MB, avg ${int(rss.avgMB)} MB (idle before load ${int(input.rssIdle.peakMB)} MB)`
      : "not sampled",
    pass: rss.samples ? rss.peakMB < 400 : null,
    ratio: "—",
    values: { peakMB: rss.peakMB, avgMB: rss.avgMB, idleMB: input.rssIdle.peakMB },
  });
  const g = input.generation;
  if (g) {
    rows.push({
      id: "generation",
      scenario: "Data generation (bulk SQL)",
      target: "—",
      measured:
        `${int(g.tickets)} tickets in ${(g.totalMs / 1000).toFixed(1)} s → ${int(g.overallTicketsPerSec)} tickets/s overall ` +
        `(insert ${int(g.ticketInsertRowsPerSec)} rows/s; indexes ${(g.indexBuildMs / 1000).toFixed(1)} s; vacuum+analyze ${(g.vacuumAnalyzeMs / 1000).toFixed(1)} s)`,
      pass: null,
      ratio: "—",
      values: {
        totalMs: g.totalMs,
        overallTicketsPerSec: g.overallTicketsPerSec,
        insertRowsPerSec: g.ticketInsertRowsPerSec,
      },
    });
  }
  return rows;
}

export function markdown(opts: {
  title: string;
  headline: string;
  warnings: string[];
  rows: TargetRow[];
  notes: string[];
  jsonFile: string;
}): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const verdict = (p: boolean | null) => (p === null ? "—" : p ? "✅ pass" : "❌ FAIL");
  return [
    `# ${opts.title}`,
    "",
    opts.headline,
    "",
    ...opts.warnings.map((w) => `> ⚠️ ${w}`),
    ...(opts.warnings.length ? [""] : []),
    "| Scenario | Target | Measured | Result | vs SQL baseline (same run) |",
    "|---|---|---|---|---|",
    ...opts.rows.map(
      (r) =>
        `| ${cell(r.scenario)} | ${cell(r.target)} | ${cell(r.measured)} | ${verdict(r.pass)} | ${cell(r.ratio)} |`,
    ),
    "",
    ...opts.notes.map((n) => `- ${n}`),
    ...(opts.notes.length ? [""] : []),
    `All figures, settings and query plans: \`${opts.jsonFile}\`. How to read them: \`bench/README.md\`.`,
    "",
  ].join("\n");
}

/** A plain-text table for the terminal. */
export function consoleTable(rows: TargetRow[]): string {
  const lines = rows.map((r) => [
    r.scenario.replaceAll("`", ""),
    r.target,
    r.pass === null ? "" : r.pass ? "PASS" : "FAIL",
    r.measured,
    r.ratio,
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map(
      (l) =>
        `${l[0]!.padEnd(widths[0]!)}  ${l[1]!.padEnd(widths[1]!)}  ${l[2]!.padEnd(widths[2]!)}  ${l[3]}${l[4] !== "—" ? `\n${" ".repeat(widths[0]! + widths[1]! + widths[2]! + 6)}${l[4]}` : ""}`,
    )
    .join("\n");
}

export function writeResults(
  dir: string,
  stamp: string,
  json: unknown,
  md: string,
): { jsonPath: string; mdPath: string } {
  fs.mkdirSync(dir, { recursive: true });
  const jsonPath = path.join(dir, `tickets-${stamp}.json`);
  const mdPath = path.join(dir, "tickets-latest.md");
  // Write then rename, so a reader never sees half a file (bench/results/*.tmp is git-ignored).
  for (const [file, content] of [
    [jsonPath, `${JSON.stringify(json, null, 2)}\n`],
    [mdPath, md],
  ] as const) {
    fs.writeFileSync(`${file}.tmp`, content);
    fs.renameSync(`${file}.tmp`, file);
  }
  return { jsonPath, mdPath };
}
