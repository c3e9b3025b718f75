import { Writable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, projects } from "@/db/schema";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { createLogger, setLogger } from "@/lib/logger";
import { withTestDatabase } from "@/test/db";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { createStaff } from "@/test/fixtures";
import { api, type Json } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { expireAccessLink, expireCachedProject, projectStatusEvents, startProjectLibrary } from "@/test/projects";

/**
 * Seed 003 over HTTP: a project library synced into the cache, projects read through people's links
 * (cache first, the library when expired or asked, the saved copy when the library is down), status
 * changes reported once, links that expire and can be revoked, and the two configs.
 */

withTestDatabase();
withApiServer();

let library: FakeProjectLibrary;
let admin: Awaited<ReturnType<typeof createStaff>>;
const logLines: string[] = [];
const asAdmin = () => ({ token: admin.token });

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
  admin = await createStaff("admin");
  ({ fake: library } = await startProjectLibrary(admin, { projects: 30 }));
});
afterAll(async () => {
  await settleJobs();
  setLogger(undefined);
  await library?.close();
});

const sync = (json: Json = {}) => api("POST", "/api/projects/sync", { ...asAdmin(), json });

/** A link for the project's customer (C + the project's number), created through the API. */
async function customerLink(projectId: string) {
  const res = await api("POST", `/api/projects/${projectId}/tokens`, {
    ...asAdmin(),
    json: { access_type: "customer", user_id: `C${Number(projectId.slice(1))}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { token: string; url: string; expires_at: string; link: { jti: string } };
}

const view = (projectId: string, token: string, query = "", headers: Record<string, string> = {}) =>
  api("GET", `/api/projects/${projectId}?token=${encodeURIComponent(token)}${query}`, { headers });

describe("the project library as an external system", () => {
  it("tests its connection and refuses a second library", async () => {
    const systems = await api("GET", "/api/work-order-systems/", asAdmin());
    const lib = systems.body.results.find((s: Json) => s.type === "project_library");
    expect(lib).toMatchObject({ api_key_set: true, schedule: { kind: "project_sync", cron: "*/15 * * * *" } });
    expect(lib.schedule.next_runs).toHaveLength(5);
    const check = await api("POST", `/api/work-order-systems/${lib.id}/test_connection/`, asAdmin());
    expect(check.body.ok).toBe(true);
    const second = await api("POST", "/api/work-order-systems/", {
      ...asAdmin(),
      json: { name: "Another library", type: "project_library", api_url: library.url },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already a project library/);
  });
});

describe("POST /api/projects/sync", () => {
  it("caches every project on the first sync, then finds nothing changed", async () => {
    const first = await sync({ sync_type: "manual", force: true });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ success: true, total: 30, updated: 30, created: 30, unchanged: 0, changes: [] });
    expect(first.body.duration).toMatch(/^\d+(\.\d)?秒$/);
    expect(first.body.sync_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const again = await sync({}); // incremental from the stored cursor: only the overlap comes back
    expect(again.body).toMatchObject({ success: true, updated: 0, changes: [] });
    const forced = await sync({ force: true });
    expect(forced.body).toMatchObject({ total: 30, updated: 0, unchanged: 30, changes: [] });
    expect(await projectStatusEvents()).toEqual([]);
  });

  it("reports a status change once, with one event, however often the same data is synced again", async () => {
    library.state.advanceClock(120);
    library.state.setStatus("P100001", "completed");
    const res = await sync({}, );
    expect(res.body.changes).toEqual([{ project_id: "P100001", old_status: "pending", new_status: "completed", notified: true }]);
    expect(res.body.updated).toBe(1);
    await sync({});
    await sync({ force: true });
    const events = await projectStatusEvents("P100001");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ from: "pending", to: "completed", notify: true });
  });

  it("syncs only the project types asked for, and English durations when asked in English", async () => {
    const res = await api("POST", "/api/projects/sync", {
      ...asAdmin(),
      json: { force: true, project_types: ["sales"] },
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    expect(res.body.total).toBe(10);
    expect(res.body.duration).toMatch(/^\d+(\.\d)? s$/);
  });

  it("a run that dies after a committed page and is run again reports the change on that page once", async () => {
    library.state.advanceClock(120);
    library.state.setStatus("P100004", "resolved"); // a presale project: the first listing
    library.state.setStatus("P100005", "shipped"); // aftersales: the second listing
    // The presale listing answers; the aftersales listing fails for good (retries too).
    library.state.failNext(1, { kind: "pass" });
    library.state.failNext(4, { status: 500 }); // the first try and its three retries
    const failed = await sync({ project_types: ["presale", "aftersales"] });
    expect(failed.body).toMatchObject({ success: false, status: "failed" });
    expect(failed.body.changes).toEqual([expect.objectContaining({ project_id: "P100004", new_status: "resolved" })]);
    const retried = await sync({ project_types: ["presale", "aftersales"] });
    expect(retried.body.changes.map((c: Json) => c.project_id)).toEqual(["P100005"]);
    expect(await projectStatusEvents("P100004")).toHaveLength(1);
    expect(await projectStatusEvents("P100005")).toHaveLength(1);
  });

  it("lists the runs in the sync history, newest first, paginated", async () => {
    const res = await api("GET", "/api/projects/sync-history?page=1&page_size=2", asAdmin());
    expect(res.body.pagination).toMatchObject({ page: 1, page_size: 2 });
    expect(res.body.pagination.total).toBeGreaterThanOrEqual(6);
    expect(res.body.history).toHaveLength(2);
    expect(res.body.history[0]).toMatchObject({ sync_type: "manual", kind: "sync", trigger: "manual" });
    expect(res.body.history[0].id).toBeGreaterThan(res.body.history[1].id);
    const failed = (await api("GET", "/api/projects/sync-history?page_size=100", asAdmin())).body.history.find(
      (h: Json) => h.status === "failed",
    );
    expect(failed.message).toMatch(/Project library/);
    expect(failed.error_detail).not.toContain(library.url.replace("http://", "x"));
  });
});

describe("GET /api/projects/{id} with a link", () => {
  it("serves the cached copy with masked phones, the age in words and the configured times", async () => {
    const { token, url } = await customerLink("P100002");
    expect(url).toMatch(/\/project\/P100002\?token=/);
    library.state.resetRequests();
    const res = await view("P100002", token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from_cache: true, stale: false, cache_time: "刚刚" });
    expect(res.body.last_sync).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const p = res.body.project;
    expect(p).toMatchObject({ id: "P100002", type: "aftersales", status: "processing" });
    expect(p.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(p.people.every((x: Json) => x.phone === null || /\*{4}/.test(x.phone))).toBe(true);
    expect(p.people.every((x: Json) => x.id === undefined)).toBe(true);
    expect(p.display.service_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/contacts|1[3-9]\d{9}/);
    expect(library.state.requests).toHaveLength(0); // cache first: the library was not asked
    const english = await view("P100002", token, "", { "accept-language": "en" });
    expect(english.body.cache_time).toBe("just now");
  });

  it("asks the library when the copy has expired, and serves the saved copy (stale) while it is down", async () => {
    const { token } = await customerLink("P100003");
    await expireCachedProject("P100003");
    library.state.resetRequests();
    const refreshed = await view("P100003", token);
    expect(refreshed.body).toMatchObject({ from_cache: false, stale: false, cache_time: "刚刚" });
    expect(library.state.requests.map((r) => r.path)).toEqual(["/projects/P100003"]);

    await expireCachedProject("P100003", 5);
    library.state.down();
    const stale = await view("P100003", token);
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ from_cache: true, stale: true, cache_time: "35分钟前" });
    library.state.up();
    const back = await view("P100003", token);
    expect(back.body).toMatchObject({ from_cache: false, stale: false });
  });

  it("answers 503 in plain words when there is no copy and the library is down", async () => {
    library.state.put({ id: "P900001", type: "presale", status: "pending", people: [{ role: "customer", id: "C900001", name: "王伟" }] });
    const { token } = await customerLink("P900001"); // fetched from the library: now cached
    const db = await getDb();
    await db.delete(projects).where(eq(projects.id, "P900001"));
    library.state.down("reset");
    const res = await view("P900001", token);
    library.state.up();
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/no saved copy/);
  });

  it("refreshes on force_sync, reports a change seen that way once, and limits refreshes per link", async () => {
    const { token } = await customerLink("P100006");
    library.state.advanceClock(60);
    library.state.setStatus("P100006", "completed");
    const res = await view("P100006", token, "&force_sync=true");
    expect(res.body).toMatchObject({ from_cache: false, project: { status: "completed" } });
    await sync({});
    expect(await projectStatusEvents("P100006")).toHaveLength(1);
    const history = await api("GET", "/api/projects/P100006", asAdmin());
    expect(history.body.status_history).toEqual([
      expect.objectContaining({ old_status: "pending", new_status: "completed", source: "refresh", notified: true }),
    ]);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await view("P100006", token, "&force_sync=true")).status);
    expect(answers).toEqual([200, 200, 200, 200, 429]);
    expect((await view("P100006", token)).status).toBe(200); // reading the copy is not limited
  });

  it("says 404 when the library no longer has the project", async () => {
    library.state.put({ id: "P900002", type: "sales", people: [{ role: "customer", id: "C900002", name: "李娜" }] });
    const { token } = await customerLink("P900002");
    library.state.remove("P900002");
    const res = await view("P900002", token, "&force_sync=true");
    expect(res.status).toBe(404);
  });
});

describe("links", () => {
  let link: { token: string; link: { jti: string } };
  beforeEach(async () => {
    link = await customerLink("P100008");
  });

  it("verify-access says who the link is for", async () => {
    const res = await api("GET", `/api/projects/P100008/verify-access?token=${link.token}`);
    expect(res.body).toEqual({ has_access: true, user_id: "C100008", user_name: expect.any(String), access_type: "customer" });
  });

  it("opens nothing for a wrong, tampered, expired, revoked or other project's token", async () => {
    const [head, payload, signature] = link.token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: "P100009" })).toString("base64url");
    const flipped = signature!.slice(0, -2) + (signature!.endsWith("AA") ? "BB" : "AA");
    expect((await view("P100008", "not-a-token")).status).toBe(401);
    expect((await view("P100008", `${head}.${forgedPayload}.${signature}`)).status).toBe(401);
    expect((await view("P100008", `${head}.${payload}.${flipped}`)).status).toBe(401);
    expect((await view("P100009", link.token)).status).toBe(403);
    expect((await api("GET", `/api/projects/P100009/verify-access?token=${link.token}`)).status).toBe(403);

    const expiring = await customerLink("P100008");
    await expireAccessLink(expiring.link.jti);
    expect((await view("P100008", expiring.token)).status).toBe(401);

    const revoked = await api("DELETE", `/api/projects/P100008/tokens/${link.link.jti}`, asAdmin());
    expect(revoked.body).toMatchObject({ state: "revoked" });
    const after = await view("P100008", link.token);
    expect(after.status).toBe(401);
    // The refusal says nothing about the project.
    expect(JSON.stringify(after.body)).not.toMatch(/P100008|C100008|pending|processing/);
  });

  it("stops opening the project for a person the library took off it", async () => {
    const engineer = await api("POST", "/api/projects/P100008/tokens", {
      ...asAdmin(),
      json: { access_type: "engineer", user_id: library.state.project("P100008")!.people.find((p) => p.role === "engineer")!.id, ttl_days: 2 },
    });
    expect(engineer.status).toBe(201);
    expect(Date.parse(engineer.body.expires_at) - Date.now()).toBeGreaterThan(47 * 3_600_000);
    const project = library.state.project("P100008")!;
    library.state.advanceClock(60);
    library.state.edit("P100008", { people: project.people.filter((p) => p.role !== "engineer") });
    expect((await view("P100008", engineer.body.token, "&force_sync=true")).status).toBe(403);
  });

  it("lists links with their state, and logs every access without the token", async () => {
    const res = await api("GET", "/api/projects/P100008/tokens", asAdmin());
    expect(res.body.results.length).toBeGreaterThanOrEqual(2);
    expect(res.body.results.map((l: Json) => l.state)).toEqual(expect.arrayContaining(["active", "revoked"]));
    await view("P100008", link.token);
    const usedAt = async () =>
      (await api("GET", "/api/projects/P100008/tokens", asAdmin())).body.results.find((l: Json) => l.jti === link.link.jti).last_used_at;
    const first = await usedAt();
    expect(first).toEqual(expect.any(String));
    await view("P100008", link.token);
    expect(await usedAt()).toBe(first); // written at most once a minute, not on every view
    const accessLines = logLines.filter((l) => l.includes("project link access"));
    expect(accessLines.some((l) => l.includes('"outcome":"allowed"') && l.includes(link.link.jti))).toBe(true);
    expect(accessLines.some((l) => l.includes('"outcome":"invalid"'))).toBe(true);
    expect(logLines.join("\n")).not.toContain(link.token);
  });

  it("refuses a link for someone who is not on the project", async () => {
    const res = await api("POST", "/api/projects/P100008/tokens", {
      ...asAdmin(),
      json: { access_type: "customer", user_id: "C999999" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0].path).toBe("user_id");
    expect(res.body.error.message).toMatch(/C100008/);
  });
});

describe("configs", () => {
  it("saves the project-sync config, shows the next five runs, and refuses a bad cron with the reason", async () => {
    const before = await api("GET", "/api/config/project-sync", asAdmin());
    expect(before.body.config).toMatchObject({ sync_frequency: "*/15 * * * *", cache_ttl: 30 });
    expect(before.body.last_sync_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const saved = await api("POST", "/api/config/project-sync", {
      ...asAdmin(),
      json: { cron_expression: "0 8-20 * * 1-5", cache_ttl: 60 },
    });
    expect(saved.body).toMatchObject({ success: true, message: "配置已保存", effective_cron: "0 8-20 * * 1-5" });
    expect(saved.body.next_runs).toHaveLength(5);
    for (const at of saved.body.next_runs) {
      const local = new Date(Date.parse(at) + 8 * 3_600_000); // Asia/Shanghai
      expect(local.getUTCMinutes()).toBe(0);
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(8);
      expect([0, 6]).not.toContain(local.getUTCDay());
    }
    const bad = await api("POST", "/api/config/project-sync", { ...asAdmin(), json: { cron_expression: "61 * * * *" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields[0].path).toBe("cron_expression");
    const db = await getDb();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.updated"), eq(auditLog.targetId, "project_sync")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ changed: { cache_ttl: { from: 30, to: 60 } } });
  });

  it("applies the time-display config to the times a link shows", async () => {
    const { token } = await customerLink("P100003");
    const saved = await api("POST", "/api/config/time-display", {
      ...asAdmin(),
      json: { sales_time_format: "YYYY年M月D日 HH:mm", timezone: "America/New_York", show_payment_time: false },
    });
    expect(saved.status).toBe(200);
    const res = await view("P100003", token);
    expect(res.body.time_zone).toBe("America/New_York");
    expect(res.body.project.display.updated_at).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(res.body.project.payment_time).toBeUndefined();
    expect(res.body.project.display.payment_time).toBeUndefined();
    const bad = await api("POST", "/api/config/time-display", { ...asAdmin(), json: { aftersales_time_format: "yyyy-MM-dd" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/Unknown token/);
  });
});

describe("GET /api/projects (staff)", () => {
  it("filters by type, status, cache state and keyword", async () => {
    const all = await api("GET", "/api/projects?page_size=100", asAdmin());
    expect(all.body.count).toBeGreaterThanOrEqual(30);
    const sales = await api("GET", "/api/projects?type=sales&page_size=100", asAdmin());
    expect(sales.body.results.every((p: Json) => p.type === "sales")).toBe(true);
    await expireCachedProject("P100010");
    const expired = await api("GET", "/api/projects?cache_state=expired", asAdmin());
    expect(expired.body.results.map((p: Json) => p.id)).toContain("P100010");
    expect(expired.body.results.every((p: Json) => p.cache_state === "expired")).toBe(true);
    const byKeyword = await api("GET", "/api/projects?keyword=P10001", asAdmin());
    expect(byKeyword.body.results.every((p: Json) => p.id.startsWith("P10001"))).toBe(true);
    const empty = await api("GET", "/api/projects?type=&status=&cache_state=", asAdmin());
    expect(empty.body.count).toBe(all.body.count);
  });
});
