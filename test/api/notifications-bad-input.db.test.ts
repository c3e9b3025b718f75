import { beforeAll } from "vitest";
import { withTestDatabase } from "@/test/db";
import { createStaff } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { describeBadInputs, insertDeadNotification, invalid, type BadInput } from "./support";

/**
 * Bad input to the notification endpoints: bad URLs, ports, addresses, template bodies and ids. Each
 * is a clear 4xx in the one error shape naming its field, and writes nothing — no setting, template,
 * notification or audit entry.
 */

withTestDatabase();
withApiServer();

let token: string;
beforeAll(async () => {
  token = (await createStaff("admin")).token;
  await insertDeadNotification();
});

const as = () => ({ token });
const channels = (json: unknown) => api("PUT", "/api/config/notification-channels", { ...as(), json });
const template = (id: string, json: unknown) => api("PUT", `/api/notification-templates/${id}`, { ...as(), json });
const preview = (json: unknown) => api("POST", "/api/notification-templates/preview", { ...as(), json });
const ok = { event: "ticket.booked", channel: "sms", locale: "zh-CN", body: "{{ticket_code}}" };

const badInputs: BadInput[] = [
  // PUT /api/config/notification-channels
  invalid("an empty body", ["(root)"], () => channels({})),
  invalid("an unknown channel", ["fax"], () => channels({ fax: { enabled: true } })),
  invalid("a webhook URL that is not a URL", ["wecom.webhook_url"], () => channels({ wecom: { webhook_url: "qyapi webhook" } })),
  invalid("a plain-http webhook on another host", ["wecom.webhook_url"], () =>
    channels({ wecom: { webhook_url: "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x" } }),
  ),
  invalid("a webhook URL with a password in it", ["wecom.webhook_url"], () =>
    channels({ wecom: { webhook_url: "https://user:pass@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x" } }),
  ),
  invalid("a javascript: webhook", ["wecom.webhook_url"], () => channels({ wecom: { webhook_url: "javascript:alert(1)" } })),
  invalid("a 600-character webhook URL", ["wecom.webhook_url"], () =>
    channels({ wecom: { webhook_url: `https://qyapi.weixin.qq.com/${"a".repeat(600)}` } }),
  ),
  invalid("enabling the bot without a webhook", ["wecom.webhook_url"], () => channels({ wecom: { enabled: true } })),
  invalid("enabled as a string", ["wecom.enabled"], () => channels({ wecom: { enabled: "yes" } })),
  invalid("an unknown SMS provider", ["sms.provider"], () => channels({ sms: { provider: "twilio" } })),
  invalid("an access key id with symbols", ["sms.access_key_id"], () => channels({ sms: { access_key_id: "LTAI/../x" } })),
  invalid("a gateway URL that is ftp", ["sms.url"], () => channels({ sms: { url: "ftp://sms.example.com/send" } })),
  invalid("an Aliyun endpoint that is not a URL", ["sms.endpoint"], () => channels({ sms: { endpoint: "dysmsapi" } })),
  invalid("enabling the http gateway without URL and key", ["sms.url", "sms.api_key"], () =>
    channels({ sms: { enabled: true, provider: "http", sign_name: "Hub" } }),
  ),
  invalid("a 60-character sign name", ["sms.sign_name"], () => channels({ sms: { sign_name: "签".repeat(60) } })),
  invalid("an unknown SMS field", ["sms.password"], () => channels({ sms: { password: "x" } })),
  invalid("port 0", ["email.port"], () => channels({ email: { port: 0 } })),
  invalid("port 70000", ["email.port"], () => channels({ email: { port: 70000 } })),
  invalid("port 25.5", ["email.port"], () => channels({ email: { port: 25.5 } })),
  invalid("port as text", ["email.port"], () => channels({ email: { port: "587" } })),
  invalid("a host with a scheme", ["email.host"], () => channels({ email: { host: "smtp://mail.example.com" } })),
  invalid("a host with a space", ["email.host"], () => channels({ email: { host: "mail example.com" } })),
  invalid("a from that is not an address", ["email.from"], () => channels({ email: { from: "ServiceHub" } })),
  invalid("a from with two @", ["email.from"], () => channels({ email: { from: "a@@example.com" } })),
  invalid("a from that smuggles a header", ["email.from"], () =>
    channels({ email: { from: "ServiceHub\r\nBcc: all@example.com <noreply@example.com>" } }),
  ),
  invalid("enabling e-mail without host and from", ["email.host", "email.from"], () => channels({ email: { enabled: true } })),
  invalid("max_attempts 0", ["delivery.max_attempts"], () => channels({ delivery: { max_attempts: 0 } })),
  invalid("max_attempts 21", ["delivery.max_attempts"], () => channels({ delivery: { max_attempts: 21 } })),
  invalid("a message language of fr", ["delivery.locale"], () => channels({ delivery: { locale: "fr" } })),

  // POST /api/config/notification-channels/{channel}/test
  invalid("a test on an unknown channel", ["channel"], () => api("POST", "/api/config/notification-channels/fax/test", { ...as(), json: {} })),
  invalid("a test with an unknown field", ["message"], () =>
    api("POST", "/api/config/notification-channels/sms/test", { ...as(), json: { message: "hi" } }),
  ),
  {
    name: "a test on a channel that is not configured",
    status: 409,
    code: "conflict",
    send: () => api("POST", "/api/config/notification-channels/email/test", { ...as(), json: { to: "a@example.com" } }),
  },

  // PUT /api/notification-templates/{id}
  invalid("a template id that is not event:channel:locale", ["id"], () => template("ticket.booked", { body: "x" })),
  invalid("a template for a channel the event does not use", ["id"], () => template("ticket.booked:email:zh-CN", { body: "x" })),
  invalid("a template in an unknown locale", ["id"], () => template("ticket.booked:sms:fr", { body: "x" })),
  invalid("an unknown placeholder", ["body"], () => template("ticket.booked:sms:zh-CN", { body: "{{ticket_code}} {{password}}" })),
  invalid("a placeholder with one brace", ["body"], () => template("ticket.booked:sms:zh-CN", { body: "{{ticket_code} 已收到" })),
  invalid("a blank template body", ["body"], () => template("ticket.booked:sms:zh-CN", { body: "   " })),
  invalid("a 5000-character body", ["body"], () => template("ticket.booked:sms:zh-CN", { body: "长".repeat(5000) })),
  invalid("an SMS body too long for the channel once rendered", ["body"], () =>
    template("ticket.booked:sms:zh-CN", { body: `${"长".repeat(520)}{{tracking_link}}` }),
  ),
  invalid("a subject on an SMS", ["subject"], () => template("ticket.booked:sms:zh-CN", { subject: "Hi" })),
  invalid("a subject that smuggles a header", ["subject"], () =>
    template("project.status_changed:email:en", { subject: "Hi\r\nBcc: all@example.com" }),
  ),
  invalid("an e-mail without a subject", ["subject"], () => template("project.status_changed:email:en", { subject: null })),
  invalid("a template code on a WeChat template", ["template_code"], () =>
    template("ticket.booked_staff:wecom:zh-CN", { template_code: "SMS_1" }),
  ),
  invalid("a template code with a space", ["template_code"], () => template("ticket.booked:sms:zh-CN", { template_code: "SMS 1" })),
  invalid("reset with other fields", ["(root)"], () => template("ticket.booked:sms:zh-CN", { reset: true, body: "x" })),
  invalid("reset: false", ["reset"], () => template("ticket.booked:sms:zh-CN", { reset: false })),
  invalid("enabled as a number", ["enabled"], () => template("ticket.booked:sms:zh-CN", { enabled: 1 })),

  // POST /api/notification-templates/preview
  invalid("a preview of an unknown event", ["event"], () => preview({ ...ok, event: "ticket.exploded" })),
  invalid("a preview without a body", ["body"], () => preview({ ...ok, body: undefined })),
  invalid("a preview in an unknown channel", ["channel"], () => preview({ ...ok, channel: "fax" })),

  // GET /api/notifications, GET …/{id}, POST …/{id}/retry
  invalid("a list with an unknown status", ["status"], () => api("GET", "/api/notifications?status=lost", as())),
  invalid("a list with page_size 500", ["page_size"], () => api("GET", "/api/notifications?page_size=500", as())),
  invalid("a list with page 0", ["page"], () => api("GET", "/api/notifications?page=0", as())),
  invalid("a notification id that is not a UUID", ["id"], () => api("GET", "/api/notifications/42", as())),
  invalid("a retry of a non-UUID id", ["id"], () => api("POST", "/api/notifications/..%2F..%2Fetc/retry", as())),
  {
    name: "a retry of an unknown notification",
    status: 404,
    code: "not_found",
    send: () => api("POST", "/api/notifications/00000000-0000-4000-8000-000000000000/retry", as()),
  },
];

describeBadInputs("bad input to the notification endpoints", badInputs);
