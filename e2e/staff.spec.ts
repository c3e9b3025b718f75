/**
 * What staff see when something is refused or cannot work (issue 11, "Staff"): an inverted date range
 * is held on screen with a hint and never sent; a failed ticket action says so in the UI's language,
 * never in the server's words; the ticket header carries no internal version; technicians are not
 * offered API tokens; the API reference sits inside the app, in Chinese, with a way back.
 * Each test stands alone (it signs in itself and only reads the demo tickets).
 */
import type { Page } from "@playwright/test";
import { accounts, expect, hydrated, shot, signIn, test } from "./support/fixtures";
import { zh } from "./support/i18n";

const { tickets: tk, common: c, tokens: tt } = zh;

async function firstTicketIn(page: Page, status: string): Promise<{ id: string; code: string }> {
  const res = await page.request.get(`/api/tickets?status=${status}&page_size=1`);
  expect(res.status()).toBe(200);
  const [ticket] = ((await res.json()) as { items: { id: string; code: string }[] }).items;
  expect(ticket, `the demo data has a ${status} ticket`).toBeDefined();
  return ticket!;
}

test("an inverted date range on the ticket list shows a hint and sends nothing", async ({ openPage }) => {
  test.setTimeout(180_000); // two devices, each signing in (password hashing is slow by design)
  for (const device of ["desktop", "phone"] as const) {
    const page = await openPage(device);
    await signIn(page, accounts.agent, "/admin/tickets");
    await expect(page.getByRole("table").or(page.getByRole("list")).first()).toBeVisible();
    if (device === "phone") await page.getByRole("button", { name: tk.filters.more }).click();
    const from = page.getByLabel(tk.filters.dateFrom);
    const to = page.getByLabel(tk.filters.dateTo);
    await hydrated(from);

    await from.fill("2030-06-10");
    await expect(page).toHaveURL(/date_from=2030-06-10/);
    await page.waitForLoadState("networkidle");

    const listRequests: string[] = [];
    page.on("request", (req) => {
      if (new URL(req.url()).pathname.startsWith("/api/tickets")) listRequests.push(req.url());
    });
    const urlBefore = page.url();
    await to.fill("2030-06-01");
    await expect(page.getByText(tk.filters.dateOrder)).toBeVisible();
    await expect(from).toHaveAttribute("aria-invalid", "true");
    // Long enough for the list's query to have gone out if the range had been applied.
    await page.waitForTimeout(1500);
    expect(listRequests, "no list request for an inverted range").toEqual([]);
    expect(page.url()).toBe(urlBefore);
    await shot(page, `staff-01-inverted-range-${device}`);

    // Putting the days back in order applies both at once.
    await to.fill("2030-06-20");
    await expect(page).toHaveURL(/date_from=2030-06-10.*date_to=2030-06-20|date_to=2030-06-20.*date_from=2030-06-10/);
    await expect(page.getByText(tk.filters.dateOrder)).toHaveCount(0);
    await expect.poll(() => listRequests.some((u) => u.includes("date_to=2030-06-20"))).toBe(true);
  }
});

test("the ticket header shows no version; a failed action speaks the UI's language", async ({ openPage }) => {
  test.setTimeout(180_000); // two devices, each signing in (password hashing is slow by design)
  for (const device of ["desktop", "phone"] as const) {
    const page = await openPage(device);
    await signIn(page, accounts.agent, "/admin/tickets");
    const ticket = await firstTicketIn(page, "BOOKED");
    await page.goto(`/admin/tickets/${ticket.id}`);
    const header = page.getByRole("main").locator("header").first();
    await expect(header.getByRole("heading", { level: 1, name: ticket.code })).toBeVisible();
    await expect(header).toContainText(c.status.BOOKED);
    await expect(header).not.toContainText("版本");
    await expect(header).not.toContainText(/version/i);
    await shot(page, `staff-02-ticket-header-${device}`);

    // The session ends behind the page's back: the action is refused, and the page says so in Chinese.
    const confirm = page.getByRole("button", { name: tk.actions.confirm, exact: true });
    await hydrated(confirm);
    await page.context().clearCookies();
    await confirm.click();
    const alert = page.getByText(c.errors.unauthorized);
    await expect(alert).toBeVisible();
    await expect(page.getByText(tk.errors.notDone)).toBeVisible();
    await expect(page.getByRole("link", { name: tk.errors.signIn })).toBeVisible();
    // The server's own (English) words stay off the screen.
    await expect(page.getByText(/session has ended|permission/i)).toHaveCount(0);
    await shot(page, `staff-03-action-refused-${device}`);
  }
});

test("a technician is not offered API tokens: no nav entry, the page and the API refuse", async ({ openPage }) => {
  const page = await openPage("phone");
  await signIn(page, accounts.tech, "/admin/my-jobs");
  await expect(page.getByRole("heading", { level: 1, name: zh.jobs.title })).toBeVisible();
  await expect(page.getByRole("link", { name: c.nav.tokens })).toHaveCount(0);
  await shot(page, "staff-04-technician-nav-phone");

  await page.goto("/admin/tokens");
  await expect(page).toHaveURL(/\/admin\/forbidden$/);
  await expect(page.getByRole("heading", { name: c.forbidden.title })).toBeVisible();
  await shot(page, "staff-05-technician-tokens-refused-phone");
  expect((await page.request.get("/api/tokens")).status()).toBe(403);

  // An ops manager still has the page.
  const ops = await openPage("desktop");
  await signIn(ops, accounts.ops, "/admin/tickets");
  await ops.getByRole("link", { name: c.nav.tokens }).click();
  await expect(ops.getByRole("heading", { level: 1, name: tt.title })).toBeVisible();
});

test("the API reference sits inside the app, in Chinese, with a way back", async ({ openPage }) => {
  test.setTimeout(180_000); // two devices, each signing in (password hashing is slow by design)
  for (const device of ["desktop", "phone"] as const) {
    const page = await openPage(device);
    await signIn(page, accounts.ops, "/api/docs");
    await expect(page).toHaveURL(/\/api\/docs$/);
    await expect(page.getByRole("heading", { level: 1, name: tt.docs.title })).toBeVisible();
    // The shell: the app's navigation and the language switch are there.
    await expect(page.getByRole("link", { name: c.nav.tickets, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "工单", exact: true })).toBeVisible();
    await expect(page.getByText("确认预约", { exact: true })).toBeVisible();
    await expect(page.getByText("Confirm a booking", { exact: true })).toHaveCount(0);
    await shot(page, `staff-06-api-docs-${device}`);

    await page.getByRole("link", { name: tt.docs.back }).click();
    await expect(page).toHaveURL(/\/admin\/tickets/);
  }
});
