import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeJiraConnection, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { RemoteError } from "@/lib/sync/remote-http";
import type { MappedWorkOrder, PulledPage, SystemConnection } from "@/lib/sync/types";
import { createJiraAdapter } from "./adapter";

let fake: FakeJira;

beforeEach(async () => {
  fake = await startFakeJira({ now: "2024-03-01T12:00:00Z" });
});
afterEach(async () => {
  await fake.close();
});

async function pullAll(connection: SystemConnection, cursor: Record<string, unknown> | null) {
  const adapter = createJiraAdapter(connection);
  const pages: PulledPage<MappedWorkOrder>[] = [];
  for await (const page of adapter.pull({ cursor, signal: new AbortController().signal })) pages.push(page);
  const records = pages.flatMap((p) => p.items.flatMap((i) => (i.ok ? [i.record] : [])));
  return { adapter, pages, records, cursor: pages.at(-1)?.nextCursor ?? null };
}

const keys = (records: MappedWorkOrder[]) => records.map((r) => r.externalKey).sort();

describe("full pull", () => {
  it("pages through 250 issues in three pages of at most 100, oldest change first", async () => {
    fake.state.addIssues(generateIssues(250, { start: "2024-01-01T00:00:00Z" }));
    const { adapter, pages, records, cursor } = await pullAll(fakeJiraConnection(fake), null);

    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => p.requests)).toEqual([1, 1, 1]);
    expect(adapter.requestCount()).toBe(3);
    expect(records).toHaveLength(250);
    expect(new Set(records.map((r) => r.externalId)).size).toBe(250);
    const times = records.map((r) => r.externalUpdatedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // The cursor after each page is the newest `updated` seen so far, so a stop after any page resumes there.
    expect(pages[0]!.nextCursor).toEqual({ updated_since: records[99]!.externalUpdatedAt!.toISOString() });
    expect(cursor).toEqual({ updated_since: "2024-01-01T04:09:00.000Z" });

    // No /myself on a first sync: there is no date to write in the user's zone.
    expect(fake.state.requests).toMatchObject({ search: 3, myself: 0 });
    const first = fake.state.searches[0]!;
    expect(first).toEqual({
      jql: '(project = "OPS") ORDER BY updated ASC',
      fields: ["summary", "description", "status", "priority", "assignee", "reporter", "duedate", "created", "updated"],
      maxResults: 100,
    });
    expect(fake.state.searches[1]!.nextPageToken).toEqual(expect.any(String));
  });

  it("maps what the fake serves", async () => {
    fake.state.addIssue({
      key: "OPS-9",
      summary: "Boiler pressure low",
      status: "In Progress",
      priority: "Highest",
      assignee: "Li Wei",
      reporter: "Anna Berg",
      duedate: "2024-03-05",
      created: "2024-02-28T01:00:00Z",
      updated: "2024-02-29T01:00:00Z",
      description: {
        version: 1,
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "Check valve." }] }],
      },
    });
    const { records } = await pullAll(fakeJiraConnection(fake), null);
    expect(records).toEqual([
      expect.objectContaining({
        externalKey: "OPS-9",
        externalUrl: `${fake.url}/browse/OPS-9`,
        title: "Boiler pressure low",
        description: "Check valve.",
        status: "in_progress",
        rawStatus: "In Progress",
        priority: "urgent",
        assignee: "Li Wei",
        requester: "Anna Berg",
        dueAt: new Date("2024-03-05T00:00:00Z"),
        externalCreatedAt: new Date("2024-02-28T01:00:00Z"),
        externalUpdatedAt: new Date("2024-02-29T01:00:00Z"),
      }),
    ]);
    // The fake writes timestamps in the user's zone, as Jira does.
    expect((records[0]!.raw.fields as { updated: string }).updated).toBe("2024-02-29T09:00:00.000+0800");
  });

  it("yields one empty page when there is nothing, and takes exactly 100 in one page", async () => {
    const empty = await pullAll(fakeJiraConnection(fake), null);
    expect(empty.pages).toEqual([{ items: [], nextCursor: {}, requests: 1 }]);

    fake.state.addIssues(generateIssues(100));
    const hundred = await pullAll(fakeJiraConnection(fake), null);
    expect(hundred.pages.map((p) => p.items.length)).toEqual([100]);
  });

  it("uses the system's own JQL, without its ORDER BY, and only a bounded query when nothing is set", async () => {
    fake.state.addIssues(generateIssues(3, { project: "OPS" }));
    fake.state.addIssues(generateIssues(2, { project: "HR" }));
    const custom = await pullAll(
      fakeJiraConnection(fake, { settings: { jql: 'project = "HR" ORDER BY created DESC' } }),
      null,
    );
    expect(keys(custom.records)).toEqual(["HR-1", "HR-2"]);
    expect(fake.state.searches.at(-1)!.jql).toBe('(project = "HR") ORDER BY updated ASC');

    const everything = await pullAll(fakeJiraConnection(fake, { settings: {} }), null);
    expect(everything.records).toHaveLength(5);
  });

  it("reports a record it cannot map and still moves the cursor past it", async () => {
    fake.state.addIssue({ key: "OPS-1", updated: "2024-02-01T00:00:00Z" });
    const bad = fake.state.addIssue({
      key: "OPS-2",
      updated: "2024-02-02T00:00:00Z",
      fieldOverrides: { status: null },
    });
    const { pages, records } = await pullAll(fakeJiraConnection(fake), null);
    expect(keys(records)).toEqual(["OPS-1"]);
    expect(pages[0]!.items[1]).toEqual({
      ok: false,
      externalId: bad.id,
      reason: expect.stringMatching(/fields\.status/),
    });
    expect(pages[0]!.nextCursor).toEqual({ updated_since: "2024-02-02T00:00:00.000Z" });
  });

  it("stops between pages when the sync is stopped", async () => {
    fake.state.addIssues(generateIssues(250));
    const adapter = createJiraAdapter(fakeJiraConnection(fake));
    const controller = new AbortController();
    const seen: number[] = [];
    const run = async () => {
      for await (const page of adapter.pull({ cursor: null, signal: controller.signal })) {
        seen.push(page.items.length);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ kind: "aborted" });
    expect(seen).toEqual([100]);
    expect(fake.state.requests.search).toBe(1);
  });
});

describe("incremental pull", () => {
  it("picks up only what changed since the cursor, in at most two searches", async () => {
    fake.state.addIssues(generateIssues(250, { start: "2024-01-01T00:00:00Z" }));
    const full = await pullAll(fakeJiraConnection(fake), null);
    fake.state.resetCounters();

    fake.state.setClock("2024-03-01T12:00:00Z");
    fake.state.editIssue("OPS-7", { summary: "Lift fixed", status: "Done" });
    fake.state.advance(30_000);
    fake.state.editIssue("OPS-120", { assignee: "Tom Okafor" });
    fake.state.addIssue({ key: "OPS-251", summary: "New call" });

    const next = await pullAll(fakeJiraConnection(fake), full.cursor);
    // The full pull's last minute comes again (the overlap): OPS-249 and OPS-250, seen twice, harmless.
    expect(keys(next.records)).toEqual(["OPS-120", "OPS-249", "OPS-250", "OPS-251", "OPS-7"]);
    expect(next.records.find((r) => r.externalKey === "OPS-7")).toMatchObject({
      title: "Lift fixed",
      status: "resolved",
    });
    expect(fake.state.requests.search).toBeLessThanOrEqual(2);
    expect(fake.state.requests.myself).toBe(1);
    expect(next.pages[0]!.requests).toBe(2); // /myself and the search
    expect(next.cursor).toEqual({ updated_since: "2024-03-01T12:00:30.000Z" });

    // Nothing new: the overlap again, and the cursor stays.
    const idle = await pullAll(fakeJiraConnection(fake), next.cursor);
    expect(keys(idle.records)).toEqual(["OPS-120", "OPS-251", "OPS-7"]);
    expect(idle.cursor).toEqual(next.cursor);
  });

  it("re-reads one minute before the cursor, catching a change Jira indexed late", async () => {
    fake.state.setTimeZone("UTC");
    fake.state.addIssue({ key: "OPS-1", updated: "2024-03-01T09:58:50Z" });
    fake.state.addIssue({ key: "OPS-2", updated: "2024-03-01T10:00:30Z" });
    const cursor = { updated_since: "2024-03-01T10:00:30.000Z" };
    // Changed 20 s before the last pull's newest issue, but not yet in the index when that pull ran.
    fake.state.addIssue({ key: "OPS-3", updated: "2024-03-01T10:00:10Z" });
    fake.state.addIssue({ key: "OPS-4", updated: "2024-03-01T09:59:31Z" });

    const { records } = await pullAll(fakeJiraConnection(fake), cursor);
    expect(fake.state.searches[0]!.jql).toBe(
      '(project = "OPS") AND updated >= "2024/03/01 09:59" ORDER BY updated ASC',
    );
    expect(keys(records)).toEqual(["OPS-2", "OPS-3", "OPS-4"]);
  });

  it("writes the date in the Jira user's time zone", async () => {
    fake.state.addIssue({ key: "OPS-1", updated: "2024-03-01T09:00:00Z" });
    fake.state.addIssue({ key: "OPS-2", updated: "2024-03-01T10:05:00Z" });
    const cursor = { updated_since: "2024-03-01T10:00:30.000Z" };

    // Default fake user: Asia/Shanghai, UTC+8.
    const shanghai = await pullAll(fakeJiraConnection(fake), cursor);
    expect(fake.state.searches.at(-1)!.jql).toContain('updated >= "2024/03/01 17:59"');
    expect(keys(shanghai.records)).toEqual(["OPS-2"]);

    fake.state.setTimeZone("UTC");
    const utc = await pullAll(fakeJiraConnection(fake), cursor);
    expect(fake.state.searches.at(-1)!.jql).toContain('updated >= "2024/03/01 09:59"');
    expect(keys(utc.records)).toEqual(["OPS-2"]);
  });

  it("misses nothing for a user west of UTC, where a UTC literal would point hours too late", async () => {
    fake.state.setTimeZone("America/New_York");
    fake.state.addIssue({ key: "OPS-1", updated: "2024-03-01T10:00:00Z" });
    const cursor = { updated_since: "2024-03-01T10:00:00.000Z" };
    fake.state.addIssue({ key: "OPS-2", updated: "2024-03-01T11:00:00Z" });

    const { records } = await pullAll(fakeJiraConnection(fake), cursor);
    expect(fake.state.searches[0]!.jql).toContain('updated >= "2024/03/01 04:59"');
    expect(keys(records)).toEqual(["OPS-1", "OPS-2"]);
  });

  it("widens the overlap instead of guessing when the user's zone is hidden", async () => {
    fake.state.setTimeZone(null); // the fake then reads dates in UTC, like a site default
    fake.state.addIssue({ key: "OPS-1", updated: "2024-02-29T20:00:00Z" });
    fake.state.addIssue({ key: "OPS-2", updated: "2024-03-01T11:00:00Z" });
    const { records } = await pullAll(fakeJiraConnection(fake), { updated_since: "2024-03-01T10:00:30.000Z" });
    expect(fake.state.searches[0]!.jql).toContain('updated >= "2024/02/29 21:59"');
    expect(keys(records)).toEqual(["OPS-2"]);
  });

  it("treats an unreadable cursor as a first sync", async () => {
    fake.state.addIssues(generateIssues(3));
    const { records } = await pullAll(fakeJiraConnection(fake), { updated_since: "not a date" });
    expect(records).toHaveLength(3);
    expect(fake.state.requests.myself).toBe(0);
  });

  it("stops with a plain error when a page cannot be read", async () => {
    fake.state.addIssues(generateIssues(150));
    fake.state.failNext("search", 1, { kind: "truncated" });
    await expect(pullAll(fakeJiraConnection(fake), null)).rejects.toSatisfy(
      (e) => e instanceof RemoteError && e.kind === "invalid_response" && /not valid JSON/.test(e.message),
    );
  });
});
