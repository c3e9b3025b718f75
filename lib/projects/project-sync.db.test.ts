import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalSystems, projectAccessTokens, projects, settings, syncRuns } from "@/db/schema";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { withTestDatabase } from "@/test/db";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { createStaff } from "@/test/fixtures";
import { startProjectLibrary } from "@/test/projects";
import { issueAccessLink } from "./access-links";
import { cleanProjectCache, runProjectSync, startDueProjectSync } from "./project-sync";
import { saveProjectSyncConfig } from "./sync-config";

/**
 * The project sync's schedule and its cleanup: the scheduled run follows the
 * saved cron from the next minute on, and the cleanup drops only long-expired copies and expired links and
 * logs itself as a run.
 */

withTestDatabase();

let library: FakeProjectLibrary;
let systemId: number;
let admin: Awaited<ReturnType<typeof createStaff>>;
beforeAll(async () => {
  admin = await createStaff("admin");
  ({ fake: library, systemId } = await startProjectLibrary(admin, { projects: 9 }));
});
afterAll(async () => {
  await settleJobs();
  await library?.close();
});

async function projectRuns() {
  const db = await getDb();
  return db.select().from(syncRuns).where(eq(syncRuns.syncType, "projects")).orderBy(syncRuns.id);
}

describe("the scheduled project sync", () => {
  it("follows a saved cron from the next minute on, once per minute, and not while auto sync is off", async () => {
    await saveProjectSyncConfig({ sync_frequency: "*/15 * * * *", cron_expression: "", auto_sync_enabled: true }, admin);
    const db = await getDb();
    // The config was just saved, so a quarter past that has not come yet: nothing is due at once.
    const savedAt = (await db.select().from(settings).where(eq(settings.key, "project_sync")))[0]!.updatedAt;
    expect(await startDueProjectSync(new Date(savedAt.getTime() + 1_000))).toBeNull();
    const quarter = new Date(Math.ceil((savedAt.getTime() + 1) / 900_000) * 900_000);
    const started = await startDueProjectSync(quarter);
    expect(started).toEqual(expect.any(Number));
    // A tick that runs twice in that minute starts nothing more (last_sync_at moved, and the event id is taken).
    expect(await startDueProjectSync(new Date(quarter.getTime() + 20_000))).toBeNull();
    await settleJobs();
    const run = (await projectRuns()).find((r) => r.id === started)!;
    expect(run).toMatchObject({ trigger: "auto", status: "success", totalCount: 9 });
    expect(run.details).toMatchObject({ types: ["presale", "aftersales", "sales"], force: false });

    await saveProjectSyncConfig({ auto_sync_enabled: false }, admin);
    expect(await startDueProjectSync(new Date(quarter.getTime() + 3_600_000))).toBeNull();
    await saveProjectSyncConfig({ auto_sync_enabled: true, cron_expression: "0 3 * * *" }, admin);
    // The first 03:00 in Asia/Shanghai (19:00 UTC) after the save.
    const threeAm = new Date();
    threeAm.setUTCHours(19, 0, 0, 0);
    if (threeAm.getTime() <= Date.now()) threeAm.setTime(threeAm.getTime() + 86_400_000);
    expect(await startDueProjectSync(new Date(threeAm.getTime() - 60_000))).toBeNull();
    expect(await startDueProjectSync(threeAm)).toEqual(expect.any(Number));
    await settleJobs();
  });

  it("does nothing when the library is paused", async () => {
    const db = await getDb();
    await db.update(externalSystems).set({ isActive: false }).where(eq(externalSystems.id, systemId));
    expect(await startDueProjectSync(new Date(Date.now() + 30 * 86_400_000))).toBeNull();
    await db.update(externalSystems).set({ isActive: true }).where(eq(externalSystems.id, systemId));
  });
});

describe("the daily cleanup", () => {
  it("drops copies expired for more than a day and links past their expiry, and logs a run", async () => {
    await runProjectSync({ sync_type: "manual", force: true }, "zh-CN");
    const db = await getDb();
    await db.update(projects).set({ expiresAt: sql`now() - interval '2 days'` }).where(eq(projects.id, "P100001"));
    await db.update(projects).set({ expiresAt: sql`now() - interval '1 hour'` }).where(eq(projects.id, "P100002"));
    const live = await issueAccessLink(db, { projectId: "P100003", accessType: "customer", userId: "C100003", userName: "x" }, admin);
    const old = await issueAccessLink(db, { projectId: "P100003", accessType: "customer", userId: "C100003", userName: "x" }, admin);
    await db.update(projectAccessTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(projectAccessTokens.jti, old.row.jti));

    const result = await cleanProjectCache();
    expect(result).toMatchObject({ projects_removed: 1, links_removed: 1 });
    const ids = (await db.select({ id: projects.id }).from(projects)).map((p) => p.id);
    expect(ids).not.toContain("P100001");
    expect(ids).toContain("P100002"); // expired an hour ago: kept to ride out a library outage
    const links = (await db.select({ jti: projectAccessTokens.jti }).from(projectAccessTokens)).map((l) => l.jti);
    expect(links).toEqual([live.row.jti]);
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, result.run_id));
    expect(run).toMatchObject({ syncType: "cleanup", trigger: "auto", status: "success" });
    expect(run!.message).toMatch(/Removed 1 cached projects.*and 1 expired links/);
  });
});
