/**
 * The customer's side on a phone (issue 11, "Customers"): the booking calendar says which days are
 * free and why the others are not; a booking lands on the ticket's own tracking address, so a reload
 * keeps the ticket code; the tracking page calls the service center's hotline and, while a technician
 * is on the way or at work, the technician; a completed repair shows its receipt photos through the
 * tracking link. Staff steps go through the API from a signed-in admin page (the same origin, as the
 * staff UI sends them).
 */
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { accounts, expect, hydrated, makeJpeg, pickVisitDay, serviceDate, shot, signIn, test } from "./support/fixtures";
import { escapeRegExp, fmt, zh } from "./support/i18n";

test.describe.configure({ mode: "serial" });

const { booking: b, track: tr, common: c } = zh;
/** The demo data's 上海浦东服务中心 and its hotline (lib/demo-data/seed.ts). */
const CENTER = "上海浦东服务中心";
const HOTLINE = "021-5888-0001";

const story = { code: "", trackPath: "", date: serviceDate(3) };

/** Fills the booking form on /booking for 上海市 浦东新区 up to (not including) the visit day. */
async function fillBookingForm(page: Page, city = "上海市", district = "浦东新区") {
  await page.goto("/booking");
  const cityField = page.getByLabel(b.fields.city);
  await hydrated(cityField);
  await page.getByLabel(b.fields.name).fill("测试 顾女士");
  await page.getByLabel(b.fields.phone).fill(`137${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`);
  await cityField.selectOption(city);
  await page.getByLabel(b.fields.district).selectOption(district);
  await page.getByLabel(b.fields.address).fill("世纪大道 100 号 2 栋 801");
  await page.getByLabel(b.fields.appliance).selectOption({ label: c.appliance.water_heater });
  await page.getByLabel(b.fields.issue).fill("热水器点不着火，显示 E2。");
}

/** Calls the staff API from a signed-in page, as the staff UI does (same origin, session cookie). */
async function staffApi<T>(page: Page, method: string, path: string, json?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, json }) => {
      const r = await fetch(path, {
        method,
        headers: json === undefined ? {} : { "content-type": "application/json" },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      return { status: r.status, body: await r.json() };
    },
    { method, path, json },
  );
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body as T;
}

test("a booking lands on its tracking page, and a reload still shows the ticket code", async ({ openPage }) => {
  const page = await openPage("phone");
  await fillBookingForm(page);

  const calendar = page.getByRole("group", { name: b.fields.date });
  await expect(calendar.getByText(fmt(b.days.hint, { days: 30 }))).toBeVisible();
  await pickVisitDay(page, story.date);
  const slots = page.getByRole("group", { name: b.fields.slot });
  const freeCard = slots.locator("label").filter({ has: page.getByRole("radio", { disabled: false }) }).first();
  await freeCard.click();
  await calendar.scrollIntoViewIfNeeded();
  await shot(page, "c01-booking-calendar-phone");

  await page.getByRole("button", { name: b.submit, exact: true }).click();
  await page.waitForURL(/\/track\/[\w.-]+\?booked=new$/, { timeout: 30_000 });
  story.trackPath = new URL(page.url()).pathname;

  const banner = page.getByRole("region", { name: b.success.title });
  await expect(banner.getByRole("heading", { name: b.success.title })).toBeVisible();
  story.code = (await banner.getByText(/^TK\d{6}[0-9A-Z]{5}$/).innerText()).trim();
  await expect(banner).toContainText(fmt(b.success.keepLink, { days: 30 }));
  await expect(banner.getByText(`${new URL(page.url()).origin}${story.trackPath}`)).toBeVisible();
  await shot(page, "c02-booked-tracking-phone");

  // Nothing of the success lived in the form: a reload shows the same banner, code and ticket.
  await page.reload();
  await expect(banner.getByRole("heading", { name: b.success.title })).toBeVisible();
  await expect(banner.getByText(story.code, { exact: true })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(CENTER);

  // The hotline is a tap-to-call link; no technician (and no technician's number) yet.
  const hotline = page.getByRole("link", { name: new RegExp(escapeRegExp(fmt(tr.contact.hotline, { center: CENTER }))) });
  await expect(hotline).toHaveAttribute("href", "tel:02158880001");
  await expect(hotline).toContainText(HOTLINE);
  await expect(page.locator('a[href^="tel:1"]')).toHaveCount(0);

  // The plain link (from the SMS) has no banner but the same ticket.
  await page.goto(story.trackPath);
  await expect(page.getByRole("heading", { level: 1, name: tr.title })).toBeVisible();
  await expect(page.getByRole("region", { name: b.success.title })).toHaveCount(0);
  await expect(page.getByRole("main")).toContainText(story.code);
});

test("the tracking page offers a call to the assigned technician, then the receipt photos once completed", async ({
  openPage,
}, testInfo) => {
  const staff = await openPage("desktop");
  await signIn(staff, accounts.admin, "/admin/tickets");
  const list = await staffApi<{ items: { id: string; version: number }[] }>(
    staff,
    "GET",
    `/api/tickets?q=${story.code}`,
  );
  expect(list.items).toHaveLength(1);
  const id = list.items[0]!.id;
  let { version } = await staffApi<{ version: number }>(staff, "POST", `/api/tickets/${id}/confirm`, {
    version: list.items[0]!.version,
  });
  const assigned = await staffApi<{ version: number; technician: { name: string } }>(
    staff,
    "POST",
    `/api/tickets/${id}/assign`,
    { version, auto: true },
  );
  version = assigned.version;

  const customer = await openPage("phone");
  await customer.goto(story.trackPath);
  const techCall = customer.getByRole("link", {
    name: new RegExp(escapeRegExp(fmt(tr.contact.technician, { name: assigned.technician.name }))),
  });
  await expect(techCall).toHaveAttribute("href", /^tel:1[3-9]\d{9}$/);
  await expect(customer.getByRole("link", { name: new RegExp(escapeRegExp(CENTER)) })).toHaveAttribute(
    "href",
    "tel:02158880001",
  );
  await shot(customer, "c03-tracking-technician-call-phone");
  const desk = await openPage("desktop");
  await desk.goto(story.trackPath);
  await expect(desk.locator('a[href^="tel:1"]')).toBeVisible();
  await shot(desk, "c03-tracking-technician-call-desktop");

  // The technician starts, leaves a receipt photo and completes.
  ({ version } = await staffApi<{ version: number }>(staff, "POST", `/api/tickets/${id}/start`, { version }));
  const receipt = fs.readFileSync(await makeJpeg(testInfo.outputPath("receipt.jpg"), "SERVICE RECEIPT", 140));
  const uploaded = await staff.evaluate(
    async ({ path, bytes }) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "receipt.jpg");
      return (await fetch(path, { method: "POST", body: form })).status;
    },
    { path: `/api/tickets/${id}/images`, bytes: [...receipt] },
  );
  expect(uploaded).toBe(201);
  await staffApi(staff, "POST", `/api/tickets/${id}/complete`, { version });

  await customer.reload();
  await expect(customer.getByText(new RegExp(`${escapeRegExp(c.status.COMPLETED)}$`)).first()).toBeVisible();
  // Done: the technician's number is gone, the hotline stays.
  await expect(customer.locator('a[href^="tel:1"]')).toHaveCount(0);
  await expect(customer.locator('a[href="tel:02158880001"]')).toBeVisible();

  const photos = customer.getByRole("link", {
    name: fmt(tr.photos.open, { kind: tr.photos.kind.RECEIPT, n: 1, count: 1 }),
  });
  await photos.scrollIntoViewIfNeeded();
  await expect
    .poll(() => photos.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  const href = (await photos.getAttribute("href")) ?? "";
  expect(href).toMatch(new RegExp(`^/api/public/track/[\\w.-]+/images/[0-9a-f-]{36}$`));
  // The full image, authorised by the link's token.
  const full = await customer.request.get(href);
  expect(full.status()).toBe(200);
  expect(full.headers()["content-type"]).toBe("image/jpeg");
  // The image id alone, with another (made-up) token, opens nothing.
  const imageId = href.split("/").pop();
  expect((await customer.request.get(`/api/public/track/not-a-token/images/${imageId}`)).status()).toBe(404);
  await shot(customer, "c04-tracking-completed-receipts-phone");
  await desk.reload();
  await expect(desk.locator('a[href*="/images/"]')).toHaveCount(1);
  await shot(desk, "c04-tracking-completed-receipts-desktop");
});

test("the calendar disables a fully booked day and says why", async ({ openPage, request }) => {
  // 杭州服务中心 (西湖区) has one active technician: fill every slot of one day through the public API.
  const city = "杭州市";
  const district = "西湖区";
  const fullDay = serviceDate(25);
  const slots = await request.get(`/api/public/slots?${new URLSearchParams({ city, district, date: fullDay })}`);
  expect(slots.status()).toBe(200);
  let n = 0;
  for (const s of (await slots.json()).slots as { slot: string; remaining: number }[]) {
    for (let i = 0; i < s.remaining; i++) {
      const res = await request.post("/api/public/booking", {
        data: {
          customer_name: "测试 满额",
          phone: `136${String(Date.now() % 1e6).padStart(6, "0")}${String(++n).padStart(2, "0")}`,
          city,
          district,
          address: "文三路 1 号",
          appliance_type: "range_hood",
          issue_desc: "占满这一天的名额",
          appointment_date: fullDay,
          appointment_slot: s.slot,
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
  }

  for (const device of ["phone", "desktop"] as const) {
    const page = await openPage(device);
    await fillBookingForm(page, city, district);
    const day = page.locator(`label[data-date="${fullDay}"]`);
    const radio = day.getByRole("radio");
    await expect(radio).toBeDisabled();
    // The reason is in the card and in the name a screen reader reads.
    await expect(radio).toHaveAccessibleName(new RegExp(`${escapeRegExp(b.days.reason.full)}$`));
    await expect(day).toContainText(b.days.short.full);
    // Its neighbour is still free.
    await expect(page.locator(`label[data-date="${serviceDate(24)}"]`).getByRole("radio")).toBeEnabled();
    // Tap targets: every day card is at least 44 px both ways.
    const box = await day.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await day.scrollIntoViewIfNeeded();
    await shot(page, `c05-booking-calendar-full-day-${device}`);
  }
});
