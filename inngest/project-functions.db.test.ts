import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleJobs } from "@/lib/jobs/outbox";
import { withTestDatabase } from "@/test/db";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { createStaff, insertSyncRun } from "@/test/fixtures";
import { projectStatusEvents, startProjectLibrary } from "@/test/projects";
import { runProjectSync } from "@/lib/projects/project-sync";
import { cleanProjectCacheDaily } from "./clean-project-cache";
import { syncWorkOrders } from "./sync-work-orders";

/** The project cache's Inngest functions are thin wrappers over lib/projects, run through @inngest/test. */

withTestDatabase();

let library: FakeProjectLibrary;
let systemId: number;
beforeAll(async () => {
  const admin = await createStaff("admin");
  ({ fake: library, systemId } = await startProjectLibrary(admin, { projects: 9 }));
  await runProjectSync({ sync_type: "manual", force: true }, "zh-CN");
});
afterAll(async () => {
  await settleJobs();
  await library?.close();
});

describe("Inngest functions", () => {
  it("clean-project-cache runs the cleanup in one step", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: cleanProjectCacheDaily }).execute();
    expect(result).toMatchObject({ projects_removed: expect.any(Number), links_removed: expect.any(Number), run_id: expect.any(Number) });
    expect(ctx.step.run).toHaveBeenCalledWith("delete-expired-copies-and-links", expect.any(Function));
  });

  it("sync-work-orders executes a requested project run like any other run", async () => {
    library.state.advanceClock(60);
    library.state.setStatus("P100005", "pending");
    const run = await insertSyncRun({ id: systemId, name: "Project library" }, { syncType: "projects", details: { force: false } });
    const engine = new InngestTestEngine({
      function: syncWorkOrders,
      events: [{ name: "sync/run.requested", data: { runId: run.id, systemId } }],
    });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ id: run.id, status: "success", sync_type: "projects" });
    expect((result as { details: { changes: unknown[] } }).details.changes).toEqual([
      { project_id: "P100005", old_status: "completed", new_status: "pending", notified: true },
    ]);
    expect(await projectStatusEvents("P100005")).toHaveLength(1);
  });
});
