/**
 * The work-order sync hub as an admin uses it, against a fake Jira that this test process serves on
 * 127.0.0.1 (test/fakes/jira-server.ts, written from Jira Cloud's public REST API): add the system in
 * the config center, test the connection, sync and watch it finish, find the work orders, push a
 * status back to Jira, and read the sync log's charts.
 */
import { accounts, expect, hydrated, shot, signIn, test } from "./support/fixtures";
import { fmt, zh } from "./support/i18n";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "../test/fakes/jira-server";

let jira: FakeJira;
const day = 86_400_000;

test.beforeAll(async () => {
  const now = Date.now();
  jira = await startFakeJira({
    now,
    issues: [
      ...generateIssues(36, { start: now - 20 * day, stepMs: 3_600_000 }),
      { summary: "油烟机吸力弱，客户要求上门检修", duedate: new Date(now - 2 * day).toISOString().slice(0, 10), priority: "High" },
      { summary: "集成灶点火失败", duedate: new Date(now + 2 * day).toISOString().slice(0, 10), priority: "Highest" },
    ],
  });
});
test.afterAll(async () => {
  await jira?.close();
});

test("an admin connects Jira, syncs it, pushes a status back and reads the sync log", async ({ openPage }) => {
  const t = zh.integrations;
  const page = await openPage("desktop");
  await signIn(page, accounts.admin, "/admin/config");
  await expect(page).toHaveURL(/\/admin\/config\/systems$/);
  // The project library spec may have added its system already: no Jira yet is what matters here.
  await expect(page.getByRole("heading", { name: t.systems.title })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Jira 售后" })).toHaveCount(0);

  // Add the system: credentials are write-only, the schedule shows its next runs live.
  await hydrated(page.getByRole("button", { name: t.systems.add }).first());
  await page.getByRole("button", { name: t.systems.add }).first().click();
  const form = page.getByRole("dialog");
  await form.getByLabel(t.form.name).fill("Jira 售后");
  await form.getByLabel(t.form.apiUrl).fill(jira.url);
  await form.getByLabel(t.form.username).fill(FAKE_JIRA_EMAIL);
  await form.getByLabel(t.form.apiKey).fill(FAKE_JIRA_TOKEN);
  await form.getByLabel(t.form.projectKey).fill("OPS");
  await form.getByRole("radio", { name: t.schedule.mode.cron }).check();
  await form.getByRole("button", { name: t.schedule.cronPreset.quarterHourly }).click();
  await expect(form.getByText(t.schedule.nextRuns)).toBeVisible();
  await form.getByLabel(t.schedule.cronLabel).fill("61 * * * *");
  await expect(form.getByText(/minute: 61/)).toBeVisible();
  await form.getByRole("button", { name: t.schedule.cronPreset.quarterHourly }).click();
  await shot(page, "30-config-add-system");
  await form.getByRole("button", { name: t.form.create }).click();
  await expect(form).toBeHidden();

  const card = page.getByRole("listitem").filter({ hasText: "Jira 售后" });
  await expect(card.getByText("*/15 * * * *")).toBeVisible();
  await expect(card).not.toContainText(FAKE_JIRA_TOKEN);

  await card.getByRole("button", { name: t.card.test }).click();
  await expect(card.getByText(t.card.testOk)).toBeVisible();
  await expect(card.getByText(/Connected to Jira as/)).toBeVisible();

  await card.getByRole("button", { name: t.card.syncNow }).click();
  await expect(card.getByText(t.card.status.success, { exact: true })).toBeVisible({ timeout: 30_000 });
  await shot(page, "31-config-system-synced");

  // The work orders, in one list.
  await page.getByRole("link", { name: zh.common.nav.workOrders }).click();
  await expect(page).toHaveURL(/\/admin\/work-orders/);
  await expect(page.getByText("油烟机吸力弱，客户要求上门检修").filter({ visible: true }).first()).toBeVisible();
  await shot(page, "32-work-orders");

  // Push a status and a comment back to Jira.
  await page.getByText("集成灶点火失败").filter({ visible: true }).first().click();
  const detail = page.getByRole("dialog");
  const w = zh.workOrders;
  await expect(detail.getByRole("heading", { name: fmt(w.push.title, { system: "Jira 售后" }) })).toBeVisible();
  const statusSelect = detail.getByLabel(w.push.status);
  await expect(statusSelect.locator("option", { hasText: "In Progress" })).toHaveCount(1, { timeout: 15_000 });
  await statusSelect.selectOption("In Progress");
  await detail.getByLabel(w.push.comment).fill("已安排技师周四上门");
  await detail.getByRole("button", { name: fmt(w.push.submit, { system: "Jira 售后" }) }).click();
  await expect(detail.getByText(/已推送到 Jira 售后，记录为同步运行 #\d+/)).toBeVisible({ timeout: 20_000 });
  await shot(page, "33-work-order-pushed");
  const pushed = Array.from({ length: jira.state.issueCount() }, (_, i) => jira.state.getIssue(`OPS-${i + 1}`)).find(
    (issue) => issue?.summary === "集成灶点火失败",
  );
  expect(pushed?.status).toBe("In Progress");
  expect(JSON.stringify(pushed?.comments.at(-1)?.body)).toContain("已安排技师周四上门");

  // The sync log: the runs and the charts.
  await page.goto("/admin/sync-logs");
  await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  await shot(page, "34-sync-logs");
});

test("the work-order list on a phone", async ({ openPage }) => {
  const page = await openPage("phone");
  await signIn(page, accounts.agent, "/admin/work-orders");
  // Cards on a phone (the desktop table is there but hidden).
  await expect(page.getByText("油烟机吸力弱，客户要求上门检修").filter({ visible: true }).first()).toBeVisible();
  await shot(page, "35-work-orders-phone");
});

test("the config center and the sync log on a phone", async ({ openPage }) => {
  const page = await openPage("phone");
  await signIn(page, accounts.admin, "/admin/config/systems");
  await expect(page.getByRole("listitem").filter({ hasText: "Jira 售后" })).toBeVisible();
  await shot(page, "36-config-phone");
  await page.goto("/admin/sync-logs");
  await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  await shot(page, "37-sync-logs-phone");
});
