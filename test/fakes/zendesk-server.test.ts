import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_FAKE_CREDENTIALS,
  generateTickets,
  startFakeZendesk,
  type FakeZendesk,
  type FakeZendeskOptions,
} from "./zendesk-server";

const AUTH = `Basic ${Buffer.from(`${DEFAULT_FAKE_CREDENTIALS.email}/token:${DEFAULT_FAKE_CREDENTIALS.token}`).toString("base64")}`;
let fake: FakeZendesk | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeZendeskOptions = {}) {
  fake = await startFakeZendesk(options);
  return fake;
}

interface ExportBody {
  tickets: { id: number; status: string; updated_at: string }[];
  users?: { id: number; name: string }[];
  after_cursor: string | null;
  after_url: string | null;
  end_of_stream: boolean;
}

async function call(path: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) {
  const auth = init.auth === undefined ? AUTH : init.auth;
  const response = await fetch(`${fake!.url}${path}`, {
    method: init.method ?? "GET",
    headers: { ...(auth ? { authorization: auth } : {}), "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
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

async function exportPage(query: string) {
  const answer = await call(`/api/v2/incremental/tickets/cursor.json?${query}`);
  expect(answer.status).toBe(200);
  return answer.json as unknown as ExportBody;
}

/** Every ticket id from `query` on, following after_cursor to the end of the stream. */
async function exportAll(query: string, perPage: number) {
  const ids: number[] = [];
  let page = await exportPage(`${query}&per_page=${perPage}`);
  ids.push(...page.tickets.map((t) => t.id));
  while (!page.end_of_stream) {
    page = await exportPage(`cursor=${encodeURIComponent(page.after_cursor!)}&per_page=${perPage}`);
    ids.push(...page.tickets.map((t) => t.id));
  }
  return { ids, last: page };
}

describe("fake Zendesk: authentication", () => {
  it("answers users/me with the signed-in user, the anonymous user without credentials, 401 for wrong ones", async () => {
    await start();
    expect((await call("/api/v2/users/me.json")).json).toMatchObject({
      user: { id: 1, name: "Ada Admin", role: "admin" },
    });
    expect((await call("/api/v2/users/me.json", { auth: null })).json).toMatchObject({
      user: { id: null, name: "Anonymous user" },
    });
    const wrong = await call("/api/v2/users/me.json", {
      auth: `Basic ${Buffer.from("admin@example.com/token:nope").toString("base64")}`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: "Couldn't authenticate you" });
    expect((await call("/api/v2/tickets/1.json", { auth: null })).status).toBe(401);
  });

  it("takes e-mail and password only when password access is set, and new credentials at any time", async () => {
    await start({ tickets: 1 });
    const viaPassword = `Basic ${Buffer.from("admin@example.com:pw-1234").toString("base64")}`;
    expect((await call("/api/v2/users/me.json", { auth: viaPassword })).status).toBe(401);
    fake!.state.setCredentials({ ...DEFAULT_FAKE_CREDENTIALS, password: "pw-1234" });
    expect((await call("/api/v2/users/me.json", { auth: viaPassword })).json).toMatchObject({ user: { id: 1 } });
    fake!.state.setCredentials({ email: "admin@example.com", token: "rotated-token" });
    expect((await call("/api/v2/tickets/1.json")).status).toBe(401);
  });
});

describe("fake Zendesk: cursor-based incremental export", () => {
  it("orders by (updated_at, id), includes start_time, pages by cursor, and side-loads users", async () => {
    const { state } = await start({ tickets: 12 });
    // Three tickets a second: 1–3 at 11:59:57, …, 10–12 at 12:00:00.
    // Edited at 12:00:00, ticket 2 now shares that second with 10–12, and goes before them by id.
    state.editTicket(2, { subject: "moved" });
    const { ids } = await exportAll("start_time=0", 5);
    expect(ids).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 2, 10, 11, 12]);

    const fromSecond = Date.UTC(2025, 0, 15, 11, 59, 59) / 1000;
    expect((await exportAll(`start_time=${fromSecond}`, 1000)).ids).toEqual([7, 8, 9, 2, 10, 11, 12]);

    const page = await exportPage("start_time=0&per_page=2&include=users");
    // Tickets 1 and 3: requested by Cy, the second assigned to Ada.
    expect(page.users!.map((u) => u.name).sort()).toEqual(["Ada Admin", "Cy Customer"]);
    expect(page.after_url).toBe(
      `${fake!.url}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(page.after_cursor!)}`,
    );
    expect((await exportPage("start_time=0&per_page=2")).users).toBeUndefined();
  });

  it("ends the stream with a cursor that later picks up changes, and hands it back when nothing changed", async () => {
    const { state } = await start({ tickets: 4 });
    const { last } = await exportAll("start_time=0", 3);
    expect(last.end_of_stream).toBe(true);

    const again = await exportPage(`cursor=${encodeURIComponent(last.after_cursor!)}`);
    expect(again).toMatchObject({ tickets: [], end_of_stream: true, after_cursor: last.after_cursor });

    // Changed in the very second the export answered for: stamped a second later, never behind the cursor.
    const clockBefore = state.now();
    state.editTicket(1, { priority: "low" });
    state.addTicket({ subject: "new" });
    expect(state.now()).toBe(clockBefore + 1);
    const next = await exportPage(`cursor=${encodeURIComponent(last.after_cursor!)}`);
    expect(next.tickets.map((t) => t.id)).toEqual([1, 5]);
    expect(next.end_of_stream).toBe(true);
  });

  it("answers a start_time request that finds nothing without a cursor", async () => {
    await start();
    expect(await exportPage("start_time=0")).toMatchObject({ tickets: [], after_cursor: null, end_of_stream: true });
  });

  it("keeps deleted tickets in the export with status deleted, unless exclude_deleted=true", async () => {
    const { state } = await start({ tickets: 3 });
    state.advanceClock(1);
    state.deleteTicket(2);
    const page = await exportPage("start_time=0");
    expect(page.tickets.map((t) => [t.id, t.status])).toEqual([
      [1, "new"],
      [3, "pending"],
      [2, "deleted"],
    ]);
    expect((await exportPage("start_time=0&exclude_deleted=true")).tickets.map((t) => t.id)).toEqual([1, 3]);
    expect((await call("/api/v2/tickets/2.json")).status).toBe(404);
  });

  it("leaves out the last exportLagSeconds, as Zendesk leaves out the last minute", async () => {
    const { state } = await start({ tickets: 3, exportLagSeconds: 60 });
    expect((await exportPage("start_time=0")).tickets).toEqual([]);
    state.advanceClock(60);
    expect((await exportPage("start_time=0")).tickets.map((t) => t.id)).toEqual([1, 2, 3]);
  });

  it("refuses a missing start_time, a bad cursor, a start_time in the future and per_page over 1000", async () => {
    const { state } = await start({ tickets: 1 });
    for (const query of ["", "cursor=bm9wZQ==", `start_time=${state.now() + 10}`, "start_time=0&per_page=1001"]) {
      const answer = await call(`/api/v2/incremental/tickets/cursor.json?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error, query).toEqual(expect.any(String));
    }
  });
});

describe("fake Zendesk: tickets and users", () => {
  it("shows a ticket, 404 JSON for one it does not have", async () => {
    await start({ tickets: 2 });
    expect((await call("/api/v2/tickets/2.json?include=users")).json).toMatchObject({
      ticket: { id: 2, url: `${fake!.url}/api/v2/tickets/2.json` },
      users: expect.any(Array),
    });
    const missing = await call("/api/v2/tickets/9.json");
    expect(missing).toMatchObject({ status: 404, json: { error: "RecordNotFound" } });
    expect((await call("/api/v2/nothing-here.json")).status).toBe(404);
  });

  it("updates status and comments, bumps updated_at, and answers with the ticket and an audit", async () => {
    const { state } = await start({ tickets: 3 });
    state.advanceClock(30);
    const answer = await call("/api/v2/tickets/2.json", {
      method: "PUT",
      body: { ticket: { status: "pending", comment: { body: "Waiting for parts", public: false } } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      ticket: { id: 2, status: "pending", updated_at: "2025-01-15T12:00:30Z" },
      audit: {
        ticket_id: 2,
        author_id: 1,
        events: [
          { type: "Change", field_name: "status", value: "pending", previous_value: "open" },
          { type: "Comment", body: "Waiting for parts", public: false },
        ],
      },
    });
    expect(state.comments(2)).toEqual([
      { id: 1, body: "Waiting for parts", public: false, author_id: 1, created_at: "2025-01-15T12:00:30Z" },
    ]);
  });

  it("refuses an unknown status, a blank comment and any change to a closed ticket with 422", async () => {
    const { state } = await start({ tickets: 6 });
    const put = (id: number, ticket: unknown) =>
      call(`/api/v2/tickets/${id}.json`, { method: "PUT", body: { ticket } });
    expect(await put(2, { status: "escalated" })).toMatchObject({ status: 422, json: { error: "RecordInvalid" } });
    expect(await put(2, { comment: { body: " " } })).toMatchObject({ status: 422 });
    expect(await put(6, { status: "open" })).toMatchObject({
      status: 422,
      json: { details: { status: [{ description: "Status: closed prevents ticket update" }] } },
    });
    expect(state.ticket(2)!.status).toBe("open");
    expect((await call("/api/v2/tickets/2.json", { method: "PUT", body: "not json" })).status).toBe(400);
  });

  it("looks users up by id, up to 100 at a time", async () => {
    const { state } = await start();
    state.addUser({ name: "Eve Engineer", email: "eve@example.com", role: "agent" });
    state.editUser(2, { name: "Bo Renamed" });
    state.removeUser(3);
    const answer = await call("/api/v2/users/show_many.json?ids=2,3,5");
    expect((answer.json.users as { id: number; name: string }[]).map((u) => [u.id, u.name])).toEqual([
      [2, "Bo Renamed"],
      [5, "Eve Engineer"],
    ]);
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(",");
    expect((await call(`/api/v2/users/show_many.json?ids=${tooMany}`)).status).toBe(400);
  });
});

describe("fake Zendesk: failures and counters", () => {
  it("injects 429 with Retry-After, 500, a truncated body and a slow answer, for the next N requests", async () => {
    const { state } = await start({ tickets: 2 });
    state.failNext("tickets.export", { type: "rate_limit", retryAfterSeconds: 7 });
    state.failNext("tickets.show", { type: "server_error", status: 503 }, 2);
    state.failNext("*", { type: "truncated_json" });
    state.failNext("users.me", { type: "slow", delayMs: 120 });

    const limited = await call("/api/v2/incremental/tickets/cursor.json?start_time=0");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect((await call("/api/v2/tickets/1.json")).status).toBe(503);
    expect((await call("/api/v2/tickets/1.json")).status).toBe(503);

    const truncated = await call("/api/v2/tickets/1.json");
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.text)).toThrow();
    expect((await call("/api/v2/tickets/1.json")).json).toMatchObject({ ticket: { id: 1 } });

    const started = Date.now();
    expect((await call("/api/v2/users/me.json")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);

    expect(state.requestCount("tickets.show")).toBe(4);
    expect(state.requestCount()).toBe(6);
    expect(state.requests("tickets.show").map((r) => r.status)).toEqual([503, 503, 200, 200]);
    state.resetRequests();
    expect(state.requestCount()).toBe(0);
  });
});

describe("fake Zendesk: 100,000 tickets", () => {
  it("pages, edits and exports changes without scanning everything", async () => {
    const started = performance.now();
    const { state } = await start({ tickets: 100_000 });
    expect(state.ticketCount()).toBe(100_000);
    const loaded = performance.now();

    // Straight to the last page from a start_time, then the tail by cursor.
    const tail = await exportPage(`start_time=${state.now() - 10}&per_page=1000`);
    expect(tail.tickets).toHaveLength(33);
    expect(tail.tickets.at(-1)!.id).toBe(100_000);
    expect(tail.end_of_stream).toBe(true);

    for (let id = 1; id <= 100_000; id += 500) state.editTicket(id, { priority: "urgent" });
    const changes = await exportAll(`cursor=${encodeURIComponent(tail.after_cursor!)}`, 50);
    expect(changes.ids).toHaveLength(200);
    expect(changes.ids.slice(0, 3)).toEqual([1, 501, 1001]);
    const done = performance.now();

    // Generous bounds for a busy CI box; a scan per request would blow through them.
    expect(loaded - started).toBeLessThan(10_000);
    expect(done - loaded).toBeLessThan(5_000);
  });

  it("generates varied tickets with three to a second", () => {
    const tickets = generateTickets(12, { endAt: 1_000 });
    expect(new Set(tickets.map((t) => t.status))).toEqual(
      new Set(["new", "open", "pending", "hold", "solved", "closed"]),
    );
    expect(tickets.map((t) => t.priority)).toContain(null);
    expect(tickets.slice(0, 3).map((t) => t.updated_at)).toEqual(Array(3).fill("1970-01-01T00:16:37Z"));
    expect(tickets.at(-1)!.updated_at).toBe("1970-01-01T00:16:40Z");
  });
});
