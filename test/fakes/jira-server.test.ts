import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "./jira-server";

/** The fake must behave like Jira where the adapter relies on it, or the adapter's tests prove nothing. */

let fake: FakeJira;
const auth = `Basic ${Buffer.from(`${FAKE_JIRA_EMAIL}:${FAKE_JIRA_TOKEN}`).toString("base64")}`;

beforeEach(async () => {
  fake = await startFakeJira({ now: "2024-03-01T12:00:00Z" });
});
afterEach(async () => {
  await fake.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: auth, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const search = (body: Record<string, unknown>) => call("POST", "/rest/api/3/search/jql", body);

describe("fake Jira", () => {
  it("refuses what real Jira refuses", async () => {
    expect(await search({ jql: "ORDER BY updated ASC" })).toMatchObject({
      status: 400,
      body: {
        errorMessages: ["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."],
      },
    });
    expect((await call("POST", "/rest/api/3/search", { jql: "project = OPS" })).status).toBe(410);
    expect(await call("GET", "/rest/api/3/issue/OPS-404")).toMatchObject({
      status: 404,
      body: { errorMessages: [expect.any(String)] },
    });
    expect((await call("GET", "/rest/api/3/nothing-here")).status).toBe(404);
    expect((await search({ jql: 'project = "OPS"', nextPageToken: "forged" })).status).toBe(400);

    const unauthenticated = await fetch(`${fake.url}/rest/api/3/myself`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toEqual({
      errorMessages: ["Client must be authenticated to access this resource."],
      errors: {},
    });
  });

  it("returns only the fields asked for, and none without a list", async () => {
    fake.state.addIssue({ key: "OPS-1" });
    const some = await search({ jql: 'project = "OPS"', fields: ["summary", "updated"] });
    expect(Object.keys(some.body.issues[0].fields)).toEqual(["summary", "updated"]);
    const none = await search({ jql: 'project = "OPS"' });
    expect(none.body.issues[0].fields).toBeUndefined();
    expect(none.body.issues[0]).toMatchObject({ id: expect.any(String), key: "OPS-1" });
  });

  it("enforces its workflow and validates comment bodies", async () => {
    fake.state.addIssue({ key: "OPS-1", status: "To Do" });
    expect(await call("POST", "/rest/api/3/issue/OPS-1/transitions", { transition: { id: "21" } })).toMatchObject({
      status: 400,
      body: { errorMessages: ["Transition id '21' is not valid for this issue."] },
    });
    expect((await call("POST", "/rest/api/3/issue/OPS-1/transitions", { transition: { id: "11" } })).status).toBe(204);
    expect(fake.state.getIssue("OPS-1")!.status).toBe("In Progress");
    expect((await call("POST", "/rest/api/3/issue/OPS-1/comment", { body: "plain text" })).status).toBe(400);
    expect(
      (await call("POST", "/rest/api/3/issue/OPS-1/comment", { body: { version: 1, type: "doc", content: [] } }))
        .status,
    ).toBe(201);
  });

  it("keeps paging right while issues change between pages", async () => {
    fake.state.addIssues(generateIssues(30));
    const jql = 'project = "OPS" ORDER BY updated ASC';
    const first = await search({ jql, fields: ["updated"], maxResults: 10 });
    fake.state.editIssue("OPS-3", { summary: "changed" }); // already served: moves to the end
    fake.state.editIssue("OPS-25", { summary: "changed" }); // not yet served: moves to the end
    const keys: string[] = first.body.issues.map((i: { key: string }) => i.key);
    let token: string | undefined = first.body.nextPageToken;
    while (token) {
      const page = await search({ jql, fields: ["updated"], maxResults: 10, nextPageToken: token });
      keys.push(...page.body.issues.map((i: { key: string }) => i.key));
      token = page.body.isLast ? undefined : page.body.nextPageToken;
    }
    expect(new Set(keys).size).toBe(30);
    expect(keys.slice(-2)).toEqual(["OPS-3", "OPS-25"]);
  });

  it("serves 100,000 issues without slowing down per page", async () => {
    const t0 = performance.now();
    fake.state.addIssues(generateIssues(100_000, { start: "2023-01-01T00:00:00Z" }));
    const loaded = performance.now() - t0;

    const jql = 'project = "OPS" ORDER BY updated ASC';
    let token: string | undefined;
    let count = 0;
    let pages = 0;
    const t1 = performance.now();
    do {
      const page = await search({
        jql,
        fields: ["summary", "status", "updated"],
        maxResults: 10_000,
        nextPageToken: token,
      });
      count += page.body.issues.length;
      pages++;
      token = page.body.isLast ? undefined : page.body.nextPageToken;
    } while (token);
    const paged = performance.now() - t1;
    expect(count).toBe(100_000);
    expect(pages).toBe(20); // maxResults is capped at 5000

    // An edit in a 100k set, then an incremental search: a binary search, not a scan.
    fake.state.editIssue("OPS-17", { summary: "changed" });
    const t2 = performance.now();
    const recent = await search({
      jql: 'project = "OPS" AND updated >= "2024/03/01 19:59" ORDER BY updated ASC',
      fields: ["summary"],
      maxResults: 100,
    });
    const incremental = performance.now() - t2;
    expect(recent.body.issues.map((i: { key: string }) => i.key)).toEqual(["OPS-17"]);

    expect(loaded).toBeLessThan(5_000);
    expect(paged).toBeLessThan(30_000);
    expect(incremental).toBeLessThan(500);
  });
});
