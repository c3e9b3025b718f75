import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  FAKE_JIRA_TOKEN,
  fakeJiraConnection,
  generateIssues,
  startFakeJira,
  type FakeJira,
} from "@/test/fakes/jira-server";
import { RemoteError } from "@/lib/sync/remote-http";
import { createJiraAdapter } from "./adapter";
import type { JiraClientOptions } from "./client";

let fake: FakeJira;

beforeEach(async () => {
  fake = await startFakeJira();
});
afterEach(async () => {
  await fake.close();
});

async function drain(options: JiraClientOptions = {}) {
  const adapter = createJiraAdapter(fakeJiraConnection(fake), options);
  let items = 0;
  for await (const page of adapter.pull({ cursor: null, signal: new AbortController().signal }))
    items += page.items.length;
  return { adapter, items };
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("testConnection", () => {
  it("names the Jira user on success", async () => {
    const check = await createJiraAdapter(fakeJiraConnection(fake)).testConnection();
    expect(check).toEqual({ ok: true, message: "Connected to Jira as Sync Bot", latency_ms: expect.any(Number) });
    expect(check.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("falls back to the password when no API key is set", async () => {
    const check = await createJiraAdapter(
      fakeJiraConnection(fake, { apiKey: null, password: FAKE_JIRA_TOKEN }),
    ).testConnection();
    expect(check.ok).toBe(true);
  });

  it("says the credentials were refused, without repeating the token", async () => {
    const wrong = "ATATT-wrong-token-secret-9876";
    const adapter = createJiraAdapter(fakeJiraConnection(fake, { apiKey: wrong }));
    const check = await adapter.testConnection();
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/refused the credentials \(HTTP 401\)/);
    expect(check.message).not.toContain(wrong);
    expect(check.message).not.toContain(FAKE_JIRA_TOKEN);
    expect(adapter.requestCount()).toBe(1); // a 401 is not retried
  });

  it("asks for the missing credentials without sending a request", async () => {
    const adapter = createJiraAdapter(fakeJiraConnection(fake, { username: null }));
    const check = await adapter.testConnection();
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/e-mail address.*API token/) });
    expect(fake.state.totalRequests()).toBe(0);
    expect(adapter.requestCount()).toBe(0);
  });

  it("reports a host where nothing listens in plain words", async () => {
    const port = await closedPort();
    const adapter = createJiraAdapter(fakeJiraConnection({ url: `http://127.0.0.1:${port}` }), { retries: 0 });
    const check = await adapter.testConnection();
    expect(check).toMatchObject({
      ok: false,
      message: `Nothing is listening at http://127.0.0.1:${port}/rest/api/3/myself (connection refused)`,
    });
  });

  it("calls an answer without accountId unexpected", async () => {
    fake.state.user.accountId = null;
    const check = await createJiraAdapter(fakeJiraConnection(fake)).testConnection();
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/unexpected answer .*\/rest\/api\/3\/myself \(accountId missing or malformed\)/);
  });

  it("reports a server error after the retries", async () => {
    fake.state.failNext("myself", 2, { kind: "status", status: 500 });
    const check = await createJiraAdapter(fakeJiraConnection(fake), { retries: 1 }).testConnection();
    expect(check).toMatchObject({
      ok: false,
      message: expect.stringMatching(/server error \(HTTP 500\).*2 times in a row/),
    });
  });

  it("reports a timeout when Jira is too slow", async () => {
    fake.state.failNext("myself", 1, { kind: "delay", ms: 2_000 });
    const check = await createJiraAdapter(fakeJiraConnection(fake), { retries: 0, timeoutMs: 200 }).testConnection();
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer within/) });
  });
});

describe("remote trouble during a pull", () => {
  it("waits out a 429 with Retry-After and goes on", async () => {
    fake.state.addIssues(generateIssues(5));
    fake.state.failNext("search", 1, { kind: "status", status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const { adapter, items } = await drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(items).toBe(5);
    expect(fake.state.requests.search).toBe(2);
    expect(adapter.requestCount()).toBe(2);
  });

  it("retries a passing 500 and goes on", async () => {
    fake.state.addIssues(generateIssues(5));
    fake.state.failNext("search", 1, { kind: "status", status: 500 });
    const { items } = await drain();
    expect(items).toBe(5);
    expect(fake.state.requests.search).toBe(2);
  });

  it("fails with a server error when the 500s go on", async () => {
    fake.state.addIssues(generateIssues(5));
    fake.state.failNext("search", 10, { kind: "status", status: 500 });
    await expect(drain({ retries: 1 })).rejects.toSatisfy((e) => e instanceof RemoteError && e.kind === "server");
    expect(fake.state.requests.search).toBe(2);
  });

  it("fails with invalid_response on a truncated JSON answer", async () => {
    fake.state.addIssues(generateIssues(5));
    fake.state.failNext("search", 1, { kind: "truncated" });
    const error = await drain().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      kind: "invalid_response",
      message: expect.stringMatching(/Jira sent an answer that is not valid JSON/),
    });
  });

  it("reports refused credentials during a pull the same way", async () => {
    fake.state.setCredentials("someone@example.com", "another-token-value");
    await expect(drain()).rejects.toMatchObject({ kind: "credentials" });
  });
});
