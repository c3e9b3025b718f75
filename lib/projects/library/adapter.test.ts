import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RemoteError } from "@/lib/sync/remote-http";
import type { PulledPage, SystemConnection } from "@/lib/sync/types";
import {
  FAKE_PROJECT_LIBRARY_API_KEY,
  fakeProjectLibraryConnection,
  startFakeProjectLibrary,
  type FakeProjectLibrary,
  type FakeProjectLibraryOptions,
} from "@/test/fakes/project-library-server";
import type { MappedProject, ProjectCursor, ProjectType } from "../types";
import { createProjectLibraryAdapter, PROJECT_CURSOR_OVERLAP_MS, type ProjectLibraryAdapterOptions } from "./adapter";

const KEY = FAKE_PROJECT_LIBRARY_API_KEY;
const ALL: ProjectType[] = ["presale", "aftersales", "sales"];
let fake: FakeProjectLibrary | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(
  options: FakeProjectLibraryOptions = {},
  connection: Partial<SystemConnection> = {},
  adapterOptions: ProjectLibraryAdapterOptions = {},
) {
  fake = await startFakeProjectLibrary(options);
  const adapter = createProjectLibraryAdapter(fakeProjectLibraryConnection(fake, connection), {
    pageSize: 4,
    retries: 1,
    ...adapterOptions,
  });
  return { fake, adapter };
}

const signal = () => new AbortController().signal;

async function collect(pages: AsyncIterable<PulledPage<MappedProject>>, limit = Number.POSITIVE_INFINITY) {
  const all: PulledPage<MappedProject>[] = [];
  for await (const page of pages) {
    all.push(page);
    // Leaving the loop early is how a run that stops after a committed page looks to the adapter.
    if (all.length >= limit) break;
  }
  return all;
}

const records = (pages: PulledPage<MappedProject>[]) =>
  pages
    .flatMap((p) => p.items)
    .map((item) => {
      if (!item.ok) throw new Error(`unexpected failure: ${item.reason}`);
      return item.record;
    });

const cursorOf = (page: PulledPage<MappedProject>) => page.nextCursor as ProjectCursor;

/** The fake's projects of a type, in listing order, from `since` on. */
function expectedIds(f: FakeProjectLibrary, type: ProjectType, since: string | null = null) {
  return f.state
    .ids()
    .map((id) => f.state.project(id)!)
    .filter((p) => p.type === type && (since === null || Date.parse(p.updated_at) >= Date.parse(since)))
    .map((p) => p.id);
}

const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();

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

describe("pull", () => {
  it("lists each type in the order asked, page by page, with the whole cursor after every page", async () => {
    const { fake, adapter } = await setup({ projects: 30 });
    const order: ProjectType[] = ["sales", "presale", "aftersales"];
    const pages = await collect(adapter.pull({ cursor: null, types: order, signal: signal() }));

    // Ten projects of each type, four to a page: 4 + 4 + 2, three times.
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    expect(pages.map((p) => p.requests)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const all = records(pages);
    expect(all.map((r) => r.id)).toEqual(order.flatMap((type) => expectedIds(fake, type)));
    expect(pages.map((p) => [...new Set(p.items.map((i) => i.ok && i.record.type))])).toEqual(
      order.flatMap((type) => [[type], [type], [type]]),
    );

    // Mid-listing: the token and the newest time so far; at the end: since = newest − overlap.
    const lastOf = (k: number) => all[[4, 8, 10, 14, 18, 20, 24, 28, 30][k]! - 1]!.updatedAt.toISOString();
    const requests = fake.state.requests;
    expect(cursorOf(pages[0]!)).toEqual({
      sales: { since: null, page_token: requests[1]!.query.page_token, max_seen: lastOf(0) },
    });
    expect(cursorOf(pages[1]!)).toEqual({
      sales: { since: null, page_token: requests[2]!.query.page_token, max_seen: lastOf(1) },
    });
    const salesDone = { since: minus(lastOf(2), PROJECT_CURSOR_OVERLAP_MS), page_token: null, max_seen: null };
    expect(cursorOf(pages[2]!)).toEqual({ sales: salesDone });
    expect(cursorOf(pages[3]!)).toEqual({
      sales: salesDone,
      presale: { since: null, page_token: requests[4]!.query.page_token, max_seen: lastOf(3) },
    });
    expect(cursorOf(pages[8]!)).toEqual({
      sales: salesDone,
      presale: { since: minus(lastOf(5), PROJECT_CURSOR_OVERLAP_MS), page_token: null, max_seen: null },
      aftersales: { since: minus(lastOf(8), PROJECT_CURSOR_OVERLAP_MS), page_token: null, max_seen: null },
    });

    expect(requests.map((r) => r.query.types)).toEqual(order.flatMap((type) => [type, type, type]));
    expect(requests[0]).toEqual({
      method: "GET",
      path: "/projects",
      query: { types: "sales", page_size: "4" },
      auth: `Bearer ${KEY}`,
      status: 200,
    });
    expect(adapter.requestCount()).toBe(9);
  });

  it("maps every field, people included", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    const pages = await collect(adapter.pull({ cursor: null, types: ["aftersales"], signal: signal() }));
    const [record] = records(pages);
    const source = fake.state.project("P100002")!;
    expect(record).toEqual({
      id: "P100002",
      type: "aftersales",
      title: source.title,
      status: "processing",
      customerName: source.customer_name,
      phone: "13800100002",
      updatedAt: new Date(source.updated_at),
      fields: { service_time: source.service_time, fault: source.fault },
      people: [
        {
          role: "customer",
          id: "C100002",
          name: source.customer_name,
          phone: "13800100002",
          // Every third customer has no e-mail address.
          email: null,
        },
        { role: "engineer", id: "E3", name: "Engineer 3", phone: "13900000002", email: "engineer3@library.example" },
      ],
    });
  });

  it("resumes a listing stopped mid-way from its cursor, without skipping or repeating a project", async () => {
    const { fake, adapter } = await setup({ projects: 30 });
    const first = await collect(adapter.pull({ cursor: null, types: ALL, signal: signal() }), 5);
    const stored = cursorOf(first.at(-1)!);
    // Stopped after presale's listing and the second page of aftersales.
    expect(stored.presale?.page_token).toBeNull();
    expect(stored.aftersales?.page_token).toEqual(expect.any(String));
    fake.state.resetRequests();

    const second = await collect(adapter.pull({ cursor: stored, types: ALL, signal: signal() }));
    expect(fake.state.requests[0]!.query).toEqual({
      types: "presale",
      page_size: "4",
      updated_since: stored.presale!.since,
    });
    // Presale's finished listing is read again from its since; aftersales continues where it stopped.
    expect(fake.state.requests.find((r) => r.query.types === "aftersales")!.query).toEqual({
      types: "aftersales",
      page_size: "4",
      page_token: stored.aftersales!.page_token,
    });

    const firstIds = records(first).map((r) => r.id);
    const secondIds = records(second).map((r) => r.id);
    const aftersales = [...firstIds, ...secondIds].filter((id) => fake.state.project(id)!.type === "aftersales");
    expect(aftersales).toEqual(expectedIds(fake, "aftersales"));
    // max_seen carried over the interruption: the end-of-listing since is the newest of the whole listing.
    const newest = fake.state.project(expectedIds(fake, "aftersales").at(-1)!)!.updated_at;
    expect(cursorOf(second.at(-1)!).aftersales).toEqual({
      since: minus(newest, PROJECT_CURSOR_OVERLAP_MS),
      page_token: null,
      max_seen: null,
    });
  });

  it("picks up a change in the next incremental pull, re-reading only the last minute before it", async () => {
    const { fake, adapter } = await setup();
    fake.state.generate(30, { spacingSeconds: 60 });
    const first = await collect(adapter.pull({ cursor: null, types: ALL, signal: signal() }));
    const stored = cursorOf(first.at(-1)!);

    fake.state.advanceClock(300);
    const changed = expectedIds(fake, "sales")[1]!;
    fake.state.setStatus(changed, "completed");
    fake.state.put({ id: "P200000", type: "aftersales", status: "pending" });
    fake.state.resetRequests();

    const second = await collect(adapter.pull({ cursor: stored, types: ALL, signal: signal() }));
    const got = records(second);
    expect(got.find((r) => r.id === changed)).toMatchObject({ status: "completed", type: "sales" });
    expect(got.filter((r) => r.id === "P200000")).toHaveLength(1);
    for (const type of ALL) {
      expect(got.filter((r) => r.type === type).map((r) => r.id)).toEqual(expectedIds(fake, type, stored[type]!.since));
    }
    // Spaced a minute apart, the overlap re-reads one or two projects per type, not the library.
    expect(got.length).toBeLessThanOrEqual(8);
    expect(fake.state.requests.map((r) => r.query.updated_since)).toEqual(ALL.map((type) => stored[type]!.since));
    expect(cursorOf(second.at(-1)!).sales!.since).toBe(
      minus(fake.state.now().toISOString(), PROJECT_CURSOR_OVERLAP_MS),
    );
  });

  it("keeps other types' entries (and keys it does not know) untouched when pulling one type", async () => {
    const { fake, adapter } = await setup({ projects: 12 });
    const presale = {
      since: "2025-01-01T00:00:00.000Z",
      page_token: "opaque-token",
      max_seen: "2025-01-02T00:00:00.000Z",
    };
    const aftersales = { since: "2024-12-01T00:00:00.000Z", page_token: null, max_seen: null };
    const cursor = { presale, aftersales, note: "kept" } as ProjectCursor;
    const pages = await collect(adapter.pull({ cursor, types: ["sales"], signal: signal() }));

    expect(pages).toHaveLength(1);
    for (const page of pages) {
      expect(cursorOf(page).presale).toBe(presale);
      expect(cursorOf(page).aftersales).toBe(aftersales);
      expect(page.nextCursor.note).toBe("kept");
    }
    expect(cursorOf(pages[0]!).sales).toEqual({ since: expect.any(String), page_token: null, max_seen: null });
    expect(cursor).toEqual({ presale, aftersales, note: "kept" });
    expect(fake.state.requests.map((r) => r.query.types)).toEqual(["sales"]);
  });

  it("commits an empty listing as one empty page, keeping since when nothing came", async () => {
    const { fake, adapter } = await setup({ projects: 4 });
    expect(await collect(adapter.pull({ cursor: null, types: ["presale"], signal: signal() }))).toHaveLength(1);
    const since = "2030-01-01T00:00:00.000Z";
    const cursor: ProjectCursor = { presale: { since, page_token: null, max_seen: null } };
    expect(await collect(adapter.pull({ cursor, types: ["presale", "sales"], signal: signal() }))).toEqual([
      { items: [], nextCursor: { presale: { since, page_token: null, max_seen: null } }, requests: 1 },
      {
        items: [expect.objectContaining({ ok: true })],
        nextCursor: {
          presale: { since, page_token: null, max_seen: null },
          sales: { since: minus(fake.state.project("P100003")!.updated_at, 60_000), page_token: null, max_seen: null },
        },
        requests: 1,
      },
    ]);
    expect(await collect(adapter.pull({ cursor: null, types: [], signal: signal() }))).toEqual([]);
  });

  it("reports a project it cannot read with its reason and maps the rest of the page", async () => {
    const { fake, adapter } = await setup({ projects: 6 });
    fake.state.advanceClock(10);
    fake.state.put({ id: "P100900", type: "sales", overrides: { status: "archived" } });
    fake.state.advanceClock(10);
    fake.state.put({ id: "P100901", type: "sales", overrides: { updated_at: "last week" } });
    const pages = await collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() }));
    const items = pages.flatMap((p) => p.items);
    expect(items.filter((i) => i.ok).map((i) => i.ok && i.record.id)).toEqual(["P100003", "P100006"]);
    expect(items.filter((i) => !i.ok)).toEqual([
      { ok: false, externalId: "P100900", reason: 'status is not a project status ("archived")' },
      {
        ok: false,
        externalId: "P100901",
        reason: "updated_at is not a date and time (ISO 8601 with a time zone)",
      },
    ]);
    // The refused project's time still counts as seen; the unreadable one's cannot.
    expect(cursorOf(pages.at(-1)!).sales!.since).toBe(minus(fake.state.project("P100900")!.updated_at, 60_000));
  });

  it("does not let a project stamped far in the future move since", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    fake.state.put({ id: "P100999", type: "sales", updated_at: "2099-01-01T00:00:00Z" });
    const pages = await collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() }));
    expect(records(pages).map((r) => r.id)).toEqual(["P100003", "P100999"]);
    expect(cursorOf(pages.at(-1)!).sales!.since).toBe(minus(fake.state.project("P100003")!.updated_at, 60_000));
  });

  it("starts a listing over from since when its stored page token has expired", async () => {
    const { fake, adapter } = await setup({ projects: 30 });
    const first = await collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() }), 1);
    fake.state.advanceClock(2 * 3600);
    fake.state.resetRequests();
    const second = await collect(adapter.pull({ cursor: cursorOf(first[0]!), types: ["sales"], signal: signal() }));
    expect(fake.state.requests.map((r) => [r.status, r.query.page_token === undefined])).toEqual([
      [400, false],
      [200, true],
      [200, false],
      [200, false],
    ]);
    expect(second[0]!.requests).toBe(2);
    expect(records(second).map((r) => r.id)).toEqual(expectedIds(fake, "sales"));
  });

  it("waits out a 429 with Retry-After and goes on", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    fake.state.failNext(1, { status: 429, retryAfter: 1 });
    const started = Date.now();
    const pages = await collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(records(pages)).toHaveLength(1);
    expect(pages[0]!.requests).toBe(2);
    expect(fake.state.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("fails as rate_limited when Retry-After is longer than it waits in place", async () => {
    const { fake, adapter } = await setup({ projects: 3 }, {}, { maxRetryAfterMs: 1_000 });
    fake.state.failNext(1, { status: 429, retryAfter: 120 });
    const error = await rejection(collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() })));
    expect(error.kind).toBe("rate_limited");
    expect(error.details.retryAfterSeconds).toBe(120);
  });

  it("retries a server error, and gives up on repeated ones with kind server", async () => {
    const { fake, adapter } = await setup({ projects: 15 });
    fake.state.failNext(1, { kind: "pass" });
    fake.state.failNext(1, { status: 500 });
    const pages = await collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() }));
    expect(pages.map((p) => p.requests)).toEqual([1, 2]);
    expect(records(pages).map((r) => r.id)).toEqual(expectedIds(fake, "sales"));

    fake.state.failNext(5, { status: 502 });
    const error = await rejection(collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() })));
    expect(error.kind).toBe("server");
    expect(error.message).toMatch(/Project library had a server error \(HTTP 502\) at .*\/projects, 2 times in a row/);
  });

  it("retries a dropped connection", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    fake.state.failNext(1, { kind: "reset" });
    const pages = await collect(adapter.pull({ cursor: null, types: ["presale"], signal: signal() }));
    expect(pages[0]!.requests).toBe(2);
    expect(records(pages).map((r) => r.id)).toEqual(["P100001"]);
  });

  it("fails with kind credentials for a wrong key, without the key in the message", async () => {
    const { adapter } = await setup({ projects: 3 }, { apiKey: "wrong-key-98765" });
    const error = await rejection(collect(adapter.pull({ cursor: null, types: ALL, signal: signal() })));
    expect(error.kind).toBe("credentials");
    expect(error.message).toBe("The project library refused the API key (HTTP 401): check the key set for this system");
    expect(adapter.requestCount()).toBe(1);
  });

  it.each([
    [{ projects: [] }, "(items)"],
    [{ items: [], next_page_token: "" }, "(next_page_token)"],
    [{ items: {}, next_page_token: null }, "(items)"],
    [[], ""],
  ])("refuses the envelope %j as invalid_response", async (body, where) => {
    const { fake, adapter } = await setup({ projects: 3 });
    fake.state.failNext(1, { kind: "body", body });
    const error = await rejection(collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() })));
    expect(error.kind).toBe("invalid_response");
    expect(error.message).toBe(
      `The project library answered a project listing in a shape we do not know${where ? ` ${where}` : ""}`,
    );
  });

  it("reports a truncated answer as invalid_response", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    fake.state.failNext(1, { kind: "truncated" });
    const error = await rejection(collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() })));
    expect(error.kind).toBe("invalid_response");
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("refuses a listing that hands back the token it was given", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    fake.state.failNext(1, { kind: "body", body: { items: [], next_page_token: "same" } });
    const cursor: ProjectCursor = { sales: { since: null, page_token: "same", max_seen: null } };
    const error = await rejection(collect(adapter.pull({ cursor, types: ["sales"], signal: signal() })));
    expect(error.kind).toBe("invalid_response");
    expect(error.message).toMatch(/handed back the same page token/);
  });

  it("times out a slow answer", async () => {
    const { fake, adapter } = await setup({ projects: 3 }, {}, { timeoutMs: 150, retries: 0 });
    fake.state.failNext(1, { kind: "delay", ms: 2_000 });
    const error = await rejection(collect(adapter.pull({ cursor: null, types: ["sales"], signal: signal() })));
    expect(error.kind).toBe("timeout");
  });

  it("stops between pages when the signal aborts, and during a request", async () => {
    const { fake, adapter } = await setup({ projects: 30 });
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const page of adapter.pull({ cursor: null, types: ALL, signal: controller.signal })) {
          seen.push(page.items.length);
          controller.abort();
        }
      })(),
    );
    expect(error.kind).toBe("aborted");
    expect(seen).toEqual([4]);
    expect(fake.state.requests).toHaveLength(1);

    fake.state.setDelay(5_000);
    const during = new AbortController();
    setTimeout(() => during.abort(), 100);
    const started = Date.now();
    expect((await rejection(collect(adapter.pull({ cursor: null, types: ALL, signal: during.signal })))).kind).toBe(
      "aborted",
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a stored entry that is not a project library cursor, and an unknown type, before any request", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    const bad = { sales: { since: "last Tuesday", page_token: null, max_seen: null } } as ProjectCursor;
    const error = await rejection(
      collect(adapter.pull({ cursor: bad, types: ["presale", "sales"], signal: signal() })),
    );
    expect(error.kind).toBe("bad_request");
    expect(error.message).toBe(
      "The stored sync position for sales projects is not a project library cursor; clear it to sync from the start",
    );
    const unknown = await rejection(
      collect(adapter.pull({ cursor: null, types: ["rental" as ProjectType], signal: signal() })),
    );
    expect(unknown.message).toBe('"rental" is not a project type; expected presale, aftersales, sales');
    expect(fake.state.requests).toHaveLength(0);
  });
});

describe("fetchProject", () => {
  it("returns the project as the library has it now, and null for a 404", async () => {
    const { fake, adapter } = await setup({ projects: 3 });
    fake.state.advanceClock(10);
    fake.state.setStatus("P100003", "shipped");
    const result = await adapter.fetchProject("P100003");
    expect(result).toEqual({ ok: true, record: expect.objectContaining({ id: "P100003", status: "shipped" }) });
    expect(result?.ok && result.record.updatedAt).toEqual(fake.state.now());
    expect(await adapter.fetchProject("P999999")).toBeNull();
    expect(fake.state.requests.map((r) => [r.path, r.status])).toEqual([
      ["/projects/P100003", 200],
      ["/projects/P999999", 404],
    ]);
  });

  it("reports a project it cannot read, or one with another id, as a failed result", async () => {
    const { fake, adapter } = await setup();
    fake.state.put({ id: "P1", overrides: { status: "lost" } });
    fake.state.put({ id: "P2", overrides: { id: "P3" } });
    expect(await adapter.fetchProject("P1")).toEqual({
      ok: false,
      externalId: "P1",
      reason: 'status is not a project status ("lost")',
    });
    expect(await adapter.fetchProject("P2")).toEqual({
      ok: false,
      externalId: "P2",
      reason: "the library answered with project P3 when asked for P2",
    });
  });

  it("refuses an id that is not one without a request, and passes remote failures on", async () => {
    const { fake, adapter } = await setup({ projects: 1 });
    for (const id of ["..", "../admin", "", "P 1"]) {
      expect((await rejection(adapter.fetchProject(id))).kind).toBe("bad_request");
    }
    expect(fake.state.requests).toHaveLength(0);
    fake.state.failNext(2, { status: 503 });
    expect((await rejection(adapter.fetchProject("P100001"))).kind).toBe("rate_limited");
    fake.state.failNext(1, { kind: "body", body: ["P100001"] });
    expect((await rejection(adapter.fetchProject("P100001"))).message).toBe(
      "The project library answered a project request in a shape we do not know",
    );
  });
});

describe("testConnection", () => {
  it("connects with one small listing", async () => {
    const { fake, adapter } = await setup({ projects: 5 });
    const check = await adapter.testConnection();
    expect(check).toEqual({ ok: true, message: "Connected to the project library", latency_ms: expect.any(Number) });
    expect(check.latency_ms).toBeGreaterThanOrEqual(0);
    expect(fake.state.requests.map((r) => r.query)).toEqual([{ page_size: "1" }]);
    expect(adapter.requestCount()).toBe(1);
  });

  it("says the key was refused, without the key", async () => {
    const { adapter } = await setup({}, { apiKey: "wrong-key-98765" });
    const check = await adapter.testConnection();
    expect(check.ok).toBe(false);
    expect(check.message).toBe("The project library refused the API key (HTTP 401): check the key set for this system");
    expect(check.message).not.toContain("wrong-key-98765");
  });

  it("says a key is missing without a request, and refuses a URL that is not a web address", async () => {
    const { fake, adapter } = await setup({}, { apiKey: "  " });
    expect(await adapter.testConnection()).toMatchObject({
      ok: false,
      message: "The project library needs an API key; none is set for this system",
    });
    expect(fake.state.requests).toHaveLength(0);
    const badUrl = createProjectLibraryAdapter(fakeProjectLibraryConnection(fake, { apiUrl: "library.example" }));
    expect((await badUrl.testConnection()).message).toMatch(/not a web address/);
  });

  it("says plainly that the library cannot be reached", async () => {
    const port = await closedPort();
    const adapter = createProjectLibraryAdapter(fakeProjectLibraryConnection({ url: `http://127.0.0.1:${port}` }), {
      retries: 0,
    });
    expect(await adapter.testConnection()).toMatchObject({
      ok: false,
      message: `The project library could not be reached: Nothing is listening at http://127.0.0.1:${port}/projects (connection refused)`,
    });
  });

  it("says so when the library drops the connection or is down", async () => {
    const { fake, adapter } = await setup({}, {}, { retries: 0 });
    fake.state.down("reset");
    expect((await adapter.testConnection()).message).toMatch(
      /^The project library could not be reached: Project library could not be reached at http:\/\/127\.0\.0\.1:\d+\/projects/,
    );
    fake.state.down();
    expect((await adapter.testConnection()).message).toMatch(/Project library is limiting our requests \(HTTP 503\)/);
    fake.state.up();
    expect((await adapter.testConnection()).ok).toBe(true);
  });
});
