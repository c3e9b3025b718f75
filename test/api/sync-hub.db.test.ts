import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncRuns, workOrders } from "@/db/schema";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { createLogger, setLogger } from "@/lib/logger";
import { withTestDatabase } from "@/test/db";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { DEFAULT_FAKE_CREDENTIALS, startFakeZendesk, type FakeZendesk } from "@/test/fakes/zendesk-server";
import { createStaff } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";

/**
 * The sync hub over HTTP, as seed 000 and 002 describe it: systems with write-only credentials, a sync
 * started and followed through the log, the unified work-order list with its filters and statistics, a
 * change pushed back to Jira and to Zendesk, and the sync-log analytics.
 */

withTestDatabase();
withApiServer();

let jira: FakeJira;
let zendesk: FakeZendesk;
let token: string;
const logLines: string[] = [];
const as = () => ({ token });

beforeAll(async () => {
  setLogger(
    createLogger(
      new Writable({
        write(chunk, _e, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
      "debug",
    ),
  );
  token = (await createStaff("admin")).token;
  const day = 86_400_000;
  const now = Date.now();
  jira = await startFakeJira({
    now,
    issues: [
      ...generateIssues(40, { start: now - 10 * day }),
      { summary: "Overdue: dryer drum noise", duedate: isoDate(now - 2 * day), priority: "High" },
      { summary: "Due soon: fridge seal", duedate: isoDate(now + 2 * day), priority: "Medium" },
      { summary: "Done long ago", duedate: isoDate(now - 9 * day), status: "Done" },
    ],
  });
  zendesk = await startFakeZendesk({ tickets: 12 });
});
afterAll(async () => {
  await settleJobs();
  setLogger(undefined);
  await Promise.all([jira?.close(), zendesk?.close()]);
});

function isoDate(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}

async function syncAndWait(systemId: number) {
  const started = await api("POST", `/api/work-order-systems/${systemId}/sync/`, as());
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body).toMatchObject({ status: "pending", trigger: "api", sync_type: "work_orders" });
  await settleJobs();
  const run = await api("GET", `/api/sync-logs/${started.body.id}/`, as());
  expect(run.status).toBe(200);
  return run.body;
}

let jiraId: number;
let zendeskId: number;

describe("external systems", () => {
  it("seed 000's own curl example creates a Jira system (type from the name); credentials are never returned", async () => {
    const res = await api("POST", "/api/work-order-systems/", {
      ...as(),
      json: {
        name: "jira",
        api_url: `${jira.url}/`,
        api_key: FAKE_JIRA_TOKEN,
        username: FAKE_JIRA_EMAIL,
        password: "",
        is_active: true,
        sync_interval: 300,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: "jira",
      type: "jira",
      api_url: jira.url,
      username: FAKE_JIRA_EMAIL,
      api_key_set: true,
      password_set: false, // "" means not set
      is_active: true,
      sync_interval: 300,
      schedule: { kind: "interval", next_runs: expect.any(Array) },
    });
    expect(res.body.schedule.next_runs).toHaveLength(5);
    expect(JSON.stringify(res.body)).not.toContain(FAKE_JIRA_TOKEN);
    jiraId = res.body.id;

    const zd = await api("POST", "/api/work-order-systems/", {
      ...as(),
      json: {
        name: "Zendesk support",
        api_url: zendesk.url,
        username: DEFAULT_FAKE_CREDENTIALS.email,
        api_key: DEFAULT_FAKE_CREDENTIALS.token,
        cron_expression: "*/10 * * * *",
      },
    });
    expect(zd.status, JSON.stringify(zd.body)).toBe(201);
    expect(zd.body).toMatchObject({ type: "zendesk", schedule: { kind: "cron" } });
    zendeskId = zd.body.id;

    const list = await api("GET", "/api/work-order-systems/", as());
    expect(list.body).toMatchObject({ count: 2, next: null, previous: null });
    const text = JSON.stringify(list.body);
    for (const secret of [FAKE_JIRA_TOKEN, DEFAULT_FAKE_CREDENTIALS.token]) expect(text).not.toContain(secret);
  });

  it("the path without its trailing slash answers the same", async () => {
    const a = await api("GET", `/api/work-order-systems/${jiraId}/`, as());
    const b = await api("GET", `/api/work-order-systems/${jiraId}`, as());
    expect(a.status).toBe(200);
    // (The next run times are computed from "now", so they move between the two calls.)
    const stable = (body: { schedule: object }) => ({ ...body, schedule: null });
    expect(stable(b.body)).toEqual(stable(a.body));
  });

  it("PUT changes what is sent; a credential left out stays, an empty one is cleared", async () => {
    const kept = await api("PUT", `/api/work-order-systems/${jiraId}/`, { ...as(), json: { sync_interval: 600 } });
    expect(kept.body).toMatchObject({ sync_interval: 600, api_key_set: true });
    const cleared = await api("PUT", `/api/work-order-systems/${jiraId}/`, { ...as(), json: { password: "" } });
    expect(cleared.body).toMatchObject({ password_set: false, api_key_set: true });
  });

  it("test_connection answers in plain words", async () => {
    const ok = await api("POST", `/api/work-order-systems/${jiraId}/test_connection/`, as());
    expect(ok.body).toMatchObject({ ok: true, message: expect.stringContaining("Connected to Jira") });
    expect(ok.body.latency_ms).toEqual(expect.any(Number));
  });

  it("disable and enable", async () => {
    expect((await api("POST", `/api/work-order-systems/${zendeskId}/disable/`, as())).body).toMatchObject({
      is_active: false,
      schedule: { next_runs: [] },
    });
    expect((await api("POST", `/api/work-order-systems/${zendeskId}/enable/`, as())).body).toMatchObject({ is_active: true });
  });
});

describe("syncing and following a run", () => {
  it("a sync started over the API runs to success and shows in the log", async () => {
    const run = await syncAndWait(jiraId);
    expect(run).toMatchObject({ status: "success", total_count: 43, created_count: 43, failed_count: 0, system_name: "jira" });
    expect(run.duration).toEqual(expect.any(Number));
    const zd = await syncAndWait(zendeskId);
    expect(zd).toMatchObject({ status: "success", total_count: 12 });
  });

  it("a second request while a run is active answers 409 with the running run's id", async () => {
    // A slow remote keeps the first run going while the second request arrives.
    jira.state.failNext("search", 1, { kind: "delay", ms: 1500 });
    const first = await api("POST", `/api/work-order-systems/${jiraId}/sync/`, as());
    const second = await api("POST", `/api/work-order-systems/${jiraId}/sync/`, as());
    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: "conflict", details: { running_run_id: first.body.id } });
    await settleJobs();
  });

  it("sync_all starts every active system", async () => {
    const res = await api("POST", "/api/work-order-systems/sync_all/", as());
    expect(res.status).toBe(202);
    expect(res.body.started.map((r: { system_id: number }) => r.system_id).sort()).toEqual([jiraId, zendeskId].sort());
    await settleJobs();
  });
});

describe("work orders", () => {
  it("one list from both systems, with filters, sort and DRF pagination", async () => {
    const all = await api("GET", "/api/work-orders/?page_size=20", as());
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(55);
    expect(all.body.results).toHaveLength(20);
    expect(all.body.next).toBe("/api/work-orders/?page_size=20&page=2");
    expect(all.body.previous).toBeNull();
    const types = new Set((await api("GET", "/api/work-orders/?page_size=200", as())).body.results.map((w: { system: { type: string } }) => w.system.type));
    expect([...types].sort()).toEqual(["jira", "zendesk"]);

    const onlyZendesk = await api("GET", `/api/work-orders/?system_id=${zendeskId}`, as());
    expect(onlyZendesk.body.count).toBe(12);
    const keyword = await api("GET", `/api/work-orders/?q=${encodeURIComponent("dryer drum")}`, as());
    expect(keyword.body.results.map((w: { title: string }) => w.title)).toEqual(["Overdue: dryer drum noise"]);
    const high = await api("GET", `/api/work-orders/?priority=high&system_id=${jiraId}`, as());
    expect(high.body.results.every((w: { priority: string }) => w.priority === "high")).toBe(true);
    const page2 = await api("GET", "/api/work-orders/?page_size=20&page=2", as());
    expect(page2.body.previous).toBe("/api/work-orders/?page_size=20&page=1");
  });

  it("overdue, upcoming deadlines and statistics", async () => {
    const overdue = await api("GET", "/api/work-orders/overdue/", as());
    const titles = overdue.body.results.map((w: { title: string }) => w.title);
    expect(titles).toContain("Overdue: dryer drum noise");
    expect(titles).not.toContain("Done long ago"); // resolved: not overdue
    expect(overdue.body.results.every((w: { is_overdue: boolean }) => w.is_overdue)).toBe(true);

    const soon = await api("GET", "/api/work-orders/upcoming_deadline/?days=3", as());
    expect(soon.body.results.map((w: { title: string }) => w.title)).toContain("Due soon: fridge seal");

    const stats = await api("GET", "/api/work-orders/statistics/", as());
    expect(stats.body).toMatchObject({ total: 55 });
    expect(stats.body.overdue).toBeGreaterThanOrEqual(1);
    expect(stats.body.by_system.map((s: { count: number }) => s.count).sort()).toEqual([12, 43]);
    expect(Object.values(stats.body.by_status as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(55);
  });

  it("PUT changes only our own fields", async () => {
    const id = (await api("GET", `/api/work-orders/?system_id=${jiraId}&page_size=1`, as())).body.results[0].id;
    const res = await api("PUT", `/api/work-orders/${id}/`, {
      ...as(),
      json: { note: "customer prefers mornings", local_assignee: "王建国", tags: ["vip", "vip", "warranty"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ note: "customer prefers mornings", local_assignee: "王建国", tags: ["vip", "warranty"] });
    expect(res.body.description).toEqual(expect.any(String));
  });

  it("pushes a status and a comment back to Jira through its transitions, logged as a manual run", async () => {
    const wo = (await api("GET", `/api/work-orders/?q=${encodeURIComponent("fridge seal")}`, as())).body.results[0];
    const options = await api("GET", `/api/work-orders/${wo.id}/status_options/`, as());
    expect(options.body.options.map((o: { value: string }) => o.value)).toContain("In Progress");

    const res = await api("POST", `/api/work-orders/${wo.id}/update_external/`, {
      ...as(),
      json: { status: "In Progress", comment: "Technician booked for Thursday" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.work_order).toMatchObject({ status: "in_progress", raw_status: "In Progress" });
    expect(res.body.run).toMatchObject({ sync_type: "manual", trigger: "manual", status: "success", total_count: 1 });
    const remote = jira.state.getIssue(wo.external_key)!;
    expect(remote.status).toBe("In Progress");
    expect(JSON.stringify(remote.comments.at(-1)!.body)).toContain("Technician booked for Thursday");

    const refused = await api("POST", `/api/work-orders/${wo.id}/update_external/`, { ...as(), json: { status: "Archived" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/does not allow/);
  });

  it("pushes a status and an internal note back to Zendesk", async () => {
    // A ticket Zendesk still lets us change (a closed one refuses every update).
    const wo = (await api("GET", `/api/work-orders/?system_id=${zendeskId}&page_size=50`, as())).body.results.find(
      (w: { raw_status: string }) => !["closed", "solved"].includes(w.raw_status),
    );
    const res = await api("POST", `/api/work-orders/${wo.id}/update_external/`, {
      ...as(),
      json: { status: "solved", comment: "Replaced the door seal" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.work_order).toMatchObject({ status: "resolved", raw_status: "solved" });
    const id = Number(wo.external_id);
    expect(zendesk.state.ticket(id)!.status).toBe("solved");
    expect(zendesk.state.comments(id).at(-1)).toMatchObject({ body: "Replaced the door seal", public: false });
  });
});

describe("deleting a system", () => {
  it("removes it and its work orders, and keeps its runs readable under its name", async () => {
    const created = await api("POST", "/api/work-order-systems/", {
      ...as(),
      json: { name: "Jira (to delete)", type: "jira", api_url: jira.url, username: FAKE_JIRA_EMAIL, api_key: FAKE_JIRA_TOKEN },
    });
    const run = await syncAndWait(created.body.id);
    const res = await api("DELETE", `/api/work-order-systems/${created.body.id}/`, as());
    expect(res.body).toEqual({ deleted: created.body.id, name: "Jira (to delete)" });
    expect((await api("GET", `/api/work-order-systems/${created.body.id}/`, as())).status).toBe(404);
    const db = await getDb();
    expect(await db.select().from(workOrders).where(eq(workOrders.systemId, created.body.id))).toEqual([]);
    const kept = await api("GET", `/api/sync-logs/${run.id}/`, as());
    expect(kept.body).toMatchObject({ system_id: null, system_name: "Jira (to delete)", status: "success" });
  });
});

describe("sync logs", () => {
  it("lists, filters, and analyses the runs", async () => {
    const list = await api("GET", `/api/sync-logs/?system_id=${jiraId}&status=success`, as());
    expect(list.body.count).toBeGreaterThanOrEqual(2);
    expect(list.body.results.every((r: { status: string; system_id: number }) => r.status === "success" && r.system_id === jiraId)).toBe(true);
    const manual = await api("GET", "/api/sync-logs/?sync_type=manual", as());
    expect(manual.body.count).toBeGreaterThanOrEqual(2);

    const stats = await api("GET", "/api/sync-logs/statistics/", as());
    expect(stats.body).toMatchObject({ success_rate: expect.any(Number), average_duration: expect.any(Number) });
    expect(stats.body.by_system.length).toBeGreaterThanOrEqual(2);

    const perf = await api("GET", "/api/sync-logs/performance_analysis/?days=7", as());
    const jiraPerf = perf.body.systems.find((s: { system_id: number }) => s.system_id === jiraId);
    expect(jiraPerf).toMatchObject({ runs: expect.any(Number), p50_duration: expect.any(Number), p95_duration: expect.any(Number) });
    expect(jiraPerf.trend[0]).toMatchObject({ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), runs: expect.any(Number) });
  });

  it("recent failures lists failed runs with their plain message", async () => {
    jira.state.failNext("search", 4, { kind: "status", status: 500 });
    const failed = await syncAndWait(jiraId);
    expect(failed.status).toBe("failed");
    const res = await api("GET", "/api/sync-logs/recent_failures/?limit=5", as());
    expect(res.body.results[0]).toMatchObject({ id: failed.id, status: "failed", message: expect.stringMatching(/server error/) });
  });

  it("seed 002's /api/haier/logs/: count is the number returned", async () => {
    const res = await api("GET", "/api/haier/logs/?limit=2", as());
    expect(res.body.count).toBe(2);
    expect(res.body.results).toHaveLength(2);
    const manual = await api("GET", "/api/haier/logs/?sync_type=manual&status=success&limit=10", as());
    expect(manual.body.results.every((r: { sync_type: string }) => r.sync_type === "manual")).toBe(true);
  });
});

describe("secrets", () => {
  it("no credential in any answer above or any captured log line", async () => {
    const db = await getDb();
    const runs = await db.select().from(syncRuns);
    const everything = logLines.join("") + JSON.stringify(runs);
    for (const secret of [FAKE_JIRA_TOKEN, DEFAULT_FAKE_CREDENTIALS.token]) expect(everything).not.toContain(secret);
    expect(logLines.length).toBeGreaterThan(10);
  });
});

describe("seed 002's query shape", () => {
  it("empty filters (?sync_type=&status=, as a form sends them) mean no filter", async () => {
    const res = await api("GET", "/api/haier/logs/?sync_type=&status=&limit=3", as());
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(3);
    expect((await api("GET", "/api/sync-logs/?status=&system_id=", as())).status).toBe(200);
  });
});
