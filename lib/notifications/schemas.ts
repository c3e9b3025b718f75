import { z } from "zod";
import {
  notificationChannels,
  notificationEventNames,
  notificationEvents,
  notificationLocales,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationLocale,
} from "./templates";

/**
 * The notification API's inputs, shared with the config-center forms. Browser-safe: no server modules.
 */

export const notificationStatusList = ["pending", "sending", "sent", "failed", "dead", "no_channel"] as const;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * A provider URL: https, or http on this machine only (a local sink or a gateway beside the app). A
 * URL with credentials in it is refused: they would be shown back wherever the URL is.
 */
const providerUrl = (name: string) =>
  z
    .string({ error: `${name} must be a URL` })
    .trim()
    .max(500, `${name} has at most 500 characters`)
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: "custom", message: `${name} is not a valid URL` });
        return;
      }
      if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
        ctx.addIssue({ code: "custom", message: `${name} must start with https:// (http:// only for this machine)` });
      } else if (url.username || url.password) {
        ctx.addIssue({ code: "custom", message: `${name} must not carry a user name or password` });
      }
    });

/** A write-only secret: left out → unchanged; "" or null → cleared; a value → replaced. */
const secret = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .max(500, `${name} has at most 500 characters`)
    .nullable()
    .optional();

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** A line break in a mail header starts another header (`Bcc:`): headers are one line. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** `noreply@example.com` or `ServiceHub <noreply@example.com>`. */
const fromAddress = z
  .string({ error: "from must be an e-mail address" })
  .trim()
  .max(200, "from has at most 200 characters")
  .refine((v) => !CONTROL.test(v), "from must be one line, without control characters")
  .refine((v) => EMAIL.test(v.match(/^[^<>]*<([^<>]+)>$/)?.[1] ?? v), "from must be an e-mail address, e.g. ServiceHub <noreply@example.com>");
const hostName = z
  .string({ error: "host must be a host name" })
  .trim()
  .min(1, "host is required")
  .max(253, "host has at most 253 characters")
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, "host must be a host name or an IP address, without a scheme or a port");

const enabled = z.boolean({ error: "enabled must be true or false" });

export const wecomSettingsBody = z.strictObject({
  enabled: enabled.optional(),
  webhook_url: providerUrl("webhook_url").nullable().optional(),
});
export const smsSettingsBody = z.strictObject({
  enabled: enabled.optional(),
  provider: z.enum(["aliyun", "http"], { error: "provider must be aliyun or http" }).optional(),
  sign_name: z.string({ error: "sign_name must be text" }).trim().max(50, "sign_name has at most 50 characters").optional(),
  access_key_id: z
    .string({ error: "access_key_id must be text" })
    .trim()
    .max(100, "access_key_id has at most 100 characters")
    .regex(/^[A-Za-z0-9]*$/, "access_key_id has letters and digits only")
    .optional(),
  access_key_secret: secret("access_key_secret"),
  endpoint: providerUrl("endpoint").nullable().optional(),
  url: providerUrl("url").nullable().optional(),
  api_key: secret("api_key"),
});
export const emailSettingsBody = z.strictObject({
  enabled: enabled.optional(),
  host: hostName.optional(),
  port: z
    .number({ error: "port must be a number" })
    .int("port must be a whole number")
    .min(1, "port is between 1 and 65535")
    .max(65535, "port is between 1 and 65535")
    .optional(),
  secure: z.boolean({ error: "secure must be true or false" }).optional(),
  user: z.string({ error: "user must be text" }).trim().max(200, "user has at most 200 characters").nullable().optional(),
  password: secret("password"),
  from: fromAddress.optional(),
});
export const deliverySettingsBody = z.strictObject({
  max_attempts: z
    .number({ error: "max_attempts must be a number" })
    .int("max_attempts must be a whole number")
    .min(1, "max_attempts is between 1 and 20")
    .max(20, "max_attempts is between 1 and 20")
    .optional(),
  locale: z.enum(notificationLocales, { error: `locale must be ${notificationLocales.join(" or ")}` }).optional(),
});

/** PUT /api/config/notification-channels: a channel left out is unchanged, and so is a field left out. */
export const saveChannelSettingsBody = z
  .strictObject({
    wecom: wecomSettingsBody.optional(),
    sms: smsSettingsBody.optional(),
    email: emailSettingsBody.optional(),
    delivery: deliverySettingsBody.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one of wecom, sms, email, delivery");
export type SaveChannelSettingsBody = z.output<typeof saveChannelSettingsBody>;

export const channelParam = z.enum(notificationChannels, { error: `The channel must be ${notificationChannels.join(", ")}` });

/** POST …/{channel}/test: where the test goes (a mobile for SMS, an address for e-mail; the group needs none). */
export const testChannelBody = z.strictObject({
  to: z.string({ error: "to must be text" }).trim().max(200, "to has at most 200 characters").optional(),
});

export const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
export { EMAIL as EMAIL_ADDRESS };

/** `ticket.booked:sms:zh-CN`: one template, as the API names it. */
export const templateId = (event: NotificationEvent, channel: NotificationChannel, locale: NotificationLocale) =>
  `${event}:${channel}:${locale}`;

export const templateIdParam = z
  .string()
  .max(100, "A template id has at most 100 characters")
  .transform((id, ctx) => {
    const [event, channel, locale, ...rest] = id.split(":");
    const def = notificationEvents[event as NotificationEvent] as { channels: readonly string[] } | undefined;
    if (rest.length || !def || !def.channels.includes(channel!) || !notificationLocales.includes(locale as NotificationLocale)) {
      ctx.addIssue({
        code: "custom",
        message: `No template ${id}: ids are event:channel:locale, e.g. ticket.booked:sms:zh-CN`,
      });
      return z.NEVER;
    }
    return { event: event as NotificationEvent, channel: channel as NotificationChannel, locale: locale as NotificationLocale };
  });

const templateText = (name: string, max: number) =>
  z.string({ error: `${name} must be text` }).max(max, `${name} has at most ${max} characters`);

/**
 * PUT /api/notification-templates/{id}. `enabled` switches the event on that channel (both languages);
 * `reset: true` goes back to the default text (and nothing else may be sent with it).
 */
export const updateTemplateBody = z
  .strictObject({
    subject: templateText("subject", 200)
      .trim()
      .refine((v) => !CONTROL.test(v), "A subject is one line, without control characters")
      .nullable()
      .optional(),
    body: templateText("body", 4000).trim().min(1, "body cannot be empty").optional(),
    template_code: z
      .string({ error: "template_code must be text" })
      .trim()
      .max(50, "template_code has at most 50 characters")
      .regex(/^[A-Za-z0-9_.-]*$/, "template_code has letters, digits, _ . - only (e.g. SMS_123456789)")
      .nullable()
      .optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    reset: z.literal(true, { error: "reset can only be true" }).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Send at least one of subject, body, template_code, enabled, reset")
  .refine((b) => !b.reset || Object.keys(b).length === 1, "reset goes back to the default text; send it alone");
export type UpdateTemplateBody = z.output<typeof updateTemplateBody>;

export const previewTemplateBody = z.strictObject({
  event: z.enum(notificationEventNames as [NotificationEvent, ...NotificationEvent[]], {
    error: `event must be one of ${notificationEventNames.join(", ")}`,
  }),
  channel: channelParam,
  locale: z.enum(notificationLocales, { error: `locale must be ${notificationLocales.join(" or ")}` }),
  subject: templateText("subject", 200).nullable().optional(),
  body: templateText("body", 4000).min(1, "body cannot be empty"),
});

export const listNotificationsQuery = z.strictObject({
  status: z.enum(notificationStatusList, { error: `status must be one of ${notificationStatusList.join(", ")}` }).optional(),
  channel: channelParam.optional(),
  event: z
    .enum(notificationEventNames as [NotificationEvent, ...NotificationEvent[]], {
      error: `event must be one of ${notificationEventNames.join(", ")}`,
    })
    .optional(),
  /** A ticket code or a project id. */
  subject: z.string().trim().max(100, "subject has at most 100 characters").optional(),
  page: z.coerce.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page starts at 1").max(10_000, "page is at most 10000").default(1),
  page_size: z.coerce
    .number({ error: "page_size must be a number" })
    .int("page_size must be a whole number")
    .min(1, "page_size is between 1 and 100")
    .max(100, "page_size is between 1 and 100")
    .default(25),
});
export type ListNotificationsQuery = z.output<typeof listNotificationsQuery>;

export const notificationIdParam = z.uuid({ error: "A notification id is a UUID" });
