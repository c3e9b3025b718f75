import fs from "node:fs";
import path from "node:path";
import type { LoadResult } from "./load";
import type { BaselineResult } from "./sql-baseline";
import type { GenerationReport } from "./generate";
import type { RssSummary } from "./rss";
import { int, ms, round } from "./stats";

export interface TargetRow {
  id: "floor" | "list_p95" | "search_p95" | "booking_rps" | "rss_peak" | "generation";
  scenario: string;
  target: string;
  measured: string;
  /** null: informational row without a target. */
  pass: boolean | null;
  ratio: string;
  /** Numbers behind the row, for machines. */
  values: Record<string, number | null>;
}

const noErrors = (r: LoadResult) => r.non2xx === 0 && r.errors === 0;
const errorsText = (r: LoadResult) =>
  `${int(r.non2xx)} non-2xx${r.errors ? `, ${int(r.errors)} errors (${int(r.timeouts)} timeouts)` : ""}`;

function latencyRow(
  id: "list_p95" | "search_p95",
  scenario: string,
  limitMs: number,
  r: LoadResult | undefined,
  base: BaselineResult | undefined,
): TargetRow {
  if (!r)
    return { id, scenario, target: `p95 < ${limitMs} ms`, measured: "not run", pass: null, ratio: "—", values: {} };
  const p95 = r.latency.p95;
  const ratioConc = base && base.concurrent.p95 > 0 ? p95 / base.concurrent.p95 : null;
  const ratioSeq = base && base.sequential.p95 > 0 ? p95 / base.sequential.p95 : null;
  return {
    id,
    scenario,
    target: `p95 < ${limitMs} ms`,
    measured: `p95 ${ms(p95)} (p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}; ${int(r.rps)} req/s; ${errorsText(r)})`,
    pass: p95 < limitMs && noErrors(r),
    ratio: base
      ? `${round(ratioConc ?? 0, 1)}× SQL p95 ${ms(base.concurrent.p95)} (${base.concurrent.concurrency} callers, pool ${base.concurrent.poolSize}); ` +
        `${round(ratioSeq ?? 0, 1)}× sequential SQL p95 ${ms(base.sequential.p95)}`
      : "—",
    values: {
      p50: r.latency.p50,
      p95,
      p99: r.latency.p99,
      rps: r.rps,
      non2xx: r.non2xx,
      errors: r.errors,
      sqlConcurrentP95: base?.concurrent.p95 ?? null,
      sqlSequentialP95: base?.sequential.p95 ?? null,
      ratioToSqlConcurrentP95: ratioConc === null ? null : round(ratioConc, 2),
      ratioToSqlSequentialP95: ratioSeq === null ? null : round(ratioSeq, 2),
    },
  };
}

export function evaluateTargets(input: {
  floor?: LoadResult;
  list?: LoadResult;
  search?: LoadResult;
  booking?: LoadResult;
  baselineList?: BaselineResult;
  baselineSearch?: BaselineResult;
  rssUnderLoad: RssSummary;
  rssIdle: RssSummary;
  generation?: GenerationReport;
}): TargetRow[] {
  const rows: TargetRow[] = [
    latencyRow("list_p95", "`GET /api/tickets` status + date range", 50, input.list, input.baselineList),
    latencyRow("search_p95", "`GET /api/tickets?q=` keyword search", 150, input.search, input.baselineSearch),
  ];
  const f = input.floor;
  if (f) {
    // What the machine allows at all: the lightest API request, same server, same 50 connections.
    rows.unshift({
      id: "floor",
      scenario: "`GET /api/health` (reference: one `select 1`)",
      target: "—",
      measured: `p95 ${ms(f.latency.p95)} (p50 ${ms(f.latency.p50)}; ${int(f.rps)} req/s; ${errorsText(f)})`,
      pass: null,
      ratio: "—",
      values: { p50: f.latency.p50, p95: f.latency.p95, rps: f.rps },
    });
  }
  const b = input.booking;
  rows.push(
    b
      ? {
          id: "booking_rps",
          scenario: "`POST /api/public/booking` (limits lifted)",
          target: "≥ 200 req/s, no errors",
          measured: `${int(b.okRps)} req/s (${errorsText(b)}; p50 ${ms(b.latency.p50)}, p95 ${ms(b.latency.p95)})`,
          pass: b.okRps >= 200 && noErrors(b),
          ratio: "—",
          values: {
            okRps: b.okRps,
            rps: b.rps,
            non2xx: b.non2xx,
            errors: b.errors,
            p50: b.latency.p50,
            p95: b.latency.p95,
          },
        }
      : {
          id: "booking_rps",
          scenario: "`POST /api/public/booking`",
          target: "≥ 200 req/s",
          measured: "not run",
          pass: null,
          ratio: "—",
          values: {},
        },
  );
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

/**
 * What the machine allows at all, from the floor scenario. In a closed loop every connection waits for
 * its answer before asking again, so mean latency = connections ÷ throughput (Little's law): a p95
 * under T needs at least connections ÷ T requests per second. When the floor — the lightest request,
 * on the same server and connections — is slower than a target, no endpoint doing real work can meet it
 * on this machine. null without a floor run or with a fixed rate (open loop).
 */
export function machineReachNote(floor: LoadResult | undefined, connections: number, rate: number): string | null {
  if (!floor || rate) return null;
  const targets = [
    { name: "list", p95Ms: 50 },
    { name: "search", p95Ms: 150 },
  ];
  const parts = targets.map((t) => {
    const needed = Math.floor(connections / (t.p95Ms / 1000));
    const share = Math.round((100 * floor.latency.p95) / t.p95Ms);
    const verdict =
      share >= 100 ? "the floor itself misses it" : `the floor's own p95 already uses ${share}% of it`;
    return `${t.name} p95 < ${t.p95Ms} ms needs more than ${int(needed)} req/s (${verdict})`;
  });
  return (
    `What this machine allows: at ${connections} closed-loop connections, mean latency = ${connections} ÷ throughput, so ` +
    `${parts.join("; ")}. The floor (one \`select 1\` through the same server) reached ${int(floor.rps)} req/s ` +
    `with p95 ${ms(floor.latency.p95)}.`
  );
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
