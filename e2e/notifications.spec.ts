/**
 * Notifications as an admin and a customer meet them (screenshots e2e/screenshots/5*.png), against a WeChat Work bot and an SMS gateway this
 * test process serves on 127.0.0.1 (test/fakes/wecom-sink.ts, test/fakes/sms-sinks.ts): the admin sets
 * up both channels (a bad gateway URL is refused next to its field), sends a test over each, edits the
 * booking SMS with its live preview (an unknown placeholder is caught as typed and by the server);
 * a customer books on a phone, gets the SMS with a short link and opens it; the log shows both messages
 * sent; a message the gateway refuses is sent again from the log.
 */
import type { Page } from "@playwright/test";
import { accounts, expect, hydrated, pickVisitDay, serviceDate, shot, signIn, test } from "./support/fixtures";
import { escapeRegExp, fmt, zh } from "./support/i18n";
import { startHttpSmsGateway, type HttpSmsGateway } from "../test/fakes/sms-sinks";
import { startWecomSink, type WecomSink } from "../test/fakes/wecom-sink";

test.describe.configure({ mode: "serial" });

const SMS_API_KEY = "e2e-sms-gateway-key-7f3a";
const TEST_MOBILE = "13800138000";
const EXTRA = "如需改约请致电 400-800-1234。";
const { notifications: n, integrations: ig, booking: b, track: tr, common: c, tickets: tk } = zh;

let wecom: WecomSink;
let gateway: HttpSmsGateway;

test.beforeAll(async () => {
  wecom = await startWecomSink();
  gateway = await startHttpSmsGateway({ apiKey: SMS_API_KEY });
});
test.afterAll(async () => {
  await wecom?.close();
  await gateway?.close();
});

/** What the story learns on the way. */
const story = {
  code: "",
  phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
  shortLink: "",
};

/** A channel's card, named by its heading (which also carries its state badge). */
const card = (page: Page, title: string) => page.getByRole("region", { name: new RegExp(`^${escapeRegExp(title)}`) });

test("an admin sets up WeChat Work and SMS, and a test message reaches each", async ({ openPage }) => {
  const t = n.channels;
  const page = await openPage("desktop");
  await signIn(page, accounts.admin, "/admin/config/notification-channels");
  await expect(page.getByRole("heading", { level: 2, name: t.title })).toBeVisible();
  // Nothing is set up yet: the page says what happens to messages meanwhile.
  await expect(page.getByText(t.active.noneTitle)).toBeVisible();
  await expect(page.getByText(fmt(t.active.noneBody, { status: n.status.no_channel }))).toBeVisible();
  await expect(page.getByRole("link", { name: ig.center.tabs.notificationTemplates, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: ig.center.tabs.notificationChannels, exact: true })).toHaveAttribute("aria-current", "page");
  await shot(page, "50-notification-channels-off");

  // WeChat Work: the webhook is a secret, not set yet.
  const wecomCard = card(page, t.wecom.title);
  const wecomSwitch = wecomCard.getByRole("switch", { name: t.wecom.enable });
  await hydrated(wecomSwitch);
  await wecomSwitch.check();
  await expect(wecomCard.getByText(t.secret.notSet)).toBeVisible();
  await wecomCard.getByLabel(t.wecom.webhook).fill(wecom.url);

  // SMS over the HTTP gateway; a URL that is neither https nor this machine is refused by the server.
  const smsCard = card(page, t.sms.title);
  await smsCard.getByRole("switch", { name: t.sms.enable }).check();
  await smsCard.getByLabel(t.sms.provider).selectOption("http");
  await smsCard.getByLabel(t.sms.signName).fill("ServiceHub");
  await smsCard.getByLabel(t.sms.url).fill("http://sms.example.com/send");
  await smsCard.getByLabel(t.sms.apiKey).fill(SMS_API_KEY);
  const save = page.getByRole("button", { name: zh.projectConfig.common.save });
  await save.click();
  const urlError = smsCard.getByText(/url must start with https:\/\//);
  await expect(urlError).toBeVisible();
  await expect(smsCard.getByLabel(t.sms.url)).toHaveAttribute("aria-invalid", "true");
  await expect(smsCard.getByLabel(t.sms.url)).toBeFocused();
  await shot(page, "51-notification-channels-field-error");

  await smsCard.getByLabel(t.sms.url).fill(gateway.url);
  await expect(urlError).toBeHidden();
  await save.click();
  const saved = fmt(t.saved, { channels: [n.channel.wecom, n.channel.sms].join(t.listSeparator) });
  await expect(page.getByText(saved)).toBeVisible();
  // Saved secrets show as set, never as their value; the webhook shows without its key.
  await expect(wecomCard.getByText(t.secret.set, { exact: true })).toBeVisible();
  await expect(smsCard.getByText(t.secret.set, { exact: true })).toBeVisible();
  await expect(smsCard.getByLabel(t.sms.apiKey)).toHaveValue("");
  await expect(page.locator("body")).not.toContainText(SMS_API_KEY);
  await expect(wecomCard.getByText(/key=••••/)).toBeVisible();
  await expect(wecomCard.getByText(t.state.active, { exact: true })).toBeVisible();
  await expect(smsCard.getByText(t.state.active, { exact: true })).toBeVisible();
  await expect(page.getByText(t.active.noneTitle)).toBeHidden();
  await shot(page, "52-notification-channels-saved");

  // A test over each channel: the provider's answer is shown, and the sinks got the messages.
  await wecomCard.getByRole("button", { name: t.test.button }).click();
  await expect(wecomCard.getByText(t.test.ok)).toBeVisible();
  await expect(wecomCard.getByRole("status").filter({ hasText: t.test.ok })).toContainText("ok");
  expect(wecom.received.filter((r) => r.ok)).toHaveLength(1);
  expect(JSON.stringify(wecom.received[0]!.body)).toContain("ServiceHub");

  await smsCard.getByRole("button", { name: t.test.button }).click();
  const to = smsCard.getByLabel(t.test.recipient.sms);
  await expect(to).toBeFocused();
  await to.fill(TEST_MOBILE);
  await shot(page, "53-notification-channels-sms-recipient");
  await smsCard.getByRole("button", { name: t.test.send, exact: true }).click();
  await expect(smsCard.getByText(t.test.ok)).toBeVisible();
  await expect(smsCard.getByText(/sms-1/)).toBeVisible(); // the gateway's message id
  const test = gateway.received.filter((r) => r.ok);
  expect(test).toHaveLength(1);
  expect(test[0]!.body!.to).toBe(TEST_MOBILE);
  expect(test[0]!.body!.sign_name).toBe("ServiceHub");
  expect(test[0]!.authorization).toBe(`Bearer ${SMS_API_KEY}`);
  await shot(page, "54-notification-channels-tested");
});

test("an admin edits the booking SMS with its live preview", async ({ openPage }) => {
  const t = n.editor;
  const page = await openPage("desktop");
  await signIn(page, accounts.admin, "/admin/config/notification-templates");
  await expect(page.getByRole("heading", { level: 2, name: n.templates.title })).toBeVisible();
  await expect(page.getByText(n.templates.pickTitle)).toBeVisible();

  const open = page.getByRole("button", {
    name: fmt(n.templates.open, { event: n.events.ticket.booked, channel: n.channel.sms, locale: n.locale["zh-CN"] }),
  });
  await hydrated(open);
  await open.click();
  const body = page.getByLabel(t.body);
  const preview = page.getByTestId("template-preview");
  await expect(body).toHaveValue(/\{\{tracking_link\}\}/);
  // The preview fills the placeholders with sample values.
  await expect(preview).toContainText("张伟您好，您的洗衣机维修预约已收到（TK20261202A7）");
  await expect(page.getByText(t.noProblems)).toBeVisible();

  // Typed text shows in the preview at once; a placeholder chip goes in at the cursor.
  const start = "{{customer_name}}您好，您的{{appliance}}维修预约已收到（{{ticket_code}}），{{appointment_date}} {{appointment_window}}。";
  await body.fill(`${start}${EXTRA}进度：`);
  await expect(preview).toContainText(EXTRA);
  await page
    .getByRole("button", { name: fmt(t.insert, { name: "{{tracking_link}}", label: n.placeholders.tracking_link }) })
    .click();
  await expect(body).toHaveValue(`${start}${EXTRA}进度：{{tracking_link}}`);
  await expect(preview).toContainText(`${EXTRA}进度：https://hub.example.com/s/K7m2Qx9p`);
  await shot(page, "55-notification-template-editor");

  // An unknown placeholder: named as it is typed, and refused by the server next to the message.
  await body.press("End");
  await body.pressSequentially(" {{technician}}");
  await expect(page.getByText(fmt(t.problems.unknown, { names: "{{technician}}" }))).toBeVisible();
  await page.getByRole("button", { name: t.save }).click();
  await expect(page.getByText(/^Unknown placeholder \{\{technician\}\}; ticket\.booked knows/)).toBeVisible();
  await expect(body).toHaveAttribute("aria-invalid", "true");
  await shot(page, "55b-notification-template-problem");

  await body.fill(`${start}${EXTRA}进度：{{tracking_link}}`);
  await expect(page.getByText(t.noProblems)).toBeVisible();
  await page.getByRole("button", { name: t.save }).click();
  await expect(page.getByText(t.saved)).toBeVisible();
  await expect(open).toContainText(n.templates.customised);
  await expect(page.getByRole("button", { name: t.reset })).toBeVisible();
  await shot(page, "55c-notification-template-saved");

  // An e-mail template has a subject; one switch turns the event off on a channel, in both languages.
  await page
    .getByRole("button", {
      name: fmt(n.templates.open, { event: n.events.project.status_changed, channel: n.channel.email, locale: n.locale["zh-CN"] }),
    })
    .click();
  await expect(page.getByLabel(t.subject)).toHaveValue(/\{\{project_title\}\}/);
  await expect(preview).toContainText("项目【空调销售商机】状态已更新为已发货");
  await expect(page.getByLabel(t.templateCode)).toHaveCount(0);
  const emailSwitch = page.getByRole("switch", {
    name: new RegExp(
      `^${escapeRegExp(fmt(n.templates.switchEvent, { event: n.events.project.status_changed }).trim())}\\s*${escapeRegExp(fmt(n.templates.sendVia, { channel: n.channel.email }))}$`,
    ),
  });
  await expect(emailSwitch).toBeChecked();
  await emailSwitch.click();
  await expect(page.getByText(n.templates.off, { exact: true })).toBeVisible();
  await shot(page, "55d-notification-template-email");
  await page.reload();
  await hydrated(emailSwitch);
  await expect(emailSwitch).not.toBeChecked();
  await emailSwitch.click();
  await expect(emailSwitch).toBeChecked();
});

test("a customer books on a phone, gets the SMS with a short link and opens it", async ({ openPage }) => {
  const page = await openPage("phone");
  await page.goto("/booking");
  const city = page.getByLabel(b.fields.city);
  await hydrated(city);
  await page.getByLabel(b.fields.name).fill("测试 林先生");
  await page.getByLabel(b.fields.phone).fill(story.phone);
  await city.selectOption("上海市");
  await page.getByLabel(b.fields.district).selectOption("浦东新区");
  await page.getByLabel(b.fields.address).fill("张江路 88 号 3 楼");
  await page.getByLabel(b.fields.appliance).selectOption({ label: c.appliance.range_hood });
  await page.getByLabel(b.fields.issue).fill("吸力变小，噪音很大。");
  await pickVisitDay(page, serviceDate(2));
  const slots = page.getByRole("group", { name: b.fields.slot });
  const freeCard = slots.locator("label").filter({ has: page.getByRole("radio", { disabled: false }) }).first();
  await freeCard.click();
  await page.getByRole("button", { name: b.submit, exact: true }).click();
  await page.waitForURL(/\/track\/[\w.-]+\?booked=new$/, { timeout: 30_000 });
  const success = page.getByRole("region", { name: b.success.title });
  await expect(success.getByRole("heading", { name: b.success.title })).toBeVisible();
  story.code = (await success.getByText(/^TK\d{6}[0-9A-Z]{5}$/).innerText()).trim();
  await shot(page, "56-booking-success-phone");

  // The booking SMS reaches the gateway, in the admin's wording, with a short link.
  await expect
    .poll(() => gateway.received.find((r) => r.ok && r.body?.text.includes(story.code))?.body?.text ?? "", { timeout: 30_000 })
    .toContain(EXTRA);
  const sms = gateway.received.find((r) => r.ok && r.body?.text.includes(story.code))!.body!;
  expect(sms.to).toBe(story.phone);
  expect(sms.text).toContain("油烟机");
  const link = /http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9]{10}/.exec(sms.text)?.[0] ?? "";
  expect(link, `a short link in: ${sms.text}`).not.toBe("");
  expect(link.length).toBeLessThanOrEqual(60);
  expect(sms.params.tracking_link).toBe(link);
  story.shortLink = link;
  // The staff group heard of it too.
  await expect
    .poll(() => wecom.received.some((r) => r.ok && JSON.stringify(r.body).includes(story.code)), { timeout: 30_000 })
    .toBe(true);

  // The customer taps the link: the tracking page of this ticket.
  await page.goto(story.shortLink);
  await page.waitForURL(/\/track\/[\w.-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: tr.title })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(story.code);
  await shot(page, "56b-short-link-tracking-phone");
});

test("the log shows both messages sent, and a refused one is sent again", async ({ openPage }) => {
  const t = n.log;
  const page = await openPage("desktop");
  await signIn(page, accounts.admin, "/admin/notifications");
  await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
  await expect(page.getByRole("link", { name: n.nav, exact: true })).toHaveAttribute("aria-current", "page");

  const search = page.getByLabel(t.filters.subject);
  await hydrated(search);
  await search.fill(story.code);
  await page.getByRole("button", { name: t.filters.search }).click();
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  const smsRow = rows.filter({ hasText: n.events.ticket.booked });
  const staffRow = rows.filter({ hasText: n.events.ticket.booked_staff });
  await expect(smsRow).toContainText(n.status.sent);
  await expect(smsRow).toContainText(n.channel.sms);
  await expect(smsRow).toContainText(`${story.phone.slice(0, 3)}****${story.phone.slice(-4)}`);
  await expect(staffRow).toContainText(n.status.sent);
  await expect(staffRow).toContainText(n.channel.wecom);
  await expect(page.getByRole("tab", { name: new RegExp(`^${n.status.sent}\\s*2$`) })).toBeVisible();
  await shot(page, "57-notifications-log");

  // The message as sent, its short link hidden.
  await smsRow.getByRole("button", { name: n.events.ticket.booked }).click();
  const detail = page.getByRole("dialog", { name: n.detail.title });
  await expect(detail).toContainText(EXTRA);
  await expect(detail).toContainText("/s/••••••");
  await expect(detail).not.toContainText(story.shortLink);
  await expect(detail.getByText(n.detail.providerMessage)).toBeVisible();
  await shot(page, "57b-notification-detail");
  await page.keyboard.press("Escape");
  await expect(detail).toBeHidden();

  // The gateway refuses the next message: confirming the ticket sends one, which gives up at once.
  gateway.failNext({ status: 400, body: { error: "template not approved" } });
  await page.goto(`/admin/tickets?q=${story.code}`);
  await page.getByRole("table").getByRole("link", { name: story.code }).click();
  const confirm = page.getByRole("button", { name: tk.actions.confirm, exact: true });
  await hydrated(confirm);
  await confirm.click();
  await expect(page.getByText(fmt(tk.outcome.confirm, { code: story.code }))).toBeVisible();

  // Delivery runs beside the request: wait until the message has settled before opening the log.
  await expect
    .poll(async () => (await (await page.request.get(`/api/notifications?status=dead&subject=${story.code}`)).json()).total, { timeout: 30_000 })
    .toBe(1);
  await page.goto("/admin/notifications");
  const deadTab = page.getByRole("tab", { name: new RegExp(`^${n.status.dead}`) });
  await hydrated(deadTab);
  await deadTab.click();
  await expect(deadTab).toHaveAttribute("aria-selected", "true");
  const deadRow = page
    .getByRole("table")
    .locator("tbody tr")
    .filter({ hasText: n.events.ticket.confirmed })
    .filter({ hasText: story.code });
  await expect(deadRow).toBeVisible({ timeout: 30_000 });
  await expect(deadRow).toContainText(n.status.dead);
  await expect(deadRow).toContainText("HTTP 400");
  await expect(deadRow).toContainText("1/");
  await shot(page, "58-notifications-dead");

  await deadRow.getByRole("button", { name: n.retry.button }).click();
  const ask = page.getByRole("dialog", { name: n.retry.title });
  await expect(ask).toContainText(n.events.ticket.confirmed);
  await shot(page, "58b-notification-retry-confirm");
  await ask.getByRole("button", { name: n.retry.confirm }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByText(fmt(n.retry.doneFor, { event: n.events.ticket.confirmed, recipient: `${story.phone.slice(0, 3)}****${story.phone.slice(-4)}` }))).toBeVisible();

  // Sent this time: it leaves the "gave up" tab and shows as sent under "all".
  await page.getByRole("tab", { name: new RegExp(`^${t.all}`) }).click();
  const retried = page
    .getByRole("table")
    .locator("tbody tr")
    .filter({ hasText: n.events.ticket.confirmed })
    .filter({ hasText: story.code });
  await expect(retried).toContainText(n.status.sent, { timeout: 30_000 });
  expect(gateway.received.filter((r) => r.ok && r.body?.text.includes(story.code))).toHaveLength(2);
  await shot(page, "58c-notifications-after-retry");
});

test("the log works on a phone", async ({ openPage }) => {
  const page = await openPage("phone");
  await signIn(page, accounts.admin, "/admin/notifications");
  const list = page.getByRole("list", { name: n.log.tableCaption });
  await expect(list).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: story.code }).first()).toBeVisible();
  await expect(page.getByRole("table")).toBeHidden();
  // Nothing is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "59-notifications-phone");

  await list.getByRole("listitem").filter({ hasText: story.code }).first().getByRole("button").first().click();
  await expect(page.getByRole("dialog", { name: n.detail.title })).toBeVisible();
  await shot(page, "59b-notification-detail-phone");
});

test("both config tabs fit a phone", async ({ openPage }) => {
  const page = await openPage("phone");
  await signIn(page, accounts.admin, "/admin/config/notification-channels");
  await expect(page.getByRole("heading", { level: 2, name: n.channels.title })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "59c-notification-channels-phone");

  await page.goto("/admin/config/notification-templates");
  await expect(page.getByRole("heading", { level: 2, name: n.templates.title })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "59d-notification-templates-phone");
});
