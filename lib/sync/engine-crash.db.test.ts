import { spawn } from "node:child_process";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalSystems, syncRuns, workOrders } from "@/db/schema";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { withSharedDatabase } from "@/test/db";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { createStaff, insertSyncRun } from "@/test/fixtures";
import { requestSync, STALE_RUN_MS } from "./engine";
import { createSystem } from "./systems";

/**
 * The engine's promise under the worst case: the process running a sync is killed (SIGKILL, no
 * cleanup) between pages. Every page it committed stays, with its cursor; the next run closes the dead
 * one, continues from that cursor, and ends with every record exactly once.
 */

const shared = withSharedDatabase();
let jira: FakeJira;

beforeAll(async () => {
  jira = await startFakeJira({ issues: generateIssues(500) });
});
afterAll(async () => {
  await jira?.close();
});

/** Starts the worker and resolves once it reports `pages` committed pages; the caller then kills it. */
function workerAtPage(runId: number, pages: number) {
  const child = spawn("npx", ["tsx", "--conditions=react-server", "test/sync-crash-child.ts", String(runId)], {
    env: { ...process.env, ...shared.childEnv(), LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: npx and tsx start further processes, and the kill must reach them all.
    detached: true,
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  const reached = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      if (String(d).includes(`committed page ${pages}`)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`worker exited (${code}) before page ${pages}: ${stderr.slice(-2000)}`)));
  });
  return { child, reached };
}

/** Until no process of the worker's group is left (the group is gone with its last member). */
async function waitUntilGone(groupId: number) {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-groupId, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the worker's processes did not end");
}

describe("a sync worker killed mid-run", () => {
  it("loses nothing and doubles nothing: the next run continues from the last committed page", async () => {
    const admin = await createStaff("admin");
    const system = await createSystem(
      {
        name: "Jira (crash test)",
        type: "jira",
        api_url: jira.url,
        username: FAKE_JIRA_EMAIL,
        api_key: FAKE_JIRA_TOKEN,
        settings: { project_key: "OPS" },
      },
      admin,
    );
    // A pending run for the child to execute (made here without an event: this process must not run it).
    const run = await insertSyncRun(system, { trigger: "cli" });

    // Slow pages, so the kill lands while the worker is between pages.
    jira.state.failNext("search", 50, { kind: "delay", ms: 300 });
    await shared.release();
    const worker = workerAtPage(run.id, 2);
    await worker.reached;
    const exited = new Promise((r) => worker.child.once("exit", r));
    process.kill(-worker.child.pid!, "SIGKILL");
    await exited;
    await waitUntilGone(worker.child.pid!);
    await shared.reopen();

    const db2 = await getDb();
    const [dead] = await db2.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(dead!.status).toBe("processing"); // nobody could say otherwise: the process is gone
    const [{ n: committed }] = (await db2
      .select({ n: count() })
      .from(workOrders)
      .where(eq(workOrders.systemId, system.id))) as [{ n: number }];
    expect(committed).toBeGreaterThanOrEqual(200);
    expect(committed).toBeLessThan(500);
    expect(dead!.totalCount).toBe(committed); // counts and rows were committed together
    const [sys] = await db2.select().from(externalSystems).where(eq(externalSystems.id, system.id));
    expect(sys!.cursor).toMatchObject({ updated_since: expect.any(String) });

    // Time passes without a heartbeat; the next request closes the dead run and syncs the rest.
    await db2
      .update(syncRuns)
      .set({ heartbeatAt: sql`now() - make_interval(secs => ${STALE_RUN_MS / 1000 + 60})` })
      .where(eq(syncRuns.id, run.id));
    jira.state.failNext("search", 0, { kind: "delay", ms: 0 });
    const next = await requestSync(system.id, { trigger: "cli" });
    await settleJobs();
    const [closed] = await db2.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(closed).toMatchObject({ status: "failed", message: expect.stringMatching(/Interrupted/) });
    const [finished] = await db2.select().from(syncRuns).where(eq(syncRuns.id, next.id));
    expect(finished).toMatchObject({ status: "success" });
    expect(finished!.createdCount).toBe(500 - committed);

    const rows = await db2.select({ id: workOrders.externalId }).from(workOrders).where(eq(workOrders.systemId, system.id));
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.id)).size).toBe(500);
  }, 120_000);
});
