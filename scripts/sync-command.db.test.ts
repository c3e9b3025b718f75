import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSystem } from "@/lib/sync/systems";
import { withSharedDatabase } from "@/test/db";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { createStaff } from "@/test/fixtures";

/**
 * `npm run cli -- sync …` as an operator runs it (seed 000's sync_work_orders): a real child process
 * against the same database, its output and its exit code.
 */

const shared = withSharedDatabase();
let jira: FakeJira;
let good: number;
let broken: number;

beforeAll(async () => {
  jira = await startFakeJira({ issues: generateIssues(230) });
  const admin = await createStaff("admin");
  good = (await createSystem({ name: "Jira ops", type: "jira", api_url: jira.url, username: FAKE_JIRA_EMAIL, api_key: FAKE_JIRA_TOKEN }, admin)).id;
  broken = (await createSystem({ name: "Jira old", type: "jira", api_url: jira.url, username: FAKE_JIRA_EMAIL, api_key: "expired" }, admin)).id;
  await shared.release();
});
afterAll(async () => {
  await shared.reopen();
  await jira?.close();
});

function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], {
      env: { ...process.env, ...shared.childEnv(), LOG_LEVEL: "silent" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("npm run cli -- sync", () => {
  it("--system-id syncs one system with a progress line and a summary table, exit 0", async () => {
    const { code, out } = await cli("sync", "--system-id", String(good));
    expect(out).toContain("Syncing Jira ops");
    expect(out).toMatch(/Jira ops: \d+ records in \d+ pages/);
    expect(out).toMatch(/id\s+system\s+status\s+total\s+new\s+updated\s+unchanged\s+failed\s+duration/);
    expect(out).toMatch(new RegExp(`${good}\\s+Jira ops\\s+success\\s+230\\s+230`));
    expect(code).toBe(0);
  }, 60_000);

  it("--all runs every active system and exits 1 when one fails, saying why", async () => {
    const { code, out } = await cli("sync", "--all");
    expect(out).toMatch(new RegExp(`${broken}\\s+Jira old\\s+failed`));
    expect(out).toMatch(/refused the credentials/);
    expect(out).not.toContain("expired");
    expect(code).toBe(1);
  }, 60_000);

  it("--status lists the systems with their last runs", async () => {
    const { code, out } = await cli("sync", "--status");
    expect(out).toMatch(/Jira ops\s+jira\s+yes\s+every 300 s/);
    expect(out).toMatch(/Jira old.*failed/);
    expect(code).toBe(0);
  }, 60_000);

  it("--clean-logs --days 30 deletes old runs; bad options exit 2 with the reason", async () => {
    const cleaned = await cli("sync", "--clean-logs", "--days", "30");
    expect(cleaned.out).toMatch(/Deleted 0 finished sync runs older than 30 days/);
    expect(cleaned.code).toBe(0);
    const both = await cli("sync", "--all", "--status");
    expect(both.out).toMatch(/Choose exactly one/);
    expect(both.code).toBe(2);
  }, 60_000);
});
