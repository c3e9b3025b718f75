import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { externalSystems, syncRuns, workOrders } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { createLogger, setLogger } from "@/lib/logger";
import { listWorkOrders } from "@/lib/work-orders/queries";
import { withTestDatabase } from "@/test/db";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { DEFAULT_FAKE_CREDENTIALS, startFakeZendesk, type FakeZendesk } from "@/test/fakes/zendesk-server";
import { appErrorFrom, createStaff, insertSyncRun } from "@/test/fixtures";
import { executeRun, requestSync, RunRateLimited, STALE_RUN_MS } from "./engine";
import { createSystem, testSystemConnection } from "./systems";

withTestDatabase();

let admin: Actor;
const fakes: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  admin = await createStaff("admin");
});
afterEach(async () => {
  await settleJobs();
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function fakeJira(issues = 0): Promise<FakeJira> {
  const fake = await startFakeJira({ issues: generateIssues(issues) });
  fakes.push(fake);
  return fake;
}

async function fakeZendesk(tickets = 0): Promise<FakeZendesk> {
  const fake = await startFakeZendesk({ tickets });
  fakes.push(fake);
  return fake;
}

const uniq = () => randomBytes(3).toString("hex");

function jiraSystem(fake: FakeJira, overrides: Record<string, unknown> = {}) {
  return createSystem(
    {
      name: `Jira ${uniq()}`,
      type: "jira",
      api_url: fake.url,
      username: FAKE_JIRA_EMAIL,
      api_key: FAKE_JIRA_TOKEN,
      settings: { project_key: "OPS" },
      ...overrides,
    },
    admin,
  );
}

function zendeskSystem(fake: FakeZendesk) {
  return createSystem(
    {
      name: `Zendesk ${uniq()}`,
      type: "zendesk",
      api_url: fake.url,
      username: DEFAULT_FAKE_CREDENTIALS.email,
      api_key: DEFAULT_FAKE_CREDENTIALS.token,
    },
    admin,
  );
}

/** A sync as the API starts it: a pending run, executed by the (inline) job driver. */
async function syncNow(systemId: number) {
  const requested = await requestSync(systemId, { trigger: "manual" });
  await settleJobs();
  return runById(requested.id);
}

async function runById(id: number) {
  const db = await getDb();
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  return run!;
}

async function rowsOf(systemId: number) {
  const db = await getDb();
  return db.select().from(workOrders).where(eq(workOrders.systemId, systemId)).orderBy(workOrders.externalKey);
}

async function cursorOf(systemId: number) {
  const db = await getDb();
  const [row] = await db.select({ cursor: externalSystems.cursor }).from(externalSystems).where(eq(externalSystems.id, systemId));
  return row!.cursor;
}

const expectTotalsAddUp = (run: Awaited<ReturnType<typeof runById>>) => {
  expect(run.totalCount).toBe(run.successCount + run.failedCount);
  expect(run.successCount).toBe(run.createdCount + run.updatedCount + run.unchangedCount);
};

describe("Jira: full sync, then incremental", () => {
  it("brings every issue in, then only what changed, with few search requests", async () => {
    const jira = await fakeJira(250);
    const system = await jiraSystem(jira);

    const full = await syncNow(system.id);
    expect(full).toMatchObject({ status: "success", totalCount: 250, createdCount: 250, updatedCount: 0, failedCount: 0 });
    expect(full.details).toMatchObject({ pages: 3 });
    expectTotalsAddUp(full);
    const rows = await rowsOf(system.id);
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(250);
    expect(rows[0]).toMatchObject({ status: expect.any(String), externalUrl: expect.stringContaining("/browse/OPS-") });

    // An hour later two issues were edited and one was created.
    jira.state.advance(3_600_000);
    const [first, second] = [rows[10]!, rows[20]!];
    jira.state.editIssue(first.externalKey, { summary: "Compressor noise after repair", status: "In Progress" });
    jira.state.editIssue(second.externalKey, { priority: "Highest" });
    jira.state.addIssue({ summary: "New: fridge not cooling" });
    jira.state.resetCounters();

    const incremental = await syncNow(system.id);
    expect(incremental).toMatchObject({ status: "success", createdCount: 1, updatedCount: 2, failedCount: 0 });
    expectTotalsAddUp(incremental);
    expect(jira.state.requests.search).toBeLessThanOrEqual(2);
    const after = await rowsOf(system.id);
    expect(after).toHaveLength(251);
    expect(after.find((r) => r.externalKey === first.externalKey)).toMatchObject({
      title: "Compressor noise after repair",
      status: "in_progress",
      rawStatus: "In Progress",
    });
    expect(after.find((r) => r.externalKey === second.externalKey)).toMatchObject({ priority: "urgent" });

    // Nothing changed: the one-minute overlap is re-read and counted unchanged, nothing is written.
    const again = await syncNow(system.id);
    expect(again).toMatchObject({ status: "success", createdCount: 0, updatedCount: 0 });
    expect(await rowsOf(system.id)).toHaveLength(251);
  });

  it("keeps our own fields (note, tags) through later syncs", async () => {
    const jira = await fakeJira(3);
    const system = await jiraSystem(jira);
    await syncNow(system.id);
    const db = await getDb();
    const [row] = await rowsOf(system.id);
    await db.update(workOrders).set({ note: "call before visiting", tags: ["vip"] }).where(eq(workOrders.id, row!.id));
    jira.state.advance(60_000);
    jira.state.editIssue(row!.externalKey, { summary: "changed remotely" });
    await syncNow(system.id);
    expect((await rowsOf(system.id)).find((r) => r.id === row!.id)).toMatchObject({
      title: "changed remotely",
      note: "call before visiting",
      tags: ["vip"],
    });
  });
});

describe("Zendesk: cursor export and deletions", () => {
  it("syncs, picks up edits with the stored cursor, and marks deleted tickets", async () => {
    const zendesk = await fakeZendesk(30);
    const system = await zendeskSystem(zendesk);
    const full = await syncNow(system.id);
    expect(full).toMatchObject({ status: "success", createdCount: 30 });
    expect(await cursorOf(system.id)).toMatchObject({ after_cursor: expect.any(String) });

    zendesk.state.advanceClock(600);
    const [a, b] = (await rowsOf(system.id)).slice(0, 2);
    zendesk.state.editTicket(Number(a!.externalId), { status: "solved" });
    zendesk.state.deleteTicket(Number(b!.externalId));
    zendesk.state.resetRequests();
    const incremental = await syncNow(system.id);
    expect(incremental).toMatchObject({ status: "success", updatedCount: 2, createdCount: 0 });
    // The stored after_cursor continues the export: no start_time again.
    expect(zendesk.state.requests("tickets.export").every((r) => r.query.cursor && !("start_time" in r.query))).toBe(true);

    const rows = await rowsOf(system.id);
    expect(rows.find((r) => r.id === a!.id)).toMatchObject({ status: "resolved", rawStatus: "solved", deletedAt: null });
    expect(rows.find((r) => r.id === b!.id)!.deletedAt).toBeInstanceOf(Date);
    // Hidden from the list by default, shown on request.
    const listed = await listWorkOrders({ system_id: system.id, sort: "-updated", page: 1, page_size: 100 });
    expect(listed.count).toBe(29);
    const withDeleted = await listWorkOrders({ system_id: system.id, include_deleted: "true", sort: "-updated", page: 1, page_size: 100 });
    expect(withDeleted.count).toBe(30);
  });
});

describe("failures mid-way lose nothing and double nothing", () => {
  it("a remote failing after the first page: the run fails, the cursor stays at the last good page, the next run completes", async () => {
    const jira = await fakeJira(250);
    const system = await jiraSystem(jira);
    // The first page is served; then Jira fails every attempt at the second (the first try and 3 retries).
    jira.state.failNext("search", 1, { kind: "pass" });
    jira.state.failNext("search", 4, { kind: "status", status: 500 });
    const failed = await syncNow(system.id);
    expect(failed.status).toBe("failed");
    expect(failed.message).toMatch(/server error \(HTTP 500\)/);
    expect(failed.message).toMatch(/after 1 committed pages \(100 records\); the next run continues/);
    expect(failed.errorDetail).toContain('"kind":"server"');
    expectTotalsAddUp(failed);
    expect(await rowsOf(system.id)).toHaveLength(100);
    const cursorAfterFailure = await cursorOf(system.id);
    expect(cursorAfterFailure).toMatchObject({ updated_since: expect.any(String) });

    const resumed = await syncNow(system.id);
    expect(resumed.status).toBe("success");
    // It started from the cursor: the first 100 were not fetched again (bar the minute of overlap).
    expect(resumed.createdCount).toBe(150);
    const rows = await rowsOf(system.id);
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(250);
  });

  it("a truncated answer fails the run with where it stopped; the next run completes", async () => {
    const jira = await fakeJira(150);
    const system = await jiraSystem(jira);
    jira.state.failNext("search", 1, { kind: "pass" });
    jira.state.failNext("search", 1, { kind: "truncated" });
    const failed = await syncNow(system.id);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.message).toMatch(/not valid JSON.*after 1 committed pages/);
    const resumed = await syncNow(system.id);
    expect(resumed.status).toBe("success");
    expect(await rowsOf(system.id)).toHaveLength(150);
  });

  it("a record that cannot be read is counted and named; the run goes on and ends partial", async () => {
    const jira = await fakeJira(5);
    const broken = jira.state.addIssue({ summary: "broken", fieldOverrides: { status: null } });
    const system = await jiraSystem(jira);
    const run = await syncNow(system.id);
    expect(run).toMatchObject({ status: "partial", totalCount: 6, successCount: 5, failedCount: 1, createdCount: 5 });
    expectTotalsAddUp(run);
    expect(run.details).toMatchObject({ failures: [{ external_id: broken.id, reason: expect.stringMatching(/status/) }] });
  });

  it("a run over its time budget stops after a page and the next run continues", async () => {
    const jira = await fakeJira(250);
    const system = await jiraSystem(jira);
    const stopped = await executeRun((await insertSyncRun(system)).id, { budgetMs: 0 });
    expect(stopped).toMatchObject({ status: "partial", totalCount: 100 });
    expect(stopped.message).toMatch(/time budget/);
    const rest = await syncNow(system.id);
    expect(rest.status).toBe("success");
    expect(await rowsOf(system.id)).toHaveLength(250);
  });

  it("a long rate limit puts the run back to pending for the job driver to resume (Inngest's RetryAfterError)", async () => {
    const jira = await fakeJira(150);
    const system = await jiraSystem(jira);
    jira.state.failNext("search", 1, { kind: "pass" });
    jira.state.failNext("search", 1, { kind: "status", status: 429, retryAfterSeconds: 120 });
    // Executed here (not by the job driver), the way the Inngest function does: yielding on a long rate limit.
    const requested = await insertSyncRun(system);
    const err = await executeRun(requested.id, { onRateLimited: "yield" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunRateLimited);
    expect((err as RunRateLimited).retryAfterSeconds).toBe(120);
    expect(await runById(requested.id)).toMatchObject({ status: "pending", totalCount: 100 });
    const resumed = await executeRun(requested.id);
    await settleJobs();
    // The same run, resumed from its cursor: 150 created once each (the minute of overlap re-read as unchanged).
    expect(resumed).toMatchObject({ id: requested.id, status: "success", createdCount: 150 });
    expectTotalsAddUp(resumed);
    expect(await rowsOf(system.id)).toHaveLength(150);
  });
});

describe("one run per system", () => {
  it("two requests at once: one run, and a 409 naming it", async () => {
    const jira = await fakeJira(10);
    const system = await jiraSystem(jira);
    // The first run must still be active when the second request arrives: on a busy machine a run of
    // ten issues could otherwise finish in between, and then a second run is rightly allowed.
    jira.state.failNext("any", 5, { kind: "delay", ms: 1000 });
    const results = await Promise.allSettled([
      requestSync(system.id, { trigger: "api" }),
      requestSync(system.id, { trigger: "api" }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatchObject({
      code: "conflict",
      details: { running_run_id: (ok[0] as PromiseFulfilledResult<{ id: number }>).value.id },
    });
    await settleJobs();
    const db = await getDb();
    const [{ n }] = (await db.select({ n: count() }).from(syncRuns).where(eq(syncRuns.systemId, system.id))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("a run whose process died is closed by the next request, which then runs", async () => {
    const jira = await fakeJira(10);
    const system = await jiraSystem(jira);
    const db = await getDb();
    const [dead] = await db
      .insert(syncRuns)
      .values({
        systemId: system.id,
        systemName: system.name,
        syncType: "work_orders",
        trigger: "auto",
        status: "processing",
        startedAt: new Date(Date.now() - STALE_RUN_MS - 60_000),
        heartbeatAt: new Date(Date.now() - STALE_RUN_MS - 60_000),
      })
      .returning();
    const run = await syncNow(system.id);
    expect(run.status).toBe("success");
    expect(await runById(dead!.id)).toMatchObject({ status: "failed", message: expect.stringMatching(/Interrupted/) });
  });

  it("a live run is not taken for a dead one", async () => {
    const jira = await fakeJira(1);
    const system = await jiraSystem(jira);
    const db = await getDb();
    await db.insert(syncRuns).values({
      systemId: system.id,
      systemName: system.name,
      syncType: "work_orders",
      trigger: "auto",
      status: "processing",
      startedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    });
    expect((await appErrorFrom(requestSync(system.id, { trigger: "api" }))).code).toBe("conflict");
  });
});

describe("credentials", () => {
  it("bad credentials: a failed run and a plain test_connection answer, the secret in neither, nor in the log", async () => {
    const lines: string[] = [];
    setLogger(
      createLogger(
        new Writable({
          write(chunk, _e, done) {
            lines.push(String(chunk));
            done();
          },
        }),
        "debug",
      ),
    );
    try {
      const jira = await fakeJira(3);
      const wrongToken = "ATATT-wrong-token-9876543210";
      const system = await jiraSystem(jira, { api_key: wrongToken });
      const check = await testSystemConnection(system.id);
      expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/refused the credentials/) });
      expect(check.latency_ms).toBeGreaterThanOrEqual(0);
      const run = await syncNow(system.id);
      expect(run).toMatchObject({ status: "failed", message: expect.stringMatching(/credentials/) });
      const everything = JSON.stringify({ check, run, system, lines });
      expect(everything).not.toContain(wrongToken);
      expect(everything).not.toContain(FAKE_JIRA_TOKEN);
      // Stored sealed, not in the clear.
      const db = await getDb();
      const [row] = await db.select().from(externalSystems).where(eq(externalSystems.id, system.id));
      expect(row!.apiKeyEncrypted).not.toContain(wrongToken);
      expect(row!.apiKeyEncrypted).toMatch(/^v1\./);
    } finally {
      setLogger(undefined);
    }
  });

  it("an unreachable host and a good connection are told apart in plain words", async () => {
    const jira = await fakeJira(0);
    const good = await jiraSystem(jira);
    expect(await testSystemConnection(good.id)).toMatchObject({ ok: true, message: expect.stringMatching(/Connected to Jira as/) });
    const closed = await startFakeJira();
    await closed.close();
    const gone = await jiraSystem(jira, { api_url: closed.url });
    expect(await testSystemConnection(gone.id)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/connection refused|could not be reached/),
    });
  });
});
