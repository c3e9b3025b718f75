/**
 * The project cache as its users meet it, against a fake project library this test process serves on
 * 127.0.0.1 (test/fakes/project-library-server.ts, docs/project-library.md): an admin adds the library,
 * edits the sync schedule (seeing the next runs) and the time format (seeing the sample), syncs, and
 * sends a customer a link; the customer opens it on a phone, sees the times as configured and refreshes;
 * a revoked link then shows the friendly page.
 */
import type { Page } from "@playwright/test";
import { accounts, expect, hydrated, shot, signIn, test } from "./support/fixtures";
import { fmt, zh } from "./support/i18n";
import { FAKE_PROJECT_LIBRARY_API_KEY, startFakeProjectLibrary, type FakeProjectLibrary } from "../test/fakes/project-library-server";

let library: FakeProjectLibrary;

test.beforeAll(async () => {
  library = await startFakeProjectLibrary({
    now: "2026-11-28T02:00:00Z",
    projects: [
      {
        id: "P200001",
        type: "aftersales",
        title: "集成灶点火失败上门维修",
        status: "processing",
        customer_name: "张伟",
        phone: "13812345678",
        service_time: "2026-12-04T05:05:00Z",
        fault: "点火时有咔哒声但不出火，已持续两天。",
        people: [
          { role: "customer", id: "C2001", name: "张伟", phone: "13812345678", email: "zhangwei@example.com" },
          { role: "engineer", id: "E11", name: "王建国", phone: "13900001111" },
          { role: "salesman", id: "S7", name: "李娜", phone: "13700002222" },
        ],
      },
      {
        id: "P200002",
        type: "sales",
        title: "嵌入式洗碗机 整套采购",
        status: "shipped",
        customer_name: "陈静",
        phone: "13600003333",
        payment_time: "2026-11-20T06:30:00Z",
        payment_amount: 12888.5,
        people: [{ role: "customer", id: "C2002", name: "陈静", phone: "13600003333" }],
      },
    ],
  });
  library.state.generate(10, { firstNumber: 300001, endAt: "2026-11-27T10:00:00Z", spacingSeconds: 3600 });
});
test.afterAll(async () => {
  await library?.close();
});

/** The link the admin created, shared by the tests below (they run in order, in one worker). */
let customerUrl = "";

test.describe.serial("the project cache", () => {
  test("an admin sets up the library, its schedule and time format, syncs, and creates a customer link", async ({ openPage }) => {
    const t = zh.integrations;
    const c = zh.projectConfig;
    const page = await openPage("desktop");
    await signIn(page, accounts.admin, "/admin/config/systems");

    // The library is an external system with only an API key; its schedule lives on the Project sync tab.
    await hydrated(page.getByRole("button", { name: t.systems.add }).first());
    await page.getByRole("button", { name: t.systems.add }).first().click();
    const form = page.getByRole("dialog");
    await form.getByLabel(t.form.type).selectOption("project_library");
    await form.getByLabel(t.form.name).fill("项目库");
    await form.getByLabel(t.form.apiUrl).fill(library.url);
    await form.getByLabel(t.form.apiKey).fill(FAKE_PROJECT_LIBRARY_API_KEY);
    await expect(form.getByLabel(t.form.username)).toHaveCount(0);
    await form.getByRole("button", { name: t.form.create }).click();
    await expect(form).toBeHidden();
    const card = page.getByRole("listitem").filter({ hasText: "项目库" });
    await card.getByRole("button", { name: t.card.test }).click();
    await expect(card.getByText(t.card.testOk)).toBeVisible();

    // Project sync: a custom cron shows its next five runs as it is typed, and why when it is wrong.
    await page.getByRole("link", { name: t.center.tabs.projectSync }).click();
    await expect(page).toHaveURL(/\/admin\/config\/project-sync$/);
    const cron = page.getByLabel(c.sync.schedule.custom);
    await hydrated(cron);
    await cron.fill("61 * * * *");
    await expect(page.getByText(/Cron 表达式无法使用/)).toBeVisible();
    await cron.fill("0 9-18 * * 1-5");
    const runs = page.locator("ol").filter({ has: page.locator("li") }).first();
    await expect(page.getByText(fmt(c.sync.schedule.nextRuns, { zone: "Asia/Shanghai" }))).toBeVisible();
    await expect(runs.locator("li")).toHaveCount(5);
    // On the hour, on weekdays only.
    for (const run of await runs.locator("li").allTextContents()) expect(run).toMatch(/周[一二三四五] (09|1\d):00/);
    await shot(page, "40-config-project-sync");
    await page.getByRole("button", { name: c.common.save }).click();
    await expect(page.getByText(c.sync.savedOn)).toBeVisible();

    // Time display: the sample follows the format as it is typed.
    await page.getByRole("link", { name: t.center.tabs.timeDisplay }).click();
    const format = page.getByLabel(c.display.formats.aftersales_time_format.label);
    await hydrated(format);
    await format.fill("YYYY年M月D日 HH:mm");
    await expect(page.getByText("2024年2月2日 15:30").first()).toBeVisible();
    await format.fill("YYYY-MM-DD Q");
    await expect(page.getByText(/Unknown token "Q"|格式无法使用/).first()).toBeVisible();
    await format.fill("YYYY年M月D日 HH:mm");
    await shot(page, "41-config-time-display");
    await page.getByRole("button", { name: c.common.save }).click();
    await expect(page.getByText(c.display.saved)).toBeVisible();

    // The projects page: sync now, the changes found, a project's detail and a link for its customer.
    const p = zh.projects;
    await page.getByRole("link", { name: zh.common.nav.projects, exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/projects$/);
    await hydrated(page.getByRole("button", { name: p.sync.syncNow }));
    await page.getByRole("button", { name: p.sync.syncNow }).click();
    await expect(page.getByText(p.sync.done)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("集成灶点火失败上门维修").filter({ visible: true })).toBeVisible();
    await shot(page, "42-projects");

    await page.getByText("集成灶点火失败上门维修").filter({ visible: true }).first().click();
    const detail = page.getByRole("dialog");
    await expect(detail.getByText("王建国").first()).toBeVisible();
    await detail.getByLabel(p.links.person).selectOption("customer:C2001");
    await detail.getByRole("button", { name: p.links.create }).click();
    const created = detail.getByText(/\/project\/P200001\?token=/);
    await expect(created).toBeVisible();
    customerUrl = (await created.textContent())!.trim();
    await shot(page, "43-project-detail-links");
    expect(customerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/project\/P200001\?token=/);
  });

  test("the customer opens the link on a phone, sees the configured times, and refreshes", async ({ openPage }) => {
    const t = zh.project;
    const page = await openPage("phone");
    await page.goto(customerUrl);
    await expect(page.getByRole("heading", { name: "集成灶点火失败上门维修" })).toBeVisible();
    await expect(page.getByText(fmt(t.greeting, { name: "张伟" }))).toBeVisible();
    await expect(page.getByText("2026年12月4日 13:05")).toBeVisible(); // the service time, as configured
    await expect(page.getByText("138****5678").first()).toBeVisible();
    await expect(page.locator("body")).not.toContainText("13812345678");
    await shot(page, "44-project-phone");

    // The library moved the project on: a refresh shows it at once.
    library.state.advanceClock(600);
    library.state.setStatus("P200001", "resolved");
    const refresh = page.getByRole("button", { name: t.refresh.button });
    await hydrated(refresh);
    await refresh.click();
    await expect(page.getByText(fmt(t.refresh.statusChanged, { from: t.statuses.processing, to: t.statuses.resolved }))).toBeVisible();
    await shot(page, "45-project-phone-refreshed");
  });

  test("a revoked link shows the friendly page, and reveals nothing", async ({ openPage }) => {
    const p = zh.projects;
    const admin = await openPage("desktop");
    await signIn(admin, accounts.admin, "/admin/projects");
    await admin.getByText("集成灶点火失败上门维修").filter({ visible: true }).first().click();
    const detail = admin.getByRole("dialog");
    // The admin's own link: the status change just seen also issued the customer a link for their SMS
    // notification (created by the system), which is listed first.
    const link = detail.getByRole("listitem").filter({ hasText: p.links.state.active }).filter({ hasText: accounts.admin }).first();
    await hydrated(link.getByRole("button", { name: p.links.revoke }));
    await link.getByRole("button", { name: p.links.revoke }).click();
    await link.getByRole("button", { name: p.links.revokeYes }).click();
    await expect(detail.getByText(p.links.revoked)).toBeVisible();

    const phone: Page = await openPage("phone");
    const res = await phone.goto(customerUrl);
    expect(res?.status()).toBe(404);
    await expect(phone.getByRole("heading", { name: zh.project.invalid.title })).toBeVisible();
    await expect(phone.locator("body")).not.toContainText("集成灶");
    await shot(phone, "46-project-link-revoked");
  });
});

test("an agent reads the cached projects on a phone (sharing links, but no syncing)", async ({ openPage }) => {
  const p = zh.projects;
  const page = await openPage("phone");
  await signIn(page, accounts.agent, "/admin/projects");
  await expect(page.getByText("嵌入式洗碗机 整套采购").filter({ visible: true })).toBeVisible();
  await expect(page.getByRole("button", { name: p.sync.syncNow })).toHaveCount(0);
  await shot(page, "47-projects-phone");
});
