import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RemoteError } from "@/lib/sync/remote-http";
import type { MappedWorkOrder, PulledPage, SystemConnection } from "@/lib/sync/types";
import {
  DEFAULT_FAKE_CREDENTIALS,
  startFakeZendesk,
  type FakeZendesk,
  type FakeZendeskOptions,
} from "@/test/fakes/zendesk-server";
import { createZendeskAdapter } from "./adapter";
import type { ZendeskClientOptions } from "./client";

const TOKEN = DEFAULT_FAKE_CREDENTIALS.token;
let fake: FakeZendesk | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

function connectionTo(url: string, overrides: Partial<SystemConnection> = {}): SystemConnection {
  return {
    id: 1,
    name: "Acme Zendesk",
    type: "zendesk",
    apiUrl: url,
    username: DEFAULT_FAKE_CREDENTIALS.email,
    apiKey: TOKEN,
    password: null,
    settings: {},
    ...overrides,
  };
}

async function setup(
  options: FakeZendeskOptions = {},
  connection: Partial<SystemConnection> = {},
  client: ZendeskClientOptions = {},
) {
  fake = await startFakeZendesk(options);
  const adapter = createZendeskAdapter(connectionTo(fake.url, connection), { perPage: 10, retries: 1, ...client });
  return { fake, adapter };
}

async function collect(pages: AsyncIterable<PulledPage<MappedWorkOrder>>) {
  const all: PulledPage<MappedWorkOrder>[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const records = (pages: PulledPage<MappedWorkOrder>[]) =>
  pages
    .flatMap((p) => p.items)
    .map((item) => {
      if (!item.ok) throw new Error(`unexpected failure: ${item.reason}`);
      return item.record;
    });

async function rejection(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemoteError);
  return error as RemoteError;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("testConnection", () => {
  it("names the user it connected as", async () => {
    const { adapter } = await setup();
    const check = await adapter.testConnection();
    expect(check).toMatchObject({ ok: true, message: "Connected to Zendesk as Ada Admin" });
    expect(check.latency_ms).toBeGreaterThanOrEqual(0);
    expect(adapter.requestCount()).toBe(1);
  });

  it("warns that syncing needs an admin when the user is an agent", async () => {
    const { adapter } = await setup(
      {
        credentials: { email: "bo@example.com", token: TOKEN },
      },
      { username: "bo@example.com" },
    );
    const check = await adapter.testConnection();
    expect(check.ok).toBe(true);
    expect(check.message).toBe(
      "Connected to Zendesk as Bo Agent; note: syncing needs an admin, and this user's role is agent",
    );
  });

  it("refuses bad credentials in plain words, without the token", async () => {
    const { adapter } = await setup({}, { apiKey: "wrong-token-98765" });
    const check = await adapter.testConnection();
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/Zendesk refused the credentials \(HTTP 401\)/);
    expect(check.message).not.toContain("wrong-token-98765");
    expect(check.message).not.toContain(TOKEN);
  });

  it("treats an answer as the anonymous user as bad credentials", async () => {
    const { adapter } = await setup({ badCredentialsOnMe: "anonymous" }, { apiKey: "wrong-token-98765" });
    const check = await adapter.testConnection();
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/did not accept the credentials .*anonymous user.*e-mail address and the API token/);
    expect(check.message).not.toContain("wrong-token-98765");
  });

  it("signs in with e-mail and password when there is no API token", async () => {
    const { adapter } = await setup(
      { credentials: { ...DEFAULT_FAKE_CREDENTIALS, password: "s3cret-password" } },
      { apiKey: null, password: "s3cret-password" },
    );
    expect(await adapter.testConnection()).toMatchObject({ ok: true, message: "Connected to Zendesk as Ada Admin" });
  });

  it("says what is missing when there are no credentials, without a request", async () => {
    const { adapter } = await setup({}, { apiKey: null, password: null });
    expect(await adapter.testConnection()).toMatchObject({
      ok: false,
      message: "Zendesk needs an API token (or a password) for this user; none is set",
    });
    expect(adapter.requestCount()).toBe(0);
  });

  it("says plainly that nothing is listening at an unreachable host", async () => {
    const port = await closedPort();
    const adapter = createZendeskAdapter(connectionTo(`http://127.0.0.1:${port}`), { retries: 0 });
    const check = await adapter.testConnection();
    expect(check).toMatchObject({
      ok: false,
      message: `Nothing is listening at http://127.0.0.1:${port}/api/v2/users/me.json (connection refused)`,
    });
  });

  it("rejects an API URL that is not a web address", async () => {
    const adapter = createZendeskAdapter(connectionTo("acme.zendesk"));
    expect((await adapter.testConnection()).message).toMatch(/not a web address/);
  });
});

describe("pull", () => {
  it("exports every ticket over several pages, names included, one request a page", async () => {
    const { fake, adapter } = await setup({ tickets: 25 });
    const pages = await collect(adapter.pull({ cursor: null, signal: new AbortController().signal }));

    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.requests)).toEqual([1, 1, 1]);
    const all = records(pages);
    expect(all.map((r) => r.externalId)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(all[1]).toMatchObject({
      externalKey: "#2",
      externalUrl: `${fake.url}/agent/tickets/2`,
      title: "Generated ticket 2",
      status: "in_progress",
      rawStatus: "open",
      assignee: "Bo Agent",
      requester: "Di Customer",
      deleted: false,
    });
    for (const page of pages) expect(page.nextCursor).toEqual({ after_cursor: expect.any(String) });

    const exports = fake.state.requests("tickets.export");
    expect(exports.map((r) => r.query)).toEqual([
      { start_time: "0", per_page: "10", include: "users" },
      { cursor: pages[0]!.nextCursor.after_cursor, per_page: "10", include: "users" },
      { cursor: pages[1]!.nextCursor.after_cursor, per_page: "10", include: "users" },
    ]);
    expect(fake.state.requestCount("users.show_many")).toBe(0);
    expect(adapter.requestCount()).toBe(3);
  });

  it("continues from the cursor stored at the end of the stream: only changed and new tickets, never start_time again", async () => {
    const { fake, adapter } = await setup({ tickets: 25 });
    const first = await collect(adapter.pull({ cursor: null, signal: new AbortController().signal }));
    const stored = first.at(-1)!.nextCursor;

    fake.state.editTicket(7, { subject: "Printer on fire", priority: "urgent" });
    fake.state.editTicket(3, { status: "solved" });
    fake.state.addTicket({ subject: "A new one", requester_id: 4, assignee_id: 1, status: "open" });
    fake.state.resetRequests();

    const second = await collect(adapter.pull({ cursor: stored, signal: new AbortController().signal }));
    expect(second).toHaveLength(1);
    const changed = records(second);
    // Changed in the same second, so in id order.
    expect(changed.map((r) => r.externalId)).toEqual(["3", "7", "26"]);
    expect(changed[0]).toMatchObject({ status: "resolved", rawStatus: "solved" });
    expect(changed[1]).toMatchObject({ title: "Printer on fire", priority: "urgent" });
    expect(changed[2]).toMatchObject({ title: "A new one", assignee: "Ada Admin", requester: "Di Customer" });
    expect(fake.state.requests("tickets.export").map((r) => r.query.cursor)).toEqual([stored.after_cursor]);

    // Nothing changed since: one request, nothing new, and the cursor to keep for next time.
    const stored2 = second.at(-1)!.nextCursor;
    fake.state.resetRequests();
    const third = await collect(adapter.pull({ cursor: stored2, signal: new AbortController().signal }));
    expect(third).toHaveLength(1);
    expect(third[0]!.items).toEqual([]);
    expect(third[0]!.nextCursor).toEqual(stored2);
    expect(fake.state.requests("tickets.export")).toEqual([
      expect.objectContaining({ query: { cursor: stored2.after_cursor, per_page: "10", include: "users" } }),
    ]);
  });

  it("delivers a deleted ticket as deleted and closed", async () => {
    const { fake, adapter } = await setup({ tickets: 5 });
    const first = await collect(adapter.pull({ cursor: null, signal: new AbortController().signal }));
    fake.state.deleteTicket(2);
    const second = await collect(
      adapter.pull({ cursor: first.at(-1)!.nextCursor, signal: new AbortController().signal }),
    );
    expect(records(second)).toEqual([
      expect.objectContaining({ externalId: "2", deleted: true, status: "closed", rawStatus: "deleted" }),
    ]);
  });

  it("starts a first sync at settings.start_time", async () => {
    const { fake, adapter } = await setup({ tickets: 30 }, { settings: { start_time: "2025-01-15T11:59:55Z" } });
    const pages = await collect(adapter.pull({ cursor: null, signal: new AbortController().signal }));
    // Three tickets a second, the last at 12:00:00: the seconds 11:59:55 to 12:00:00 hold 18 of them.
    expect(records(pages).map((r) => r.externalId)).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 13)));
    expect(fake.state.requests("tickets.export")[0]!.query.start_time).toBe(
      String(Date.UTC(2025, 0, 15, 11, 59, 55) / 1000),
    );
  });

  it("keeps start_time as the position while an empty account hands out no cursor", async () => {
    const { fake, adapter } = await setup({ tickets: 0 });
    const pages = await collect(adapter.pull({ cursor: null, signal: new AbortController().signal }));
    expect(pages).toEqual([{ items: [], nextCursor: { start_time: 0 }, requests: 1 }]);

    fake.state.addTicket({ subject: "First!" });
    const next = await collect(adapter.pull({ cursor: pages[0]!.nextCursor, signal: new AbortController().signal }));
    expect(records(next).map((r) => r.title)).toEqual(["First!"]);
    expect(next[0]!.nextCursor).toEqual({ after_cursor: expect.any(String) });
  });

  it("looks names up (once per run) when the export does not side-load users", async () => {
    const { fake, adapter } = await setup({ tickets: 25, sideloadUsers: false });
    const pages = await collect(adapter.pull({ cursor: null, signal: new AbortController().signal }));
    expect(records(pages)[1]).toMatchObject({ assignee: "Bo Agent", requester: "Di Customer" });
    expect(pages.map((p) => p.requests)).toEqual([2, 1, 1]);
    expect(fake.state.requests("users.show_many").map((r) => r.query.ids)).toEqual(["3,2,4,1"]);
  });

  it("waits out a 429 with Retry-After and goes on", async () => {
    const { fake, adapter } = await setup({ tickets: 3 });
    fake.state.failNext("tickets.export", { type: "rate_limit", retryAfterSeconds: 1 });
    const started = Date.now();
    const pages = await collect(adapter.pull({ cursor: null, signal: new AbortController().signal }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(records(pages)).toHaveLength(3);
    expect(pages[0]!.requests).toBe(2);
    expect(fake.state.requests("tickets.export").map((r) => r.status)).toEqual([429, 200]);
  });

  it("gives up on repeated server errors with a RemoteError of kind server", async () => {
    const { fake, adapter } = await setup({ tickets: 3 });
    fake.state.failNext("tickets.export", { type: "server_error" }, 5);
    const error = await rejection(collect(adapter.pull({ cursor: null, signal: new AbortController().signal })));
    expect(error.kind).toBe("server");
    expect(error.message).toMatch(
      /Zendesk had a server error \(HTTP 500\) at .*\/api\/v2\/incremental\/tickets\/cursor.json, 2 times in a row/,
    );
    expect(adapter.requestCount()).toBe(2);
  });

  it("reports a truncated answer as invalid_response", async () => {
    const { fake, adapter } = await setup({ tickets: 3 });
    fake.state.failNext("tickets.export", { type: "truncated_json" });
    const error = await rejection(collect(adapter.pull({ cursor: null, signal: new AbortController().signal })));
    expect(error.kind).toBe("invalid_response");
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("times out a slow answer", async () => {
    const { fake, adapter } = await setup({ tickets: 3 }, {}, { timeoutMs: 150, retries: 0 });
    fake.state.failNext("tickets.export", { type: "slow", delayMs: 2_000 });
    const error = await rejection(collect(adapter.pull({ cursor: null, signal: new AbortController().signal })));
    expect(error.kind).toBe("timeout");
  });

  it("stops between pages when the signal aborts", async () => {
    const { fake, adapter } = await setup({ tickets: 25 });
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const page of adapter.pull({ cursor: null, signal: controller.signal })) {
          seen.push(page.items.length);
          controller.abort();
        }
      })(),
    );
    expect(error.kind).toBe("aborted");
    expect(seen).toEqual([10]);
    expect(fake.state.requestCount("tickets.export")).toBe(1);
  });

  it("refuses a stored position that is not a Zendesk cursor", async () => {
    const { adapter } = await setup();
    const error = await rejection(
      collect(adapter.pull({ cursor: { startAt: 50 }, signal: new AbortController().signal })),
    );
    expect(error.kind).toBe("bad_request");
    expect(error.message).toMatch(/not a Zendesk cursor/);
  });
});

describe("write-back", () => {
  it("sets the status and adds an internal note, and returns the ticket as Zendesk now has it", async () => {
    const { fake, adapter } = await setup({ tickets: 5 });
    const before = fake.state.ticket(2)!;
    fake.state.advanceClock(60);
    const record = await adapter.pushUpdate("2", { status: "solved", comment: "  Replaced the fuse.  " });

    expect(record).toMatchObject({
      externalId: "2",
      status: "resolved",
      rawStatus: "solved",
      assignee: "Bo Agent",
      requester: "Di Customer",
    });
    const after = fake.state.ticket(2)!;
    expect(after.status).toBe("solved");
    expect(after.updated_at > before.updated_at).toBe(true);
    expect(record.externalUpdatedAt).toEqual(new Date(after.updated_at));
    expect(fake.state.comments(2)).toEqual([
      expect.objectContaining({ body: "Replaced the fuse.", public: false, author_id: 1 }),
    ]);
    expect(fake.state.requests("tickets.update")).toHaveLength(1);
  });

  it("adds a comment without touching the status", async () => {
    const { fake, adapter } = await setup({ tickets: 5 });
    const record = await adapter.pushUpdate("4", { comment: "Called the customer" });
    expect(record.rawStatus).toBe("hold");
    expect(fake.state.comments(4).map((c) => c.body)).toEqual(["Called the customer"]);
  });

  it("refuses a status Zendesk agents cannot set, naming the allowed ones, without a request", async () => {
    const { fake, adapter } = await setup({ tickets: 5 });
    const error = await rejection(adapter.pushUpdate("2", { status: "closed" }));
    expect(error.kind).toBe("bad_request");
    expect(error.message).toBe('"closed" is not a status we can set in Zendesk; allowed: open, pending, hold, solved');
    expect(fake.state.requestCount()).toBe(0);
  });

  it("refuses an empty update and an id that is not a ticket id", async () => {
    const { adapter } = await setup({ tickets: 5 });
    expect((await rejection(adapter.pushUpdate("2", { comment: "  " }))).message).toMatch(/Nothing to send/);
    expect((await rejection(adapter.pushUpdate("../users/1", { status: "open" }))).message).toMatch(
      /is not a Zendesk ticket id/,
    );
    expect(adapter.requestCount()).toBe(0);
  });

  it("passes on Zendesk's refusal to change a closed ticket", async () => {
    const { adapter } = await setup({ tickets: 6 });
    const error = await rejection(adapter.pushUpdate("6", { status: "open" }));
    expect(error.kind).toBe("bad_request");
    expect(error.message).toMatch(/Zendesk refused the request \(HTTP 422\)/);
  });

  it("says not_found for a ticket Zendesk does not have", async () => {
    const { adapter } = await setup({ tickets: 2 });
    expect((await rejection(adapter.pushUpdate("99", { status: "open" }))).kind).toBe("not_found");
  });
});

describe("statusOptions", () => {
  it("offers open, pending, on-hold and solved, and nothing for a closed ticket", async () => {
    const { adapter } = await setup({ tickets: 6 });
    expect(await adapter.statusOptions("2")).toEqual([
      { value: "open", label: "Open" },
      { value: "pending", label: "Pending" },
      { value: "hold", label: "On-hold" },
      { value: "solved", label: "Solved" },
    ]);
    expect(await adapter.statusOptions("6")).toEqual([]);
  });
});
