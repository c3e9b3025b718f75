import { Writable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, notifications, shortLinks } from "@/db/schema";
import { getTrackingView } from "@/lib/tickets/tracking";
import { checkAccessToken } from "@/lib/projects/access-links";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { createLogger, setLogger } from "@/lib/logger";
import { deliverDueNotifications, deliverNotification, retryDelaySeconds } from "@/lib/notifications/delivery";
import { fanOutTicketChange } from "@/lib/notifications/fan-out";
import { resolveShortLink } from "@/lib/notifications/short-links";
import { runProjectSync } from "@/lib/projects/project-sync";
import { cancelTicket } from "@/lib/tickets/transitions";
import { withTestDatabase } from "@/test/db";
import { startHttpSmsGateway, type HttpSmsGateway } from "@/test/fakes/sms-sinks";
import { startSmtpSink, type SmtpSink } from "@/test/fakes/smtp-sink";
import { startWecomSink, type WecomSink } from "@/test/fakes/wecom-sink";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { api, type Json } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { startProjectLibrary } from "@/test/projects";
import { createApiWorld, freshTicket, type ApiWorld } from "./support";

/**
 * Notifications end to end: channels configured over the API against real local sinks (a WeChat Work
 * bot, an SMS gateway, an SMTP server), ticket transitions and a project status change producing
 * exactly the messages they should — once per recipient and channel, whatever runs twice or dies —
 * retries, dead letters, manual retry, templates, short links, and no secret in any answer or log.
 */

withTestDatabase();
withApiServer();

const SMS_KEY = "sms-gateway-key-9f8e7d6c5b4a";
const SMTP_PASSWORD = "smtp-password-Zx81!";
const WECOM_KEY = "wecom-bot-key-3c2b1a";

let world: ApiWorld;
let wecom: WecomSink;
let sms: HttpSmsGateway;
let smtp: SmtpSink;
const logLines: string[] = [];
const asAdmin = () => ({ token: world.admin.token });

async function saveChannels(json: Json) {
  const res = await api("PUT", "/api/config/notification-channels", { ...asAdmin(), json });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function rowsFor(subjectRef: string) {
  const db = await getDb();
  return db.select().from(notifications).where(eq(notifications.subjectRef, subjectRef)).orderBy(notifications.createdAt, notifications.event);
}

const smsTo = (phone: string) => sms.received.filter((r) => r.ok && r.body?.to === phone);
const shortLinkIn = (text: string) => text.match(/https?:\/\/\S+\/s\/[A-Za-z0-9]{10}/)?.[0] ?? null;

beforeAll(async () => {
  setLogger(
    createLogger(
      new Writable({
        write(chunk, _e, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
      "debug",
    ),
  );
  world = await createApiWorld();
  [wecom, sms, smtp] = await Promise.all([
    startWecomSink({ key: WECOM_KEY }),
    startHttpSmsGateway({ apiKey: SMS_KEY }),
    startSmtpSink({ user: "hub", password: SMTP_PASSWORD }),
  ]);
});
afterAll(async () => {
  await settleJobs();
  setLogger(undefined);
  await Promise.all([wecom?.close(), sms?.close(), smtp?.close()]);
});

describe("with no channel configured (the embedded default)", () => {
  it("records the rendered message as 'no channel configured', readable in the log", async () => {
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    const rows = await rowsFor(t.booking.code);
    expect(rows.map((r) => [r.event, r.channel, r.status])).toEqual([
      ["ticket.booked", "sms", "no_channel"],
      ["ticket.booked_staff", "wecom", "no_channel"],
    ]);
    const res = await api("GET", `/api/notifications?subject=${t.booking.code}`, asAdmin());
    expect(res.status).toBe(200);
    const booked = res.body.items.find((i: Json) => i.event === "ticket.booked");
    expect(booked).toMatchObject({ status: "no_channel", last_error: "No channel configured", recipient_role: "customer" });
    expect(booked.rendered_text).toContain(t.booking.code);
    // The customer's key is not in the log: the short link shows as sent, without its code.
    expect(booked.rendered_text).toMatch(/\/s\/••••••/);
    expect(booked.recipient).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });
});

describe("channel settings", () => {
  it("saves the three channels; secrets are sealed, never answered, and audited as changed", async () => {
    const body = await saveChannels({
      wecom: { enabled: true, webhook_url: wecom.url },
      sms: { enabled: true, provider: "http", sign_name: "ServiceHub", url: sms.url, api_key: SMS_KEY },
      email: { enabled: true, host: "127.0.0.1", port: smtp.port, secure: false, user: "hub", password: SMTP_PASSWORD, from: "ServiceHub <noreply@servicehub.local>" },
    });
    expect(body.active).toEqual({ wecom: true, sms: true, email: true });
    expect(body.wecom).toMatchObject({ webhook_url_set: true, webhook_url: expect.stringContaining("key=••••") });
    expect(body.sms).toMatchObject({ api_key_set: true, provider: "http" });
    expect(body.email).toMatchObject({ password_set: true, user: "hub" });
    const get = await api("GET", "/api/config/notification-channels", asAdmin());
    for (const text of [JSON.stringify(body), JSON.stringify(get.body)]) {
      for (const secret of [SMS_KEY, SMTP_PASSWORD, WECOM_KEY]) expect(text).not.toContain(secret);
    }
    const db = await getDb();
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.updated"), eq(auditLog.targetId, "notification_channels")));
    expect(audit!.details).toMatchObject({ changed: { "sms.api_key": "changed", "email.password": "changed", "wecom.webhook_url": "changed" } });
    expect(JSON.stringify(audit)).not.toContain(SMS_KEY);
  });

  it("a channel left out is unchanged, and an empty secret keeps the saved one", async () => {
    const body = await saveChannels({ email: { port: smtp.port } });
    expect(body.changed).toEqual([]);
    expect(body.active).toEqual({ wecom: true, sms: true, email: true });
  });

  it("an enabled channel must be complete: 422 naming the missing field, nothing saved", async () => {
    const res = await api("PUT", "/api/config/notification-channels", {
      ...asAdmin(),
      json: { sms: { provider: "aliyun" } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: Json) => f.path)).toEqual(["sms.access_key_id", "sms.access_key_secret"]);
    const get = await api("GET", "/api/config/notification-channels", asAdmin());
    expect(get.body.sms.provider).toBe("http");
  });

  it("sends a test message per channel and answers with the provider's words", async () => {
    const w = await api("POST", "/api/config/notification-channels/wecom/test", { ...asAdmin(), json: {} });
    expect(w.body).toMatchObject({ ok: true });
    expect(wecom.received.at(-1)!.body).toMatchObject({ msgtype: "markdown" });
    const s = await api("POST", "/api/config/notification-channels/sms/test", { ...asAdmin(), json: { to: "13800138000" } });
    expect(s.body).toMatchObject({ ok: true });
    expect(sms.received.at(-1)!.body).toMatchObject({ to: "13800138000", sign_name: "ServiceHub" });
    expect(sms.received.at(-1)!.authorization).toBe(`Bearer ${SMS_KEY}`);
    const e = await api("POST", "/api/config/notification-channels/email/test", { ...asAdmin(), json: { to: "ops@example.com" } });
    expect(e.body).toMatchObject({ ok: true, message: expect.stringMatching(/^E-mail: 250/) });
    expect(smtp.received.at(-1)).toMatchObject({ to: ["ops@example.com"], user: "hub" });
    const bad = await api("POST", "/api/config/notification-channels/sms/test", { ...asAdmin(), json: { to: "12345" } });
    expect(bad.status).toBe(422);
  });
});

describe("tickets: who is told what, once", () => {
  it("booking → the customer's SMS with a short tracking link that opens their ticket, and the staff group", async () => {
    const before = wecom.received.length;
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    const rows = await rowsFor(t.booking.code);
    expect(rows.map((r) => [r.event, r.status])).toEqual([
      ["ticket.booked", "sent"],
      ["ticket.booked_staff", "sent"],
    ]);
    const customerSms = sms.received.filter((r) => r.body?.text.includes(t.booking.code));
    expect(customerSms).toHaveLength(1);
    // The gateway gets the message's id, the same on every attempt, to drop a resend.
    expect((customerSms[0]!.body as { id?: string }).id).toBe(rows[0]!.id);
    const link = shortLinkIn(customerSms[0]!.body!.text)!;
    expect(link).toBeTruthy();
    expect(link.length).toBeLessThanOrEqual(60);
    const path = await resolveShortLink(link.split("/s/")[1]!, { ip: "10.9.9.9" });
    expect(path).toMatch(/^\/track\//);
    const view = await getTrackingView(path!.slice("/track/".length), { ip: "10.9.9.9" });
    expect(view.code).toBe(t.booking.code);
    // The staff group: one markdown message naming the ticket.
    const group = wecom.received.slice(before).filter((r) => JSON.stringify(r.body).includes(t.booking.code));
    expect(group).toHaveLength(1);
    expect(group[0]!.body).toMatchObject({ msgtype: "markdown" });
  });

  it("confirm, assign (customer and technician), start (nothing), complete: one message each", async () => {
    const t = await freshTicket("COMPLETED", world);
    await settleJobs();
    const rows = await rowsFor(t.booking.code);
    expect(rows.map((r) => [r.event, r.channel, r.recipientRole, r.status]).sort()).toEqual(
      [
        ["ticket.assigned", "sms", "customer", "sent"],
        ["ticket.assigned_technician", "sms", "technician", "sent"],
        ["ticket.booked", "sms", "customer", "sent"],
        ["ticket.booked_staff", "wecom", "staff", "sent"],
        ["ticket.completed", "sms", "customer", "sent"],
        ["ticket.confirmed", "sms", "customer", "sent"],
      ].sort(),
    );
    const technicianSms = sms.received.filter((r) => r.body?.text.includes(t.booking.code) && !r.body.to.startsWith("138"));
    expect(technicianSms.length).toBeGreaterThanOrEqual(1);
    // Every message for this ticket reached the gateway exactly once.
    expect(sms.received.filter((r) => r.ok && r.body?.text.includes(t.booking.code))).toHaveLength(5);
  });

  it("cancel → the customer and the staff group; the customer never sees a staff reason", async () => {
    const t = await freshTicket("CONFIRMED", world);
    await cancelTicket(t.id, t.version, "internal: duplicate of another ticket", world.admin);
    await settleJobs();
    const rows = await rowsFor(t.booking.code);
    expect(rows.filter((r) => r.event.startsWith("ticket.canceled")).map((r) => [r.event, r.status])).toEqual([
      ["ticket.canceled", "sent"],
      ["ticket.canceled_staff", "sent"],
    ]);
    const customer = rows.find((r) => r.event === "ticket.canceled")!;
    expect(customer.renderedText).not.toContain("internal");
    const staff = rows.find((r) => r.event === "ticket.canceled_staff")!;
    expect(staff.renderedText).toContain("internal: duplicate");
  });

  it("an event consumed twice, and a delivery run twice, still send once", async () => {
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    const sentBefore = sms.received.length;
    const rows = await rowsFor(t.booking.code);
    // The same ticket/status.changed again: no new row.
    const again = await fanOutTicketChange({
      ticketId: t.id,
      code: t.booking.code,
      action: "booked",
      from: null,
      to: "BOOKED",
      version: 1,
      actor: { type: "customer", label: "customer" },
      at: new Date().toISOString(),
    });
    expect(again).toEqual([]);
    // Both deliveries of a sent row find nothing to do.
    const twice = await Promise.all(rows.map((r) => deliverNotification(r.id)).concat(rows.map((r) => deliverNotification(r.id))));
    expect(new Set(twice.map((d) => d.status))).toEqual(new Set(["not_due"]));
    expect(sms.received.length).toBe(sentBefore);
    expect(await rowsFor(t.booking.code)).toHaveLength(rows.length);
  });

  it("two deliveries racing on a pending row send it once", async () => {
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    const [row] = await rowsFor(t.booking.code);
    const db = await getDb();
    await db.update(notifications).set({ status: "pending", attempts: 0, sentAt: null }).where(eq(notifications.id, row!.id));
    const before = smsTo(sms.received.at(-1)!.body!.to).length;
    const results = await Promise.all([deliverNotification(row!.id), deliverNotification(row!.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(["not_due", "sent"]);
    expect(smsTo(sms.received.at(-1)!.body!.to).length).toBe(before + 1);
  });

  it("a process killed mid-send: the lease runs out and the sweep sends the row once", async () => {
    const t = await freshTicket("CONFIRMED", world);
    const db = await getDb();
    // The fan-out committed; the sender "died" after claiming, before the provider saw anything.
    await settleJobs();
    const confirmed = (await rowsFor(t.booking.code)).find((r) => r.event === "ticket.confirmed")!;
    await db
      .update(notifications)
      .set({ status: "sending", claimedUntil: sql`now() - interval '1 second'`, attempts: 1, sentAt: null })
      .where(eq(notifications.id, confirmed.id));
    const gatewayBefore = sms.received.filter((r) => r.body?.text.includes(t.booking.code)).length;
    const sweep = await deliverDueNotifications();
    expect(sweep.sent).toBeGreaterThanOrEqual(1);
    const [after] = await db.select().from(notifications).where(eq(notifications.id, confirmed.id));
    expect(after).toMatchObject({ status: "sent", attempts: 2 });
    expect(sms.received.filter((r) => r.body?.text.includes(t.booking.code)).length).toBe(gatewayBefore + 1);
  });

  it("a reassignment tells the new technician and the customer", async () => {
    const t = await freshTicket("ASSIGNED", world);
    await settleJobs();
    const { assignTicket } = await import("@/lib/tickets/transitions");
    await assignTicket(t.id, { version: t.version, technician_id: world.otherTech.id }, world.admin);
    await settleJobs();
    const rows = await rowsFor(t.booking.code);
    expect(rows.filter((r) => r.event === "ticket.assigned_technician")).toHaveLength(2);
    expect(rows.filter((r) => r.event === "ticket.assigned")).toHaveLength(2);
  });
});

describe("retries, dead letters and manual retry", () => {
  beforeEach(async () => {
    await saveChannels({ delivery: { max_attempts: 3 } });
  });

  const due = async (id: string) => {
    const db = await getDb();
    await db.update(notifications).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(notifications.id, id));
  };

  it("a failing gateway: retried with backoff, dead after max attempts with its error, then a manual retry delivers", async () => {
    sms.failNext({ status: 503, body: { message: "gateway down" }, times: 3 });
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    const row = (await rowsFor(t.booking.code)).find((r) => r.event === "ticket.booked")!;
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toMatch(/503/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    await due(row.id);
    expect((await deliverNotification(row.id)).status).toBe("failed");
    await due(row.id);
    expect((await deliverNotification(row.id)).status).toBe("dead");
    const dead = await api("GET", `/api/notifications/${row.id}`, asAdmin());
    expect(dead.body).toMatchObject({ status: "dead", attempts: 3, max_attempts: 3, last_error: expect.stringMatching(/503/) });
    const counts = await api("GET", "/api/notifications?status=dead", asAdmin());
    expect(counts.body.counts.dead).toBeGreaterThanOrEqual(1);
    expect(counts.body.items.map((i: Json) => i.id)).toContain(row.id);

    const retried = await api("POST", `/api/notifications/${row.id}/retry`, asAdmin());
    expect(retried.status).toBe(200);
    await settleJobs();
    const after = await api("GET", `/api/notifications/${row.id}`, asAdmin());
    expect(after.body).toMatchObject({ status: "sent", attempts: 1 });
    expect(sms.received.filter((r) => r.ok && r.body?.text.includes(t.booking.code))).toHaveLength(1);
    // A sent message is not retried again.
    expect((await api("POST", `/api/notifications/${row.id}/retry`, asAdmin())).status).toBe(409);
  });

  it("WeChat Work 45009 (over the bot's limit) waits at least a minute; HTTP 429 honours Retry-After", async () => {
    wecom.failNext(45009);
    const a = await freshTicket("BOOKED", world);
    await settleJobs();
    const staffRow = (await rowsFor(a.booking.code)).find((r) => r.event === "ticket.booked_staff")!;
    expect(staffRow.status).toBe("failed");
    expect(staffRow.lastError).toMatch(/45009/);
    expect(staffRow.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 55_000);

    sms.failNext({ status: 429, retryAfterSeconds: 300 });
    const b = await freshTicket("BOOKED", world);
    await settleJobs();
    const smsRow = (await rowsFor(b.booking.code)).find((r) => r.event === "ticket.booked")!;
    expect(smsRow.status).toBe("failed");
    expect(smsRow.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 290_000);
    // The sweep leaves them alone until then …
    await deliverDueNotifications();
    expect((await rowsFor(b.booking.code)).find((r) => r.id === smsRow.id)!.status).toBe("failed");
    // … and sends them once due.
    await due(smsRow.id);
    await due(staffRow.id);
    await deliverDueNotifications();
    const rows = [...(await rowsFor(a.booking.code)), ...(await rowsFor(b.booking.code))];
    expect(rows.find((r) => r.id === smsRow.id)!.status).toBe("sent");
    expect(rows.find((r) => r.id === staffRow.id)!.status).toBe("sent");
  });

  it("backoff doubles from 30 s to an hour with jitter, never under the provider's wait", () => {
    expect(retryDelaySeconds(1, undefined, () => 0.5)).toBe(30);
    expect(retryDelaySeconds(3, undefined, () => 0.5)).toBe(120);
    expect(retryDelaySeconds(20, undefined, () => 0.5)).toBe(3600);
    expect(retryDelaySeconds(1, undefined, () => 0)).toBe(24);
    expect(retryDelaySeconds(1, 600, () => 0.5)).toBe(600);
  });
});

describe("templates", () => {
  it("lists every event × channel × locale with placeholders; an unknown placeholder is refused with the known ones", async () => {
    const list = await api("GET", "/api/notification-templates", asAdmin());
    expect(list.status).toBe(200);
    expect(list.body.results).toHaveLength(22);
    const bad = await api("PUT", "/api/notification-templates/ticket.booked:sms:zh-CN", {
      ...asAdmin(),
      json: { body: "您好 {{custmer_name}}" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("{{custmer_name}}");
    expect(bad.body.error.message).toContain("{{customer_name}}");
  });

  it("an edited template is what the next message says; preview renders samples; reset goes back", async () => {
    const put = await api("PUT", "/api/notification-templates/ticket.booked:sms:zh-CN", {
      ...asAdmin(),
      json: { body: "【预约】{{ticket_code}} 已收到，{{tracking_link}}", template_code: "SMS_100200300" },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ is_default: false, template_code: "SMS_100200300" });
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    const got = sms.received.filter((r) => r.body?.text.includes(t.booking.code));
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toMatchObject({ template_code: "SMS_100200300", params: { ticket_code: t.booking.code } });
    expect(got[0]!.body!.text).toMatch(/^【预约】/);

    const preview = await api("POST", "/api/notification-templates/preview", {
      ...asAdmin(),
      json: { event: "ticket.booked", channel: "sms", locale: "en", body: "Hi {{customer_name}} {{nope}}" },
    });
    expect(preview.body).toMatchObject({ text: "Hi Wei Zhang ", problems: [expect.stringContaining("{{nope}}")] });

    const reset = await api("PUT", "/api/notification-templates/ticket.booked:sms:zh-CN", { ...asAdmin(), json: { reset: true } });
    expect(reset.body).toMatchObject({ is_default: true });
  });

  it("switching an event off on a channel writes no message for it", async () => {
    const off = await api("PUT", "/api/notification-templates/ticket.booked_staff:wecom:zh-CN", { ...asAdmin(), json: { enabled: false } });
    expect(off.body.enabled).toBe(false);
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    expect((await rowsFor(t.booking.code)).map((r) => r.event)).toEqual(["ticket.booked"]);
    await api("PUT", "/api/notification-templates/ticket.booked_staff:wecom:zh-CN", { ...asAdmin(), json: { enabled: true } });
  });
});

describe("projects: only a real status change, over the configured channels", () => {
  let library: FakeProjectLibrary;
  beforeAll(async () => {
    ({ fake: library } = await startProjectLibrary(world.admin, { projects: 4 }));
    await api("POST", "/api/config/project-sync", { ...asAdmin(), json: { notify_on_change: true, notify_channels: ["wechat", "sms", "email"] } });
    await runProjectSync({ sync_type: "manual", force: true }, "zh-CN");
    await settleJobs();
  });
  afterAll(async () => library?.close());

  it("first sight and an unchanged sync send nothing", async () => {
    await runProjectSync({ sync_type: "manual", force: false }, "zh-CN");
    await settleJobs();
    const db = await getDb();
    const rows = await db.select().from(notifications).where(eq(notifications.subjectType, "project"));
    expect(rows).toEqual([]);
  });

  it("a change: the customer by SMS with their own short link, the group with @mentions, e-mail to staff with an address", async () => {
    // An after-sales project: its engineer has a mobile (the @mention) and an e-mail.
    const projectId = library.state
      .ids()
      .find((id) => library.state.project(id)!.type === "aftersales" && library.state.project(id)!.phone)!;
    expect(projectId).toBeTruthy();
    library.state.advanceClock(60);
    const before = library.state.project(projectId)!;
    library.state.setStatus(projectId, before.status === "shipped" ? "completed" : "shipped");
    const wecomBefore = wecom.received.length;
    await runProjectSync({ sync_type: "manual", force: false }, "zh-CN");
    await settleJobs();
    const rows = await rowsFor(projectId);
    const summary = rows.map((r) => [r.channel, r.recipientRole, r.status]);
    expect(summary).toContainEqual(["sms", "customer", "sent"]);
    expect(summary).toContainEqual(["wecom", "staff", "sent"]);
    const customerRow = rows.find((r) => r.channel === "sms")!;
    const text = customerRow.renderedText!;
    const link = shortLinkIn(text)!;
    expect(link.length).toBeLessThanOrEqual(60);
    const path = await resolveShortLink(link.split("/s/")[1]!, { ip: "10.9.9.8" });
    expect(path).toMatch(new RegExp(`^/project/${projectId}\\?token=`));
    const access = await checkAccessToken(decodeURIComponent(path!.split("token=")[1]!), projectId);
    expect(access).toMatchObject({ ok: true });
    // The group got the markdown, then the @mention of the staff's mobiles.
    const group = wecom.received.slice(wecomBefore);
    expect(group.map((r) => r.body?.msgtype)).toEqual(["markdown", "text"]);
    expect((group[1]!.body as { text: { mentioned_mobile_list: string[] } }).text.mentioned_mobile_list.length).toBeGreaterThan(0);
    const emails = rows.filter((r) => r.channel === "email");
    for (const e of emails) expect(e.status).toBe("sent");
    expect(smtp.received.filter((m) => m.subject?.includes(library.state.project(projectId)!.title)).length).toBe(emails.length);

    // The same change seen again (a refresh, a resync) sends nothing more.
    await runProjectSync({ sync_type: "manual", force: true }, "zh-CN");
    await settleJobs();
    expect(await rowsFor(projectId)).toHaveLength(rows.length);
  });
});

describe("secrets", () => {
  it("never appear in the log", async () => {
    await settleJobs();
    const log = logLines.join("");
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [SMS_KEY, SMTP_PASSWORD, WECOM_KEY]) expect(log).not.toContain(secret);
  });

  it("short links are stored hashed", async () => {
    const db = await getDb();
    const rows = await db.select().from(shortLinks).limit(5);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
