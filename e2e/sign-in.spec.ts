/**
 * Signing in and out in Chromium, after the hardening of the shared mechanisms: a return address can
 * only lead to this app's own pages, wrong-password bursts slow the guesser (and say until when) but not
 * the owner elsewhere, and server actions still work with the session the form created.
 */
import { DEMO_PASSWORD, accounts, expect, hydrated, shot, signIn, test } from "./support/fixtures";
import { fmt, zh } from "./support/i18n";

test("sign-in, a server action and sign-out work end to end", async ({ openPage, baseURL }) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.agent, "/admin/tokens");
  await expect(page).toHaveURL(`${baseURL}/admin/tokens`);

  // Creating an API token is a server action: it runs with the session cookie the sign-in set.
  const t = zh.tokens;
  const name = `e2e ${Date.now()}`;
  await hydrated(page.getByRole("button", { name: t.form.submit }));
  await page.getByLabel(t.form.name).fill(name);
  await page.getByRole("button", { name: t.form.submit }).click();
  await expect(page.getByRole("heading", { name: fmt(t.created.title, { name }) })).toBeVisible();
  await expect(page.getByText(/^shk_/)).toBeVisible();

  await page.getByRole("button", { name: zh.common.nav.signOut }).click();
  await page.waitForURL(/\/login/);
  await page.goto("/admin/tickets");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Ftickets$/);
});

// Each lands on a page of this app. Browsers read `/\host` and `/<TAB>/host` as `//host`: another site.
const payloads = [
  "%2F%5Cevil.example", // the reported one: /\evil.example
  "%2F%09%2Fevil.example", // the second one: /<TAB>/evil.example
  "%2F%2Fevil.example",
  "%5C%5Cevil.example",
  "%2F%5C%5Cevil.example",
  "https%3A%2F%2Fevil.example%2Fadmin",
  "%2Fa%2F..%2F%2Fevil.example",
];

test("a return address never leads off this site, signed in or signing in", async ({ openPage, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const page = await openPage("desktop");
  // Signing in through the form with a hostile return address…
  await page.goto(`/login?callbackUrl=${payloads[0]}`);
  await page.getByLabel(zh.auth.email).fill(accounts.ops);
  await page.getByLabel(zh.auth.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: zh.auth.submit, exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login", { timeout: 30_000 });
  expect(new URL(page.url()).origin).toBe(origin);

  // …and visiting the login page while signed in, which redirects at once.
  for (const payload of payloads) {
    await page.goto(`/login?callbackUrl=${payload}`);
    expect(new URL(page.url()).origin, payload).toBe(origin);
    expect(page.url(), payload).not.toContain("evil.example/");
  }
  // A genuine return address of this site is still honoured.
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/admin/tickets?status=BOOKED")}`);
  await expect(page).toHaveURL(`${origin}/admin/tickets?status=BOOKED`);
});

test("wrong-password bursts slow the guesser and say when to retry; the owner signs in from elsewhere", async ({
  openPage,
}) => {
  // Two browsers at two client addresses (the e2e server declares no proxy, so X-Forwarded-For is read as sent).
  const attacker = await openPage("desktop", { extraHTTPHeaders: { "x-forwarded-for": "203.0.113.66" } });
  await attacker.goto("/login");
  await hydrated(attacker.getByRole("button", { name: zh.auth.submit, exact: true }));
  const throttledText = new RegExp(zh.auth.throttled.split("{")[0]!);
  for (let i = 0; i < 6 && !(await attacker.getByText(throttledText).isVisible()); i++) {
    await attacker.getByLabel(zh.auth.email).fill(accounts.tech2);
    await attacker.getByLabel(zh.auth.password).fill(`guess-${i}`);
    await attacker.getByRole("button", { name: zh.auth.submit, exact: true }).click();
    // The form clears the password once the answer is in.
    await expect(attacker.getByLabel(zh.auth.password)).toHaveValue("", { timeout: 30_000 });
  }
  // The sixth wrong password in a row is not even checked: the page says how long to wait.
  const notice = attacker.getByText(throttledText);
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("秒");
  await shot(attacker, "25-sign-in-throttled");

  // Meanwhile the owner, somewhere else, signs in with the right password at once.
  const owner = await openPage("phone", { extraHTTPHeaders: { "x-forwarded-for": "198.51.100.77" } });
  await signIn(owner, accounts.tech2, "/admin/my-jobs");
  await expect(owner).toHaveURL(/\/admin\/my-jobs/);
});
