/**
 * Who may see and do what, checked in the browser against the demo data: a technician cannot open
 * another technician's job nor the staff ticket list; an agent has no assign button; anonymous
 * visitors are sent to the login; a bad tracking link gets the friendly 404; the language switch.
 * Each test stands alone (it signs in itself and only reads the demo tickets).
 */
import type { Page } from "@playwright/test";
import { accounts, expect, hydrated, shot, signIn, test } from "./support/fixtures";
import { en, zh } from "./support/i18n";

const { tickets: tk, common: c } = zh;

interface ListedTicket {
  id: string;
  code: string;
  status: string;
  technician: { name: string } | null;
}

/** Tickets in `status` as the signed-in user sees them, through the same API the pages use. */
async function ticketsIn(page: Page, status: string): Promise<ListedTicket[]> {
  const res = await page.request.get(`/api/tickets?status=${status}&page_size=100`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: ListedTicket[] }).items;
}

/** Every button the ticket page offers for changing a ticket. */
const actionButtons = [
  tk.actions.confirm,
  tk.actions.assign,
  tk.actions.reassign,
  tk.actions.start,
  tk.actions.complete,
  tk.actions.cancel,
];

test("a technician cannot open another technician's job", async ({ openPage }) => {
  const admin = await openPage("desktop");
  await signIn(admin, accounts.admin, "/admin/tickets");
  const assigned = await ticketsIn(admin, "ASSIGNED");
  const others = assigned.find((t) => t.technician?.name === "赵志强");
  const own = assigned.find((t) => t.technician?.name === "王建国");
  expect(others, "the demo data has a ticket assigned to 赵志强").toBeDefined();
  expect(own, "the demo data has a ticket assigned to 王建国").toBeDefined();

  const page = await openPage("phone");
  await signIn(page, accounts.tech, "/admin/my-jobs");
  const response = await page.goto(`/admin/tickets/${others!.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: tk.detail.notFoundTitle })).toBeVisible();
  await expect(page.getByText(tk.detail.notFoundBody)).toBeVisible();
  await expect(page.getByText(others!.code)).toHaveCount(0);
  for (const name of actionButtons) await expect(page.getByRole("button", { name })).toHaveCount(0);
  await shot(page, "20-technician-other-job-not-found");

  // Nor is it on his own job list, which does show his own ticket.
  await page.goto("/admin/my-jobs");
  await expect(page.getByRole("article").filter({ hasText: own!.code })).toBeVisible();
  await expect(page.getByText(others!.code)).toHaveCount(0);
});

test("a technician opening the staff ticket list lands on his jobs", async ({ openPage }) => {
  const page = await openPage("phone");
  await signIn(page, accounts.tech, "/admin/my-jobs");
  await page.goto("/admin/tickets");
  await expect(page).toHaveURL(/\/admin\/my-jobs$/);
  await expect(page.getByRole("heading", { level: 1, name: zh.jobs.title })).toBeVisible();
  await expect(page.getByRole("link", { name: c.nav.tickets })).toHaveCount(0);
  await shot(page, "21-technician-tickets-redirected");
});

test("an agent can confirm and cancel, but never assign", async ({ openPage }) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.agent, "/admin/tickets");

  const [confirmed] = await ticketsIn(page, "CONFIRMED");
  expect(confirmed, "the demo data has a confirmed ticket").toBeDefined();
  await page.goto(`/admin/tickets/${confirmed!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: confirmed!.code })).toBeVisible();
  await expect(page.getByRole("main").locator("header")).toContainText(c.status.CONFIRMED);
  await expect(page.getByRole("button", { name: tk.actions.cancel, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: tk.actions.assign })).toHaveCount(0);
  await expect(page.getByRole("button", { name: tk.actions.reassign })).toHaveCount(0);
  await expect(page.getByText(tk.detail.waitingAssign)).toBeVisible();
  await shot(page, "22-agent-confirmed-ticket");

  const [booked] = await ticketsIn(page, "BOOKED");
  expect(booked, "the demo data has a booked ticket").toBeDefined();
  await page.goto(`/admin/tickets/${booked!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: booked!.code })).toBeVisible();
  await expect(page.getByRole("button", { name: tk.actions.confirm, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: tk.actions.cancel, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: tk.actions.assign })).toHaveCount(0);
  await shot(page, "23-agent-booked-ticket");
});

test("an agent adds an internal note; the ops manager reads it but cannot add one", async ({ openPage }) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.agent, "/admin/tickets");
  const [ticket] = await ticketsIn(page, "CONFIRMED");
  expect(ticket, "the demo data has a confirmed ticket").toBeDefined();
  await page.goto(`/admin/tickets/${ticket!.id}`);
  const note = page.getByLabel(tk.notes.label);
  await hydrated(note);
  // Nothing to save: a hint, and no request.
  await page.getByRole("button", { name: tk.notes.add }).click();
  await expect(page.getByText(tk.notes.empty)).toBeVisible();
  await note.fill("客户白天不在家，请下午五点后联系");
  await page.getByRole("button", { name: tk.notes.add }).click();
  await expect(page.getByRole("status").filter({ hasText: tk.notes.added })).toBeVisible();
  const timeline = page.getByRole("list").filter({ hasText: tk.timeline.action.note_added });
  await expect(timeline).toContainText("客户白天不在家，请下午五点后联系");
  await expect(note).toHaveValue("");
  await shot(page, "27-agent-internal-note");

  const ops = await openPage("desktop");
  await signIn(ops, accounts.ops, `/admin/tickets/${ticket!.id}`);
  await expect(ops.getByText("客户白天不在家，请下午五点后联系")).toBeVisible();
  await expect(ops.getByLabel(tk.notes.label)).toHaveCount(0);
});

test("an anonymous visitor to the ticket list is sent to the login", async ({ openPage }) => {
  const page = await openPage("desktop");
  await page.goto("/admin/tickets");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Ftickets$/);
  await expect(page.getByRole("heading", { name: zh.auth.title })).toBeVisible();
  await expect(page.getByLabel(zh.auth.email)).toBeVisible();
  await shot(page, "24-anonymous-sent-to-login");
});

test("an invalid tracking link shows the friendly page with HTTP 404", async ({ openPage }) => {
  const page = await openPage("phone");
  const response = await page.goto("/track/this-is-not-a-valid-link");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: zh.track.invalid.title })).toBeVisible();
  await expect(page.getByText(zh.track.invalid.body)).toBeVisible();
  await expect(page.getByRole("link", { name: zh.track.invalid.book })).toHaveAttribute("href", "/booking");
  await shot(page, "25-tracking-invalid-link");
});

test("the booking page switches to English", async ({ openPage }) => {
  const page = await openPage("phone");
  await page.goto("/booking");
  await expect(page.getByRole("heading", { level: 1, name: zh.booking.title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  const toEnglish = page.getByRole("button", { name: zh.common.switchTo });
  await hydrated(toEnglish);
  await toEnglish.click();
  await expect(page.getByRole("heading", { level: 1, name: en.booking.title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel(en.booking.fields.name)).toBeVisible();
  await expect(page.getByRole("button", { name: en.booking.submit, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: en.common.switchTo })).toBeVisible();
  await shot(page, "26-booking-english");

  // The choice is remembered: a fresh load is still in English.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: en.booking.title })).toBeVisible();
});
