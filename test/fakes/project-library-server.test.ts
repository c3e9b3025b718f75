import { afterEach, describe, expect, it } from "vitest";
import {
  FAKE_PROJECT_LIBRARY_API_KEY,
  encodePageToken,
  generateProjects,
  startFakeProjectLibrary,
  type FakeProjectLibrary,
  type FakeProjectLibraryOptions,
} from "./project-library-server";

const AUTH = `Bearer ${FAKE_PROJECT_LIBRARY_API_KEY}`;
let fake: FakeProjectLibrary | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeProjectLibraryOptions = {}) {
  fake = await startFakeProjectLibrary(options);
  return fake;
}

interface ListBody {
  items: { id: string; type: string; status: string; updated_at: string; [key: string]: unknown }[];
  next_page_token: string | null;
}

async function call(path: string, init: { method?: string; auth?: string | null } = {}) {
  const auth = init.auth === undefined ? AUTH : init.auth;
  const response = await fetch(`${fake!.url}${path}`, {
    method: init.method ?? "GET",
    headers: auth ? { authorization: auth } : {},
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: the truncation test reads `text`
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}

async function list(query: string) {
  const answer = await call(`/projects?${query}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as ListBody;
}

/** Every item from `query` on, following next_page_token to the end. */
async function listAll(query: string, from: string | null = null) {
  const items: ListBody["items"] = [];
  const pages: ListBody[] = [];
  let token: string | null = from;
  do {
    const page = await list(`${query}${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
    pages.push(page);
    items.push(...page.items);
    token = page.next_page_token;
  } while (token);
  return { items, pages };
}

const sortKey = (p: { updated_at: string; id: string }) => [Date.parse(p.updated_at), p.id] as const;

describe("fake project library: authentication", () => {
  it("answers 401 with an error body for a missing or wrong key, and serves the right one", async () => {
    await start({ projects: 3 });
    for (const auth of [null, "Bearer nope", `Basic ${FAKE_PROJECT_LIBRARY_API_KEY}`, FAKE_PROJECT_LIBRARY_API_KEY]) {
      const answer = await call("/projects", { auth });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: "invalid or missing API key" });
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect((await call("/projects/P100001", { auth: null })).status).toBe(401);
    expect((await call("/projects")).status).toBe(200);
    expect((await call("/projects", { auth: `bearer ${FAKE_PROJECT_LIBRARY_API_KEY}` })).status).toBe(200);
  });

  it("checks the key before the parameters, and takes a key set at start or later", async () => {
    const { state } = await start({ apiKey: "custom-key-12345" });
    expect((await call("/projects?page_size=0", { auth: AUTH })).status).toBe(401);
    expect((await call("/projects?page_size=0", { auth: "Bearer custom-key-12345" })).status).toBe(400);
    state.setApiKey("rotated-key-67890");
    expect((await call("/projects", { auth: "Bearer custom-key-12345" })).status).toBe(401);
    expect((await call("/projects", { auth: "Bearer rotated-key-67890" })).status).toBe(200);
  });

  it("logs every request with its query and Authorization header", async () => {
    const { state } = await start();
    await call("/projects?types=sales&page_size=5");
    await call("/projects/P1", { auth: null });
    expect(state.requests).toEqual([
      { method: "GET", path: "/projects", query: { types: "sales", page_size: "5" }, auth: AUTH, status: 200 },
      { method: "GET", path: "/projects/P1", query: {}, auth: null, status: 401 },
    ]);
    state.resetRequests();
    expect(state.requests).toEqual([]);
  });
});

describe("fake project library: listing", () => {
  it("lists everything in (updated_at, id) order over pages, each project once, no empty last page", async () => {
    await start({ projects: 25 });
    const { items, pages } = await listAll("page_size=10");
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.next_page_token === null)).toEqual([false, false, true]);
    expect(new Set(items.map((p) => p.id)).size).toBe(25);
    const keys = items.map(sortKey);
    expect([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))).toEqual(keys);
    // Two projects share each second: the order within a second is by id.
    expect(items[23]!.updated_at).toBe(items[24]!.updated_at);
    expect(items[23]!.id < items[24]!.id).toBe(true);
  });

  it("ends exactly on a full page without a token, and answers an empty listing with one empty page", async () => {
    await start({ projects: 10 });
    expect((await list("page_size=10")).next_page_token).toBeNull();
    expect(await list("types=sales&updated_since=2030-01-01T00:00:00Z")).toEqual({ items: [], next_page_token: null });
  });

  it("defaults to 100 per page", async () => {
    await start({ projects: 150 });
    const page = await list("");
    expect(page.items).toHaveLength(100);
    expect(page.next_page_token).not.toBeNull();
  });

  it("includes projects updated exactly at updated_since", async () => {
    const { state } = await start();
    state.put({ id: "A", updated_at: "2025-01-15T10:00:00.000Z" });
    state.put({ id: "B", updated_at: "2025-01-15T10:00:01.000Z" });
    state.put({ id: "C", updated_at: "2025-01-15T10:00:02.000Z" });
    expect((await list("updated_since=2025-01-15T10:00:01.000Z")).items.map((p) => p.id)).toEqual(["B", "C"]);
    expect((await list("updated_since=2025-01-15T10:00:01.001Z")).items.map((p) => p.id)).toEqual(["C"]);
    expect((await list("updated_since=2025-01-15T18:00:01%2B08:00")).items.map((p) => p.id)).toEqual(["B", "C"]);
  });

  it("filters by types, with only each type's own fields", async () => {
    await start({ projects: 30 });
    const sales = (await listAll("types=sales&page_size=4")).items;
    expect(sales).toHaveLength(10);
    for (const p of sales) {
      expect(p.type).toBe("sales");
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining(["payment_time", "payment_amount", "people", "phone", "customer_name"]),
      );
      expect(p).not.toHaveProperty("fault");
      expect(p).not.toHaveProperty("expected_close_date");
    }
    const two = (await listAll("types=presale,aftersales&page_size=7")).items;
    expect(two).toHaveLength(20);
    expect(new Set(two.map((p) => p.type))).toEqual(new Set(["presale", "aftersales"]));
    const after = two.find((p) => p.type === "aftersales")!;
    expect(after).toHaveProperty("service_time");
    expect(after).toHaveProperty("fault");
    expect(after).not.toHaveProperty("payment_amount");
  });

  it("generates people with phones and e-mails in the spellings the library sends", () => {
    const projects = generateProjects(8);
    expect(projects.map((p) => p.id)).toEqual(Array.from({ length: 8 }, (_, i) => `P${100001 + i}`));
    expect(projects.map((p) => p.type)).toEqual([
      "presale",
      "aftersales",
      "sales",
      "presale",
      "aftersales",
      "sales",
      "presale",
      "aftersales",
    ]);
    const phones = projects.map((p) => p.phone);
    expect(phones).toContain(null);
    expect(phones.some((p) => p?.startsWith("+86 "))).toBe(true);
    for (const p of projects) {
      expect(p.people[0]).toMatchObject({ role: "customer", name: p.customer_name });
      expect(p.people[1]!.role).toBe(p.type === "aftersales" ? "engineer" : "salesman");
    }
    expect(projects.some((p) => /[A-Z]/.test(p.people[0]!.email ?? ""))).toBe(true);
    // Deterministic: the same call, the same projects.
    expect(generateProjects(8)).toEqual(projects);
  });

  it("keeps a listing consistent while projects change: the changed one moves to the end", async () => {
    const { state } = await start({ projects: 10 });
    const first = await list("page_size=4");
    state.advanceClock(60);
    const moved = first.items[0]!.id;
    const notYetListed = (await list("")).items[6]!.id;
    state.setStatus(moved, "completed");
    state.setStatus(notYetListed, "completed");
    const rest = (await listAll("page_size=4", first.next_page_token)).items.map((p) => p.id);
    const all = [...first.items.map((p) => p.id), ...rest];
    // Everything once, and the two changed ones (again) at the end, in id order.
    expect(new Set(all).size).toBe(10);
    expect(all.filter((id) => id === moved)).toHaveLength(2);
    expect(rest.slice(-2)).toEqual([moved, notYetListed].sort());
    expect(state.project(moved)!.updated_at).toBe(state.now().toISOString());
  });

  it("does not list a removed project and answers 404 for it", async () => {
    const { state } = await start({ projects: 3 });
    expect(state.remove("P100002")).toBe(true);
    expect(state.remove("P100002")).toBe(false);
    expect((await list("")).items.map((p) => p.id)).toEqual(["P100001", "P100003"]);
    expect(await call("/projects/P100002")).toMatchObject({ status: 404, json: { error: "not found" } });
  });
});

describe("fake project library: refusals", () => {
  it.each([
    ["page_size=0", "page_size must be a whole number from 1 to 500"],
    ["page_size=501", "page_size must be a whole number from 1 to 500"],
    ["page_size=ten", "page_size must be a whole number from 1 to 500"],
    ["page_size=2.5", "page_size must be a whole number from 1 to 500"],
    ["types=sales,rental", 'unknown project type "rental"; known: presale, aftersales, sales'],
    ["types=", 'unknown project type ""; known: presale, aftersales, sales'],
    ["updated_since=yesterday", "updated_since must be an ISO 8601 date and time with a time zone"],
    ["updated_since=2025-01-15", "updated_since must be an ISO 8601 date and time with a time zone"],
    ["page_token=not-a-token", "page_token is not valid"],
    ["page_token=%21%21", "page_token is not valid"],
  ])("answers 400 for %s", async (query, message) => {
    await start({ projects: 3 });
    const answer = await call(`/projects?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: message });
  });

  it("takes page_size 500, and refuses a page token once it is older than an hour", async () => {
    const { state } = await start({ projects: 5 });
    expect((await list("page_size=500")).items).toHaveLength(5);
    const token = (await list("page_size=2")).next_page_token!;
    state.advanceClock(3600);
    expect((await list(`page_size=2&page_token=${token}`)).items).toHaveLength(2);
    state.advanceClock(1);
    expect(await call(`/projects?page_size=2&page_token=${token}`)).toMatchObject({
      status: 400,
      json: { error: "page_token has expired; start the listing again" },
    });
  });

  it("reads a page token as base64url JSON of the position", async () => {
    const { state } = await start({ projects: 6 });
    const ids = state.ids();
    const third = state.project(ids[2]!)!;
    const token = encodePageToken({ u: Date.parse(third.updated_at), i: third.id }, state.now().getTime());
    expect((await list(`page_token=${token}`)).items.map((p) => p.id)).toEqual(ids.slice(3));
    expect(JSON.parse(Buffer.from(token, "base64url").toString("utf8"))).toEqual({
      u: Date.parse(third.updated_at),
      i: third.id,
      t: state.now().getTime(),
    });
  });

  it("serves one project, 404 for an unknown one, 404 for unknown paths, 405 for writes", async () => {
    const { state } = await start({ projects: 3 });
    const answer = await call("/projects/P100003");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: "P100003", type: "sales", payment_amount: expect.any(Number) });
    expect(answer.json).toEqual((await list("")).items[2]);
    expect(await call("/projects/P999999")).toMatchObject({ status: 404, json: { error: "not found" } });
    expect((await call("/elsewhere")).status).toBe(404);
    expect((await call("/projects", { method: "POST" })).status).toBe(405);
    expect(state.requests.map((r) => r.status)).toEqual([200, 200, 404, 404, 405]);
  });

  it("serves overrides over the project's own fields, keeping its place in the order", async () => {
    const { state } = await start();
    state.put({
      id: "A",
      updated_at: "2025-01-15T10:00:00Z",
      overrides: { status: "archived", updated_at: "soon", extra: 1 },
    });
    state.put({ id: "B", updated_at: "2025-01-15T09:00:00Z" });
    const { items } = await list("");
    expect(items.map((p) => p.id)).toEqual(["B", "A"]);
    expect(items[1]).toMatchObject({ status: "archived", updated_at: "soon", extra: 1 });
  });
});

describe("fake project library: failures", () => {
  it("fails the next n requests with a status and Retry-After, then answers normally", async () => {
    const { state } = await start({ projects: 2 });
    state.failNext(2, { status: 429, retryAfter: 3 });
    const limited = await call("/projects");
    expect(limited).toMatchObject({ status: 429, json: { error: "too many requests" } });
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await call("/projects")).status).toBe(429);
    expect((await call("/projects")).status).toBe(200);
  });

  it("targets the n-th request with pass entries queued first", async () => {
    const { state } = await start({ projects: 2 });
    state.failNext(2, { kind: "pass" });
    state.failNext(1, { status: 502 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("/projects")).status);
    expect(statuses).toEqual([200, 200, 502, 200]);
  });

  it("answers a broken envelope or a truncated body when told to", async () => {
    const { state } = await start({ projects: 2 });
    state.failNext(1, { kind: "body", body: { projects: [] } });
    state.failNext(1, { kind: "truncated" });
    expect(await call("/projects")).toMatchObject({ status: 200, json: { projects: [] } });
    const cut = await call("/projects");
    expect(cut.status).toBe(200);
    expect(cut.json).toBeNull();
    expect(cut.text.length).toBeGreaterThan(0);
  });

  it("goes down with 503 or dropped connections, and comes back up", async () => {
    const { state } = await start({ projects: 1 });
    state.down();
    expect(await call("/projects")).toMatchObject({ status: 503, json: { error: "the library is unavailable" } });
    state.down("reset");
    await expect(call("/projects")).rejects.toThrow();
    expect(state.requests.at(-1)!.status).toBe(0);
    state.up();
    expect((await call("/projects")).status).toBe(200);
    state.failNext(1, { kind: "reset" });
    await expect(call("/projects")).rejects.toThrow();
  });

  it("holds answers back by the delay set", async () => {
    const { state } = await start({ projects: 1 });
    state.setDelay(200);
    let started = Date.now();
    await call("/projects");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    state.setDelay(0);
    state.failNext(1, { kind: "delay", ms: 150 });
    started = Date.now();
    expect((await call("/projects")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("closes while an answer is held back", async () => {
    const { state } = await start();
    state.setDelay(10_000);
    const pending = call("/projects").catch(() => "dropped");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fake!.close();
    fake = null;
    expect(await pending).toBe("dropped");
  });
});

describe("fake project library: clock and state", () => {
  it("stamps changes with its own clock, which only moves forward", async () => {
    const { state } = await start({ now: "2025-03-01T08:00:00Z" });
    expect(state.put({ id: "P1" }).updated_at).toBe("2025-03-01T08:00:00.000Z");
    state.advanceClock(90);
    expect(state.setStatus("P1", "resolved")).toMatchObject({
      status: "resolved",
      updated_at: "2025-03-01T08:01:30.000Z",
    });
    expect(() => state.setClock("2025-01-01T00:00:00Z")).toThrow(/only moves forward/);
    expect(() => state.setStatus("P404", "resolved")).toThrow(/No project P404/);
    state.setClock(new Date("2025-03-02T00:00:00Z"));
    expect(state.edit("P1", { title: "Renamed" })).toMatchObject({
      title: "Renamed",
      updated_at: "2025-03-02T00:00:00.000Z",
    });
    expect(state.ids()).toEqual(["P1"]);
  });

  it("generates after the highest id so far, ending at the clock", async () => {
    const { state } = await start({ projects: 3 });
    state.advanceClock(10);
    const more = state.generate(2, { types: ["sales"] });
    expect(more.map((p) => [p.id, p.type])).toEqual([
      ["P100004", "sales"],
      ["P100005", "sales"],
    ]);
    expect(more[1]!.updated_at).toBe(state.now().toISOString());
    expect(state.projectCount()).toBe(5);
    expect(state.ids().slice(-2)).toEqual(["P100004", "P100005"]);
  });
});
