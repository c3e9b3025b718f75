/**
 * `npm run cli -- sync …` — seed 000's `sync_work_orders` management command: sync one or all systems in
 * the foreground with a progress line and a summary table, show the sync status, or clean old logs.
 * Exits non-zero when a run fails, so cron jobs and CI notice.
 */
interface SyncCommandOptions {
  all: boolean;
  systemId?: string;
  status: boolean;
  cleanLogs: boolean;
  days?: string;
}

export async function runSyncCommand(o: SyncCommandOptions): Promise<number> {
  const chosen = [o.all, o.systemId !== undefined, o.status, o.cleanLogs].filter(Boolean).length;
  if (chosen !== 1) {
    console.error("Choose exactly one of --all, --system-id <id>, --status, --clean-logs (see --help)");
    return 2;
  }
  if (o.status) return printStatus();
  if (o.cleanLogs) return cleanLogs(o.days);
  return syncSystems(o.all ? "all" : o.systemId!);
}

async function syncSystems(which: string): Promise<number> {
  const { requestSync, executeRun } = await import("@/lib/sync/engine");
  const { activeWorkOrderSystemIds } = await import("@/lib/sync/systems");
  const { AppError } = await import("@/lib/errors");
  let ids: number[];
  if (which === "all") {
    ids = await activeWorkOrderSystemIds();
    if (!ids.length) {
      console.log("No active work-order systems. Add one in the config center (/admin/config) or the API.");
      return 0;
    }
  } else {
    const id = Number(which);
    if (!Number.isInteger(id) || id <= 0) {
      console.error(`--system-id must be a positive whole number, not "${which}"`);
      return 2;
    }
    ids = [id];
  }

  const rows: string[][] = [];
  let failed = false;
  for (const id of ids) {
    let run;
    try {
      run = await requestSync(id, { trigger: "cli" });
    } catch (e) {
      if (e instanceof AppError) {
        console.error(`System ${id}: ${e.message}`);
        rows.push([String(id), "-", "refused", "", "", "", "", "", e.message]);
        failed = true;
        continue;
      }
      throw e;
    }
    const label = run.systemName;
    const progress = (p: { pages: number; total: number; created: number; updated: number; failed: number }) => {
      const line = `  ${label}: ${p.total} records in ${p.pages} pages (${p.created} new, ${p.updated} updated${p.failed ? `, ${p.failed} failed` : ""})…`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
      else if (p.pages % 10 === 1) console.log(line);
    };
    console.log(`Syncing ${label} (run ${run.id})…`);
    const done = await executeRun(run.id, { onPage: progress });
    if (process.stdout.isTTY) process.stdout.write("\n");
    if (done.status === "failed") failed = true;
    rows.push([
      String(id),
      label,
      done.status,
      String(done.totalCount),
      String(done.createdCount),
      String(done.updatedCount),
      String(done.unchangedCount),
      String(done.failedCount),
      `${((done.durationMs ?? 0) / 1000).toFixed(1)} s`,
    ]);
    if (done.status !== "success") console.log(`  ${done.message}`);
  }
  printTable(["id", "system", "status", "total", "new", "updated", "unchanged", "failed", "duration"], rows);
  return failed ? 1 : 0;
}

async function printStatus(): Promise<number> {
  const { listSystems } = await import("@/lib/sync/systems");
  const systems = await listSystems();
  if (!systems.length) {
    console.log("No external systems yet.");
    return 0;
  }
  printTable(
    ["id", "name", "type", "active", "schedule", "last sync", "last status", "running", "next run"],
    systems.map((s) => [
      String(s.id),
      s.name,
      s.type,
      s.is_active ? "yes" : "no",
      s.cron_expression ? `cron ${s.cron_expression}` : `every ${s.sync_interval} s`,
      s.last_sync_at ?? "never",
      s.last_sync_status ?? "-",
      s.running_run_id ? `run ${s.running_run_id}` : "-",
      s.schedule.next_runs[0] ?? "-",
    ]),
  );
  return 0;
}

async function cleanLogs(daysArg: string | undefined): Promise<number> {
  const { deleteOldSyncLogs } = await import("@/lib/sync/sync-logs");
  const { getEnv } = await import("@/lib/env");
  const days = daysArg === undefined ? getEnv().SYNC_LOG_RETENTION_DAYS : Number(daysArg);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    console.error(`--days must be a whole number from 1 to 3650, not "${daysArg}"`);
    return 2;
  }
  const deleted = await deleteOldSyncLogs(days);
  console.log(`Deleted ${deleted} finished sync run${deleted === 1 ? "" : "s"} older than ${days} days.`);
  return 0;
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? "").padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}
