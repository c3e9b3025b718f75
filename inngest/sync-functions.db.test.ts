import { InngestTestEngine } from "@inngest/test";
import { RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleJobs } from "@/lib/jobs/outbox";
import { createSystem } from "@/lib/sync/systems";
import { withTestDatabase } from "@/test/db";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { getSyncLogOrThrow } from "@/lib/sync/sync-logs";
import { createStaff, insertSyncRun } from "@/test/fixtures";
import { cleanSyncLogs } from "./clean-sync-logs";
import { syncWorkOrders } from "./sync-work-orders";

withTestDatabase();

let jira: FakeJira;
let systemId: number;
let systemName: string;
beforeAll(async () => {
  jira = await startFakeJira({ issues: generateIssues(120) });
  const admin = await createStaff("admin");
  const s = await createSystem(
    { name: "Jira (Inngest)", type: "jira", api_url: jira.url, username: FAKE_JIRA_EMAIL, api_key: FAKE_JIRA_TOKEN, is_active: false },
    admin,
  );
  systemId = s.id;
  systemName = s.name;
});
afterAll(async () => {
  await settleJobs();
  await jira.close();
});

/** A pending run, as requestSync leaves it for the job driver (made directly: no inline dispatch here). */
const pendingRun = () => insertSyncRun({ id: systemId, name: systemName });

const event = (runId: number) => ({ name: "sync/run.requested" as const, data: { runId, systemId } });

describe("sync-work-orders Inngest function", () => {
  it("executes the requested run in one step and returns it", async () => {
    const run = await pendingRun();
    const engine = new InngestTestEngine({ function: syncWorkOrders, events: [event(run.id)] });
    const { result, ctx } = await engine.execute();
    expect(result).toMatchObject({ id: run.id, status: "success", total_count: 120 });
    expect(ctx.step.run).toHaveBeenCalledWith("execute-run", expect.any(Function));
  });

  it("is harmless when delivered twice: a run no longer pending is returned as it is", async () => {
    const run = await pendingRun();
    await new InngestTestEngine({ function: syncWorkOrders, events: [event(run.id)] }).execute();
    const { result } = await new InngestTestEngine({ function: syncWorkOrders, events: [event(run.id)] }).execute();
    expect(result).toMatchObject({ id: run.id, status: "success" });
  });

  it("on a long rate limit, asks Inngest to retry after the remote's Retry-After, the run kept pending", async () => {
    const run = await pendingRun();
    jira.state.failNext("search", 1, { kind: "status", status: 429, retryAfterSeconds: 300 });
    const engine = new InngestTestEngine({ function: syncWorkOrders, events: [event(run.id)] });
    const { error } = await engine.execute();
    // RetryAfterError (serialized by the test engine as it would be for Inngest), after the remote's 300 s.
    expect(error).toMatchObject({ name: RetryAfterError.name, message: expect.stringMatching(/resume in 300 s/) });
    expect(await getSyncLogOrThrow(run.id)).toMatchObject({ status: "pending", message: expect.stringMatching(/Waiting 300 s/) });
    // Inngest's retry resumes the same run.
    const { result } = await new InngestTestEngine({ function: syncWorkOrders, events: [event(run.id)] }).execute();
    expect(result).toMatchObject({ id: run.id, status: "success" });
  });
});

describe("clean-sync-logs Inngest function", () => {
  it("deletes finished runs past the retention in one step", async () => {
    await insertSyncRun({ id: systemId, name: systemName }, { status: "success", createdAt: new Date(Date.now() - 40 * 86_400_000) });
    const { result, ctx } = await new InngestTestEngine({ function: cleanSyncLogs }).execute();
    expect(result).toEqual({ deleted: 1, retention_days: 30 });
    expect(ctx.step.run).toHaveBeenCalledWith("delete-old-runs", expect.any(Function));
  });
});
