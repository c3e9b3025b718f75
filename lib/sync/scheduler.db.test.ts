import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalSystems, jobOutbox, syncRuns } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { runPeriodicTick } from "@/lib/jobs/tick";
import { withTestDatabase } from "@/test/db";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { createStaff } from "@/test/fixtures";
import { cleanOldSyncLogs, startDueSyncs } from "./scheduler";
import { createSystem } from "./systems";

withTestDatabase();

let jira: FakeJira;
let admin: Actor;
beforeAll(async () => {
  jira = await startFakeJira({ issues: generateIssues(5) });
  admin = await createStaff("admin");
});
afterAll(async () => {
  await settleJobs();
  await jira.close();
});

let n = 0;
const system = (extra: Record<string, unknown> = {}) =>
  createSystem({ name: `Jira ${++n}`, type: "jira", api_url: jira.url, username: FAKE_JIRA_EMAIL, api_key: FAKE_JIRA_TOKEN, ...extra }, admin);

async function runsOf(systemId: number) {
  const db = await getDb();
  return db.select().from(syncRuns).where(eq(syncRuns.systemId, systemId));
}

describe("the per-minute schedule", () => {
  it("starts each due system once per minute, skips inactive and not-yet-due ones, and names the event sync:{id}:{minute}", async () => {
    const due = await system(); // never ran: due now
    const paused = await system({ is_active: false });
    const cron = await system({ cron_expression: "0 3 * * *" }); // created just now: next 03:00 is in the future
    const db = await getDb();
    await db.update(externalSystems).set({ createdAt: sql`now()` }).where(eq(externalSystems.id, cron.id));

    const now = new Date();
    const first = await startDueSyncs(now);
    expect(first.started).toContain(due.id);
    expect(first.started).not.toContain(paused.id);
    expect(first.started).not.toContain(cron.id);
    await settleJobs();
    expect(await runsOf(due.id)).toEqual([expect.objectContaining({ trigger: "auto", status: "success", totalCount: 5 })]);
    const minute = now.toISOString().slice(0, 16);
    const [event] = await db.select().from(jobOutbox).where(eq(jobOutbox.eventId, `sync:${due.id}:${minute}`));
    expect(event).toMatchObject({ eventName: "sync/run.requested", status: "dispatched" });

    // A retried tick in the same minute starts nothing twice.
    const again = await startDueSyncs(new Date(now.getTime() + 20_000));
    expect(again.started).not.toContain(due.id);
    await settleJobs();
    expect(await runsOf(due.id)).toHaveLength(1);

    // Five minutes later it is due again.
    const later = await startDueSyncs(new Date(now.getTime() + 301_000));
    expect(later.started).toContain(due.id);
    await settleJobs();
    expect(await runsOf(due.id)).toHaveLength(2);
  });

  it("the periodic tick drives it", async () => {
    const s = await system();
    const tick = await runPeriodicTick();
    expect(tick.syncs.started).toContain(s.id);
    await settleJobs();
    expect((await runsOf(s.id))[0]).toMatchObject({ status: "success", trigger: "auto" });
  });
});

describe("the daily cleanup", () => {
  it("deletes finished runs older than the retention and keeps the rest", async () => {
    const s = await system({ is_active: false });
    const db = await getDb();
    const old = new Date(Date.now() - 31 * 86_400_000);
    const values = (status: "success" | "failed" | "processing", createdAt: Date) => ({
      systemId: s.id,
      systemName: s.name,
      syncType: "work_orders" as const,
      trigger: "auto" as const,
      status,
      createdAt,
    });
    await db.insert(syncRuns).values([values("success", old), values("failed", old), values("success", new Date())]);
    const result = await cleanOldSyncLogs();
    expect(result).toEqual({ deleted: 2, retention_days: 30 });
    const left = await db.select().from(syncRuns).where(and(eq(syncRuns.systemId, s.id)));
    expect(left).toHaveLength(1);
  });
});
