/**
 * The technician's page on a phone (issue 11), as 王建国 of the demo data: a job booked for another day
 * asks before it starts, a completed job's confirmation stays on screen, the header's links and buttons
 * are thumb-sized, and the page says who is signed in. Screenshots: e2e/screenshots/tech-*.png.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "@playwright/test";
import { accounts, expect, hydrated, makeJpeg, serviceDate, shot, signIn, test } from "./support/fixtures";
import { fmt, zh } from "./support/i18n";

test.describe.configure({ mode: "serial" });

const TECHNICIAN = "王建国";
const { jobs: jb, common: c } = zh;
/** Demo jobs of 王建国 (lib/demo-data/seed.ts): demo-07 two days ahead, demo-09 today and started. */
const FUTURE_JOB = "七宝镇漕宝路 3366 号";
const STARTED_JOB = "陆家嘴环路 1000 号";

const screenshotDir = fileURLToPath(new URL("./screenshots/", import.meta.url));
// Outside test-results/: a Playwright run started meanwhile (another spec, another port) empties that folder.
const receipt = path.join(os.tmpdir(), `servicehub-tech-receipt-${process.pid}.jpg`);

/** What is on screen now (not the full page): a pinned message shows where the technician sees it. */
async function viewportShot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: "disabled" });
}

async function openMyJobs(page: Page) {
  await signIn(page, accounts.tech, "/admin/my-jobs");
  await expect(page).toHaveURL(/\/admin\/my-jobs$/);
  await expect(page.getByRole("heading", { level: 1, name: jb.title })).toBeVisible();
}

const jobCard = (page: Page, address: string) => page.getByRole("article").filter({ hasText: address });

async function codeOf(card: Locator) {
  const code = (await card.textContent())?.match(/TK[0-9A-Z]+/)?.[0];
  expect(code, "the card shows its ticket code").toBeTruthy();
  return code!;
}

/** Uploads a real JPEG receipt on the card and completes the job; returns its code. */
async function uploadAndComplete(page: Page, card: Locator) {
  const code = await codeOf(card);
  await makeJpeg(receipt, "RECEIPT", 140);
  await card.getByLabel(jb.upload.chooseFromAlbum).setInputFiles(receipt);
  await expect(card.getByText(jb.upload.status.done, { exact: true })).toBeVisible();
  const complete = card.getByRole("button", { name: jb.complete });
  await expect(complete).toBeEnabled();
  await complete.click();
  return code;
}

test("the header says who is signed in and its tap targets are at least 44×44 px on a phone", async ({ openPage }) => {
  const page = await openPage("phone");
  await openMyJobs(page);
  const header = page.getByRole("banner");
  await expect(header.getByText(TECHNICIAN, { exact: true })).toBeVisible();

  const targets = header.locator("a, button");
  const count = await targets.count();
  expect(count, "links and buttons in the header").toBeGreaterThanOrEqual(3); // home, my jobs, language, sign out
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    if (!(await target.isVisible())) continue;
    const box = await target.boundingBox();
    const label = (await target.getAttribute("aria-label")) ?? (await target.textContent())?.trim();
    expect(box, `${label} has a box`).not.toBeNull();
    expect(box!.height, `${label} is at least 44 px tall`).toBeGreaterThanOrEqual(44);
    expect(box!.width, `${label} is at least 44 px wide`).toBeGreaterThanOrEqual(44);
  }
  await expect(jobCard(page, FUTURE_JOB)).toBeVisible();
  await shot(page, "tech-my-jobs-phone");

  const desk = await openPage("desktop");
  await openMyJobs(desk);
  await expect(desk.getByRole("banner").getByText(TECHNICIAN, { exact: true })).toBeVisible();
  await expect(jobCard(desk, FUTURE_JOB)).toBeVisible();
  await shot(desk, "tech-my-jobs-desktop");
});

test("starting a job booked for another day asks first: cancel keeps it, confirm starts it", async ({ openPage }) => {
  // On a desktop first, for the screenshot; cancelled, so the phone below finds the job as it was.
  const desk = await openPage("desktop");
  await openMyJobs(desk);
  const deskCard = jobCard(desk, FUTURE_JOB);
  await hydrated(deskCard.getByRole("button", { name: jb.start, exact: true }));
  await deskCard.getByRole("button", { name: jb.start, exact: true }).click();
  const deskDialog = desk.getByRole("dialog", { name: jb.startOtherDay.title });
  await expect(deskDialog).toBeVisible();
  await viewportShot(desk, "tech-confirm-desktop");
  await deskDialog.getByRole("button", { name: c.cancel }).click();
  await expect(deskDialog).toBeHidden();

  const page = await openPage("phone");
  await openMyJobs(page);
  const card = jobCard(page, FUTURE_JOB);
  await expect(card).toContainText(c.status.ASSIGNED);
  const start = card.getByRole("button", { name: jb.start, exact: true });
  await hydrated(start);

  const posts: string[] = [];
  page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
  await start.click();
  const dialog = page.getByRole("dialog", { name: jb.startOtherDay.title });
  await expect(dialog).toBeVisible();
  // It names the job's day (two days from today, in the service's time zone), not today's.
  const [, month, day] = serviceDate(2).split("-").map(Number);
  await expect(dialog).toContainText(`${month}月${day}日`);
  await viewportShot(page, "tech-confirm-phone");

  await dialog.getByRole("button", { name: c.cancel }).click();
  await expect(dialog).toBeHidden();
  expect(posts, "cancelling sends nothing").toEqual([]);
  await expect(card).toContainText(c.status.ASSIGNED);
  await expect(card.getByRole("button", { name: jb.start, exact: true })).toBeVisible();

  await start.click();
  await dialog.getByRole("button", { name: jb.startOtherDay.confirm }).click();
  await expect(card.getByText(jb.started)).toBeVisible();
  await expect(card).toContainText(c.status.IN_PROGRESS);
});

test("after completing a job, the success message stays in view", async ({ openPage }) => {
  const page = await openPage("phone");
  await openMyJobs(page);
  const card = jobCard(page, FUTURE_JOB);
  await expect(card).toContainText(c.status.IN_PROGRESS);
  const code = await uploadAndComplete(page, card);

  const message = page.getByRole("status").filter({ hasText: fmt(jb.completed, { code }) });
  await expect(message).toBeVisible();
  await expect(card).toHaveCount(0); // the job left the open list
  await expect(message).toHaveAttribute("aria-live", "polite");
  // Wherever the technician scrolls, and after a toast would long have gone, it is still on screen.
  for (const y of [0, 100_000]) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await expect(message).toBeInViewport({ ratio: 1 });
  }
  await page.waitForTimeout(6_000);
  await expect(message).toBeInViewport({ ratio: 1 });
  await viewportShot(page, "tech-completed-phone");

  await message.getByRole("button", { name: c.close }).click();
  await expect(message).toHaveCount(0);
});

test("the success message on a desktop", async ({ openPage }) => {
  const desk = await openPage("desktop");
  await openMyJobs(desk);
  const card = jobCard(desk, STARTED_JOB);
  await expect(card).toContainText(c.status.IN_PROGRESS);
  const code = await uploadAndComplete(desk, card);
  await expect(desk.getByRole("status").filter({ hasText: fmt(jb.completed, { code }) })).toBeInViewport();
  await viewportShot(desk, "tech-completed-desktop");
});
