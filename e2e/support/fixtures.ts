/**
 * Shared pieces of the end-to-end specs: a `test` whose `openPage` fixture opens a fresh browser
 * context as a phone or a desktop (one per person in a story, closed after the test), sign-in,
 * screenshots, dates in the service's time zone and real JPEG files.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  test as base,
  devices,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "@playwright/test";
import sharp from "sharp";
import { zh } from "./i18n";

export { expect };

/** The demo accounts (lib/demo-data/seed.ts) and their shared password. */
export const DEMO_PASSWORD = "servicehub-demo";
export const accounts = {
  admin: "admin@servicehub.local",
  agent: "agent@servicehub.local",
  ops: "ops@servicehub.local",
  /** 王建国, 上海浦东服务中心 (浦东新区, 闵行区). */
  tech: "tech@servicehub.local",
  /** 赵志强, 上海浦西服务中心. */
  tech2: "tech2@servicehub.local",
} as const;

export const APP_TIME_ZONE = "Asia/Shanghai";

/** A customer's or technician's phone: 390×844 CSS pixels, touch, mobile viewport meta honoured. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: devices["Pixel 7"].userAgent,
};

/** An office screen. */
export const desktop: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  isMobile: false,
  hasTouch: false,
};

type Device = "phone" | "desktop";

/** `options` adds to the device's context options (e.g. `extraHTTPHeaders` to act from another address). */
export const test = base.extend<{ openPage: (device: Device, options?: BrowserContextOptions) => Promise<Page> }>({
  // The fixture callback is usually called `use`; another name keeps React's hook lint rule out of it.
  // Every page of every test also checks the Content-Security-Policy: anything the browser refused
  // under it (a script without the nonce, a style, an image from elsewhere) fails the test.
  openPage: async ({ browser, baseURL }, provide) => {
    const contexts: BrowserContext[] = [];
    const refused: string[] = [];
    await provide(async (device, options) => {
      const context = await browser.newContext({
        ...(device === "phone" ? phone : desktop),
        baseURL,
        locale: "zh-CN",
        timezoneId: APP_TIME_ZONE,
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
    expect(refused, "refused under the Content-Security-Policy").toEqual([]);
  },
});

const screenshotDir = fileURLToPath(new URL("../screenshots/", import.meta.url));

/** A full-page screenshot of the screen as it is now, e2e/screenshots/<name>.png (gitignored). */
export async function shot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  // From the top: a sticky header would otherwise be drawn where the page happened to be scrolled.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: "disabled" });
}

/**
 * Waits until React has hydrated `locator`'s element (it then carries React's props), so a click or
 * a change is handled by the app rather than lost or sent as a native form submission.
 */
export async function hydrated(locator: Locator) {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), {
      message: "the page is hydrated",
      timeout: 20_000,
    })
    .toBe(true);
}

/**
 * Signs in on the login page (opened with `returnTo` as its callback) and waits for the page the
 * login redirects to. `screenshot` saves the filled-in form before it is sent.
 */
export async function signIn(page: Page, email: string, returnTo: string, screenshot?: string) {
  const t = zh.auth;
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await expect(page.getByRole("heading", { name: t.title })).toBeVisible();
  await page.getByLabel(t.email).fill(email);
  await page.getByLabel(t.password).fill(DEMO_PASSWORD);
  if (screenshot) await shot(page, screenshot);
  await page.getByRole("button", { name: t.submit, exact: true }).click();
  // Password hashing is deliberately slow, and the machine may be busy.
  await page.waitForURL((url) => url.pathname !== "/login", { timeout: 30_000 });
}

/** YYYY-MM-DD in the service's time zone, `offset` days from today. */
export function serviceDate(offset = 0, now = new Date()): string {
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone: APP_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** Writes a real JPEG (a drawn picture, not renamed bytes) and returns its path. */
export async function makeJpeg(file: string, title: string, hue: number): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="720">
    <rect width="960" height="720" fill="hsl(${hue},35%,82%)"/>
    <rect x="80" y="80" width="800" height="560" rx="24" fill="hsl(${hue},30%,96%)" stroke="hsl(${hue},40%,45%)" stroke-width="6"/>
    <circle cx="300" cy="360" r="120" fill="hsl(${(hue + 40) % 360},60%,55%)"/>
    <rect x="480" y="250" width="300" height="40" fill="hsl(${hue},20%,40%)"/>
    <rect x="480" y="330" width="240" height="40" fill="hsl(${hue},20%,55%)"/>
    <text x="480" y="460" font-size="42" font-family="sans-serif" fill="#222">${title}</text>
  </svg>`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(file);
  const head = fs.readFileSync(file).subarray(0, 3);
  expect([...head], "a JPEG starts with FF D8 FF").toEqual([0xff, 0xd8, 0xff]);
  return file;
}

/**
 * Picks a visit day in the booking calendar (components/booking/day-picker.tsx): each day is a card
 * around a visually hidden radio, as a customer taps it. The day must still have a free slot.
 */
export async function pickVisitDay(page: Page, date: string) {
  const day = page.locator(`label[data-date="${date}"]`);
  await expect(day.getByRole("radio")).toBeEnabled({ timeout: 20_000 });
  await day.click();
  await expect(day.getByRole("radio")).toBeChecked();
}
