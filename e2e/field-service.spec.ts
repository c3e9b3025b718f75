/**
 * The whole field-service story, in order, against `next build && next start` with the demo data:
 * a customer books on a phone, follows the tracking link; an agent confirms (and has no assign
 * button); an ops manager assigns 王建国; 王建国 starts the job on his phone, uploads a real JPEG
 * receipt and completes it; the customer's tracking page shows the repair completed.
 * Every screen passed through is saved to e2e/screenshots/NN-name.png.
 */
import { accounts, expect, hydrated, makeJpeg, pickVisitDay, serviceDate, shot, signIn, test } from "./support/fixtures";
import { escapeRegExp, fmt, zh } from "./support/i18n";
import type { Page } from "@playwright/test";

test.describe.configure({ mode: "serial" });

const TECHNICIAN = "王建国";
const CENTER = "上海浦东服务中心";
const { booking: b, track: tr, tickets: tk, jobs: jb, common: c } = zh;

/** What the story learns on the way: filled in by the earlier steps, used by the later ones. */
const story = {
  code: "",
  trackPath: "",
  ticketId: "",
  date: serviceDate(1), // tomorrow in Asia/Shanghai: always bookable, never "already started"
  slot: "",
  phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
  customer: "测试 周女士",
  address: "张江路 1000 弄 8 号 602 室",
  model: "JJZT-E2E",
};

/** The status badge on the tracking page ("当前状态: 已预约", the label being for screen readers). */
const trackingBadge = (page: Page, status: keyof typeof c.status) =>
  page.getByText(new RegExp(`^${escapeRegExp(tr.status)}\\W*${escapeRegExp(c.status[status])}$`));

/** The ticket's own header on the staff detail page (code + status badge). */
const ticketHeader = (page: Page) => page.getByRole("main").locator("header").filter({ hasText: story.code });

test("a customer books a repair visit on a phone", async ({ openPage }, testInfo) => {
  const page = await openPage("phone");
  const faultPhoto = await makeJpeg(testInfo.outputPath("fault-photo.jpg"), "FAULT E1", 20);

  await page.goto("/booking");
  await expect(page.getByRole("heading", { level: 1, name: b.title })).toBeVisible();
  const city = page.getByLabel(b.fields.city);
  const district = page.getByLabel(b.fields.district);
  await hydrated(city);
  await expect(district).toBeDisabled(); // no district before a city
  await shot(page, "01-booking-form");

  await page.getByLabel(b.fields.name).fill(story.customer);
  await page.getByLabel(b.fields.phone).fill(story.phone);
  await city.selectOption("上海市");
  await expect(district).toBeEnabled();
  await district.selectOption("浦东新区");
  await page.getByLabel(b.fields.address).fill(story.address);
  await page.getByLabel(b.fields.appliance).selectOption({ label: c.appliance.integrated_stove });
  await page.getByLabel(b.fields.model).fill(story.model);
  await page.getByLabel(b.fields.issue).fill("右侧灶头点火后几秒自动熄火，显示 E1。");

  const photos = page.getByRole("group", { name: b.fields.photos });
  await photos.locator('input[type="file"]').setInputFiles(faultPhoto);
  await expect(photos.getByRole("img", { name: fmt(b.fields.photosPreview, { index: 1 }) })).toBeVisible();

  await pickVisitDay(page, story.date);
  const slots = page.getByRole("group", { name: b.fields.slot });
  await expect(slots.getByText(fmt(b.slots.center, { center: CENTER }))).toBeVisible();
  // Each slot is a card (a label) around a visually hidden radio; the customer taps the first free one.
  const freeCard = slots
    .locator("label")
    .filter({ has: page.getByRole("radio", { disabled: false }) })
    .first();
  const free = freeCard.getByRole("radio");
  await expect(free).toBeEnabled();
  story.slot = (await free.getAttribute("value")) ?? "";
  expect(story.slot).toMatch(/^\d\d:\d\d-\d\d:\d\d$/);
  await freeCard.click();
  await expect(free).toBeChecked();
  await shot(page, "02-booking-slot-chosen");

  await page.getByRole("button", { name: b.submit, exact: true }).click();

  // The booking lands on the ticket's own tracking page, with the "booked" banner on top.
  await page.waitForURL(/\/track\/[\w.-]+\?booked=new$/, { timeout: 30_000 });
  const success = page.getByRole("region", { name: b.success.title });
  await expect(success.getByRole("heading", { name: b.success.title })).toBeVisible();
  const code = success.getByText(/^TK\d{6}[0-9A-Z]{5}$/);
  story.code = (await code.innerText()).trim();
  story.trackPath = new URL(page.url()).pathname;
  await expect(page.getByRole("main")).toContainText(CENTER);
  await expect(page.getByRole("main")).toContainText(story.slot.replace("-", "–"));
  // The full link shown for copying is this page's, on this server.
  await expect(success.getByText(`${new URL(page.url()).origin}${story.trackPath}`)).toBeVisible();
  await shot(page, "03-booking-success");

  // (b) The tracking page: booked, waiting for the service center.
  await expect(page.getByRole("heading", { level: 1, name: tr.title })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(story.code);
  await expect(trackingBadge(page, "BOOKED")).toBeVisible();
  const current = page.locator('li[aria-current="step"]');
  await expect(current).toContainText(tr.steps.BOOKED);
  await expect(current).toContainText(tr.stepHints.BOOKED);
  await expect(page.getByText(tr.technicianPending)).toBeVisible();
  await expect(page.getByRole("button", { name: tr.cancel.button })).toBeVisible();
  await shot(page, "04-tracking-booked");
});

test("an agent finds the ticket by its code and confirms it, with no assign button", async ({ openPage }) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.agent, "/admin/tickets", "05-login-agent");
  await expect(page).toHaveURL(/\/admin\/tickets$/);
  await expect(page.getByRole("heading", { level: 1, name: tk.list.title })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await shot(page, "06-ticket-list");

  const search = page.getByRole("searchbox", { name: tk.filters.keyword });
  await hydrated(search);
  // Punctuation alone cannot be searched: the box says so and the list keeps its filters.
  await search.fill("!!!");
  await expect(page.getByText(tk.filters.keywordUnsearchable)).toBeVisible();
  await expect(search).toHaveAttribute("aria-invalid", "true");
  await page.waitForTimeout(500); // longer than the box's 300 ms pause: nothing was sent
  await expect(page).toHaveURL(/\/admin\/tickets$/);
  await shot(page, "06b-ticket-search-punctuation");
  await search.fill(story.code);
  await expect(page.getByText(tk.filters.keywordUnsearchable)).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${story.code}(&|$)`));
  await expect(table.getByRole("row")).toHaveCount(2); // the header and our ticket
  const row = table.getByRole("row").nth(1);
  await expect(row).toContainText(story.customer);
  await expect(row).toContainText(c.status.BOOKED);
  await shot(page, "07-ticket-search");

  await row.getByRole("link", { name: story.code }).click();
  await page.waitForURL(/\/admin\/tickets\/[0-9a-f-]{36}$/);
  story.ticketId = new URL(page.url()).pathname.split("/").pop() ?? "";
  await expect(page.getByRole("heading", { level: 1, name: story.code })).toBeVisible();
  await expect(ticketHeader(page)).toContainText(c.status.BOOKED);
  // The customer's fault photo came with the booking and is stored (its thumbnail loads).
  const faultPhoto = page.getByRole("button", {
    name: fmt(tk.images.open, { kind: tk.images.issue, n: 1, count: 1 }),
  });
  await faultPhoto.scrollIntoViewIfNeeded();
  await expect
    .poll(() => faultPhoto.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);

  const confirm = page.getByRole("button", { name: tk.actions.confirm, exact: true });
  await expect(confirm).toBeEnabled();
  await expect(page.getByRole("button", { name: tk.actions.cancel, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: tk.actions.assign })).toHaveCount(0);
  await shot(page, "08-ticket-detail-booked");

  await hydrated(confirm);
  await confirm.click();
  await expect(page.getByText(fmt(tk.outcome.confirm, { code: story.code }))).toBeVisible();
  await expect(ticketHeader(page)).toContainText(c.status.CONFIRMED);
  await expect(page.getByText(tk.detail.waitingAssign)).toBeVisible();
  await expect(page.getByRole("button", { name: tk.actions.assign })).toHaveCount(0);
  await expect(page.getByRole("button", { name: tk.actions.reassign })).toHaveCount(0);
  await expect(page.getByRole("button", { name: tk.actions.confirm, exact: true })).toHaveCount(0);
  await shot(page, "09-ticket-detail-confirmed");
});

test(`an ops manager assigns the ticket to ${TECHNICIAN}`, async ({ openPage }) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.ops, `/admin/tickets/${story.ticketId}`, "10-login-ops");
  await expect(page.getByRole("heading", { level: 1, name: story.code })).toBeVisible();
  await expect(ticketHeader(page)).toContainText(c.status.CONFIRMED);

  const assign = page.getByRole("button", { name: tk.actions.assign, exact: true });
  await hydrated(assign);
  await assign.click();
  const dialog = page.getByRole("dialog", { name: fmt(tk.assign.title, { code: story.code }) });
  await expect(dialog).toBeVisible();
  const tech = dialog.getByRole("radio", { name: TECHNICIAN });
  await tech.check();
  await expect(tech).toBeChecked();
  const submit = dialog.getByRole("button", { name: fmt(tk.assign.assignTo, { name: TECHNICIAN }) });
  await expect(submit).toBeEnabled();
  await shot(page, "11-assign-dialog");

  await submit.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(fmt(tk.outcome.assign, { name: TECHNICIAN }))).toBeVisible();
  await expect(ticketHeader(page)).toContainText(c.status.ASSIGNED);
  await expect(page.getByRole("button", { name: tk.actions.reassign })).toBeVisible();
  await shot(page, "12-ticket-detail-assigned");
});

test(`${TECHNICIAN} starts the job on his phone, uploads a receipt photo and completes it`, async ({
  openPage,
}, testInfo) => {
  const receipt = await makeJpeg(testInfo.outputPath("receipt.jpg"), "RECEIPT SIGNED", 210);
  const page = await openPage("phone");
  await signIn(page, accounts.tech, "/admin/my-jobs", "13-login-technician");
  await expect(page).toHaveURL(/\/admin\/my-jobs$/);
  await expect(page.getByRole("heading", { level: 1, name: jb.title })).toBeVisible();

  const card = page.getByRole("article").filter({ hasText: story.code });
  await expect(card).toBeVisible();
  await expect(card).toContainText(c.status.ASSIGNED);
  await expect(card).toContainText(story.address);
  await card.scrollIntoViewIfNeeded();
  await shot(page, "14-my-jobs");

  const start = card.getByRole("button", { name: jb.start, exact: true });
  await hydrated(start);
  await start.click();
  // The booking is for tomorrow: starting it early asks first (e2e/technician.spec.ts covers the dialog).
  await page.getByRole("dialog", { name: jb.startOtherDay.title }).getByRole("button", { name: jb.startOtherDay.confirm }).click();
  await expect(card.getByText(jb.started)).toBeVisible();
  await expect(card).toContainText(c.status.IN_PROGRESS);
  const complete = card.getByRole("button", { name: jb.complete });
  await expect(card.getByText(jb.noReceipts)).toBeVisible();
  await expect(complete).toBeDisabled(); // no receipt yet
  await shot(page, "15-job-started");

  const answer = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith(`/api/tickets/${story.ticketId}/images`),
  );
  await card.getByLabel(jb.upload.chooseFromAlbum).setInputFiles(receipt);
  const upload = await answer;
  expect(upload.status(), `the receipt upload was refused: ${await upload.text()}`).toBe(201);
  await expect(card.getByText(jb.upload.status.done, { exact: true })).toBeVisible();
  // Stored: the server's thumbnail of it is listed among the job's receipts and actually loads.
  const stored = card.getByRole("img", { name: fmt(jb.receiptAlt, { index: 1 }) });
  await expect(stored).toBeVisible();
  await expect.poll(() => stored.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(complete).toBeEnabled();
  await shot(page, "16-receipt-uploaded");

  await complete.click();
  await expect(page.getByText(fmt(jb.completed, { code: story.code }))).toBeVisible();
  await expect(card).toHaveCount(0); // it leaves the open jobs
  await page.getByRole("button", { name: jb.recentlyCompleted }).click();
  const done = page.getByRole("listitem").filter({ hasText: story.code });
  await expect(done).toContainText(c.status.COMPLETED);
  await shot(page, "17-job-completed");
});

test("the tracking page shows the repair completed", async ({ openPage }) => {
  const page = await openPage("phone");
  await page.goto(story.trackPath);
  await expect(page.getByRole("heading", { level: 1, name: tr.title })).toBeVisible();
  await expect(trackingBadge(page, "COMPLETED")).toBeVisible();

  const timeline = page.locator("ol").filter({ hasText: tr.steps.BOOKED });
  const steps = timeline.getByRole("listitem");
  await expect(steps).toHaveCount(5);
  for (const [i, status] of (["BOOKED", "CONFIRMED", "ASSIGNED", "IN_PROGRESS", "COMPLETED"] as const).entries()) {
    await expect(steps.nth(i)).toContainText(tr.steps[status]);
  }
  // Completed: every step is done (none is "current"), and the last one says so.
  await expect(timeline.locator('li[aria-current="step"]')).toHaveCount(0);
  const last = timeline.locator("li").last();
  await expect(last).toContainText(tr.steps.COMPLETED);
  await expect(last).toContainText(tr.stepHints.COMPLETED);
  await expect(page.getByRole("main")).toContainText(TECHNICIAN);
  // Finished: nothing left to cancel.
  await expect(page.getByRole("button", { name: tr.cancel.button })).toHaveCount(0);
  await shot(page, "18-tracking-completed");
});
