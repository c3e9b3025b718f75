/**
 * The Content-Security-Policy as a browser meets it: every page answer carries one with a fresh nonce,
 * every script Next.js rendered carries that nonce, and the pages work under it (the fixture fails any
 * test during which the browser refused something under the policy).
 */
import { accounts, expect, hydrated, signIn, test } from "./support/fixtures";
import { zh } from "./support/i18n";

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

test("pages send a nonce policy, their scripts carry the nonce, and they work under it", async ({
  openPage,
  request,
}) => {
  for (const path of ["/login", "/booking"]) {
    const first = await request.get(path);
    const second = await request.get(path);
    const csp = first.headers()["content-security-policy"] ?? null;
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;.*script|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = nonceOf(csp);
    // A new nonce per answer: a nonce seen once is worth nothing to an attacker.
    expect(nonceOf(second.headers()["content-security-policy"] ?? null)).not.toBe(nonce);
    // Every script tag of the page carries this answer's nonce, the inline bootstrap included.
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }

  // The app runs under it: hydration, a client-side sign-in and a client-rendered list.
  const page = await openPage("desktop");
  await signIn(page, accounts.agent, "/admin/tickets");
  await hydrated(page.getByRole("link", { name: zh.common.nav.tickets }).first());
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
