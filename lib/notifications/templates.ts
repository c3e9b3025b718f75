/**
 * The notification templates (seed 004's template manager): which events tell whom over which channel,
 * the `{{placeholders}}` each event offers, the default text per event × channel × locale, and the
 * checks and rendering every template goes through. Browser-safe (no server modules): the template
 * editor previews with the same code the sender renders with.
 */

export const notificationChannels = ["wecom", "sms", "email"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export const notificationLocales = ["zh-CN", "en"] as const;
export type NotificationLocale = (typeof notificationLocales)[number];

/** An event as the templates see it: who it is for, over which channels, and what it can say. */
export interface NotificationEventDefinition {
  audience: "customer" | "technician" | "staff" | "project_people";
  channels: readonly NotificationChannel[];
  placeholders: readonly string[];
}

const ticketCustomer = ["customer_name", "ticket_code", "appointment_date", "appointment_window", "tracking_link"] as const;

export const notificationEvents = {
  "ticket.booked": { audience: "customer", channels: ["sms"], placeholders: [...ticketCustomer, "appliance"] },
  "ticket.confirmed": { audience: "customer", channels: ["sms"], placeholders: ticketCustomer },
  "ticket.assigned": { audience: "customer", channels: ["sms"], placeholders: [...ticketCustomer, "technician_name"] },
  "ticket.assigned_technician": {
    audience: "technician",
    channels: ["sms"],
    placeholders: ["technician_name", "ticket_code", "customer_name", "address", "appliance", "appointment_date", "appointment_window"],
  },
  "ticket.completed": { audience: "customer", channels: ["sms"], placeholders: ticketCustomer },
  "ticket.canceled": { audience: "customer", channels: ["sms"], placeholders: [...ticketCustomer, "cancel_reason"] },
  "ticket.booked_staff": {
    audience: "staff",
    channels: ["wecom"],
    placeholders: ["ticket_code", "customer_name", "appliance", "district", "appointment_date", "appointment_window", "admin_link"],
  },
  "ticket.canceled_staff": {
    audience: "staff",
    channels: ["wecom"],
    placeholders: ["ticket_code", "customer_name", "cancel_reason", "admin_link"],
  },
  "project.status_changed": {
    audience: "project_people",
    channels: ["sms", "wecom", "email"],
    placeholders: ["person_name", "project_id", "project_title", "project_type", "old_status", "new_status", "project_link", "mentions"],
  },
} as const satisfies Record<string, NotificationEventDefinition>;
export type NotificationEvent = keyof typeof notificationEvents;
export const notificationEventNames = Object.keys(notificationEvents) as NotificationEvent[];

/**
 * What a provider accepts (the checks run on the rendered text): WeChat Work's group bot takes markdown
 * up to 4096 bytes; an SMS is kept to what carriers join into one message sequence; e-mail is generous.
 */
export const channelLimits: Record<NotificationChannel, { bytes: number; subject: boolean }> = {
  wecom: { bytes: 4096, subject: false },
  sms: { bytes: 500 * 3, subject: false },
  email: { bytes: 100_000, subject: true },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Why a template text cannot be saved for `event`, in words for the editor; null when it can. An
 * unknown placeholder is named with the list of known ones, so a typo is fixed where it was made.
 */
export function templateProblem(event: NotificationEvent, text: string): string | null {
  const known: readonly string[] = notificationEvents[event].placeholders;
  const unknown = placeholdersIn(text).filter((name) => !known.includes(name));
  if (unknown.length) {
    return `Unknown placeholder${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `{{${n}}}`).join(", ")}; ${event} knows ${known.map((n) => `{{${n}}}`).join(", ")}`;
  }
  // Braces left after taking the placeholders out are a placeholder typed wrong ({{name}, {{ 1x }}).
  const rest = text.replace(PLACEHOLDER, "");
  if (rest.includes("{{") || rest.includes("}}")) {
    return "A placeholder is written {{name}}: letters, digits and _ between double braces";
  }
  return null;
}

/** The text with each placeholder replaced by its value; one without a value becomes empty. */
export function renderTemplate(text: string, values: Record<string, string | null | undefined>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? "");
}

/** Whether a rendered message fits its channel, in words; null when it does. */
export function renderedProblem(channel: NotificationChannel, rendered: string): string | null {
  const bytes = new TextEncoder().encode(rendered).length;
  const limit = channelLimits[channel].bytes;
  return bytes > limit ? `The ${channel} message is ${bytes} bytes; at most ${limit} are delivered` : null;
}

export interface DefaultTemplate {
  event: NotificationEvent;
  channel: NotificationChannel;
  locale: NotificationLocale;
  subject: string | null;
  body: string;
}

type Texts = Record<NotificationLocale, { subject?: string; body: string }>;
const defaults: { event: NotificationEvent; channel: NotificationChannel; texts: Texts }[] = [
  {
    event: "ticket.booked",
    channel: "sms",
    texts: {
      "zh-CN": { body: "{{customer_name}}您好，您的{{appliance}}维修预约已收到（{{ticket_code}}），{{appointment_date}} {{appointment_window}}。进度：{{tracking_link}}" },
      en: { body: "Hello {{customer_name}}, we received your {{appliance}} repair booking ({{ticket_code}}) for {{appointment_date}} {{appointment_window}}. Track it: {{tracking_link}}" },
    },
  },
  {
    event: "ticket.confirmed",
    channel: "sms",
    texts: {
      "zh-CN": { body: "{{customer_name}}您好，您的预约{{ticket_code}}已确认：{{appointment_date}} {{appointment_window}}。进度：{{tracking_link}}" },
      en: { body: "Hello {{customer_name}}, booking {{ticket_code}} is confirmed for {{appointment_date}} {{appointment_window}}. Track it: {{tracking_link}}" },
    },
  },
  {
    event: "ticket.assigned",
    channel: "sms",
    texts: {
      "zh-CN": { body: "{{customer_name}}您好，技师{{technician_name}}将于{{appointment_date}} {{appointment_window}}上门（{{ticket_code}}）。进度：{{tracking_link}}" },
      en: { body: "Hello {{customer_name}}, technician {{technician_name}} will visit on {{appointment_date}} {{appointment_window}} ({{ticket_code}}). Track it: {{tracking_link}}" },
    },
  },
  {
    event: "ticket.assigned_technician",
    channel: "sms",
    texts: {
      "zh-CN": { body: "{{technician_name}}，新任务{{ticket_code}}：{{appointment_date}} {{appointment_window}}，{{customer_name}}，{{address}}，{{appliance}}。" },
      en: { body: "{{technician_name}}, new job {{ticket_code}}: {{appointment_date}} {{appointment_window}}, {{customer_name}}, {{address}}, {{appliance}}." },
    },
  },
  {
    event: "ticket.completed",
    channel: "sms",
    texts: {
      "zh-CN": { body: "{{customer_name}}您好，您的维修{{ticket_code}}已完成，感谢您的信任。详情：{{tracking_link}}" },
      en: { body: "Hello {{customer_name}}, repair {{ticket_code}} is complete. Thank you! Details: {{tracking_link}}" },
    },
  },
  {
    event: "ticket.canceled",
    channel: "sms",
    texts: {
      "zh-CN": { body: "{{customer_name}}您好，您的预约{{ticket_code}}已取消（{{cancel_reason}}）。如需服务请重新预约。" },
      en: { body: "Hello {{customer_name}}, booking {{ticket_code}} was canceled ({{cancel_reason}}). Book again any time." },
    },
  },
  {
    event: "ticket.booked_staff",
    channel: "wecom",
    texts: {
      "zh-CN": { body: "### 新预约 {{ticket_code}}\n> 客户：{{customer_name}}\n> 电器：{{appliance}}，{{district}}\n> 时间：{{appointment_date}} {{appointment_window}}\n\n[查看工单]({{admin_link}})" },
      en: { body: "### New booking {{ticket_code}}\n> Customer: {{customer_name}}\n> Appliance: {{appliance}}, {{district}}\n> When: {{appointment_date}} {{appointment_window}}\n\n[Open the ticket]({{admin_link}})" },
    },
  },
  {
    event: "ticket.canceled_staff",
    channel: "wecom",
    texts: {
      "zh-CN": { body: "### 预约已取消 {{ticket_code}}\n> 客户：{{customer_name}}\n> 原因：{{cancel_reason}}\n\n[查看工单]({{admin_link}})" },
      en: { body: "### Booking canceled {{ticket_code}}\n> Customer: {{customer_name}}\n> Reason: {{cancel_reason}}\n\n[Open the ticket]({{admin_link}})" },
    },
  },
  {
    event: "project.status_changed",
    channel: "sms",
    texts: {
      "zh-CN": { body: "{{person_name}}您好，您的{{project_type}}【{{project_title}}】状态已更新：{{old_status}} → {{new_status}}。详情：{{project_link}}" },
      en: { body: "Hello {{person_name}}, your project \"{{project_title}}\" ({{project_type}}) moved from {{old_status}} to {{new_status}}. Details: {{project_link}}" },
    },
  },
  {
    event: "project.status_changed",
    channel: "wecom",
    texts: {
      "zh-CN": { body: "### 项目状态变更 {{project_id}}\n> {{project_type}}【{{project_title}}】\n> {{old_status}} → **{{new_status}}**\n\n{{mentions}}" },
      en: { body: "### Project status changed {{project_id}}\n> \"{{project_title}}\" ({{project_type}})\n> {{old_status}} → **{{new_status}}**\n\n{{mentions}}" },
    },
  },
  {
    event: "project.status_changed",
    channel: "email",
    texts: {
      "zh-CN": {
        subject: "项目【{{project_title}}】状态已更新为{{new_status}}",
        body: "{{person_name}}您好：\n\n{{project_type}}【{{project_title}}】（{{project_id}}）的状态已由{{old_status}}更新为{{new_status}}。\n\n查看详情：{{project_link}}",
      },
      en: {
        subject: "Project \"{{project_title}}\" is now {{new_status}}",
        body: "Hello {{person_name}},\n\nThe project \"{{project_title}}\" ({{project_id}}, {{project_type}}) moved from {{old_status}} to {{new_status}}.\n\nDetails: {{project_link}}",
      },
    },
  },
];

/** The text every template starts with, and goes back to on "reset to default". */
export const defaultTemplates: DefaultTemplate[] = defaults.flatMap(({ event, channel, texts }) =>
  notificationLocales.map((locale) => ({ event, channel, locale, subject: texts[locale].subject ?? null, body: texts[locale].body })),
);

/** The default text of one template, or undefined for a channel the event does not use. */
export const defaultTemplateFor = (event: string, channel: string, locale: string): DefaultTemplate | undefined =>
  defaultTemplates.find((t) => t.event === event && t.channel === channel && t.locale === locale);

/** Plausible values for a preview, per locale (every placeholder of every event has one). */
export function sampleValues(locale: NotificationLocale): Record<string, string> {
  const zh = locale === "zh-CN";
  return {
    customer_name: zh ? "张伟" : "Wei Zhang",
    ticket_code: "TK20261202A7",
    appointment_date: "2026-12-04",
    appointment_window: "14:00-16:00",
    tracking_link: "https://hub.example.com/s/K7m2Qx9p",
    appliance: zh ? "洗衣机" : "washing machine",
    technician_name: zh ? "王建国" : "Jianguo Wang",
    address: zh ? "浦东新区张杨路 1200 号" : "1200 Zhangyang Rd, Pudong",
    cancel_reason: zh ? "客户改期" : "rescheduled by the customer",
    district: zh ? "浦东新区" : "Pudong",
    admin_link: "https://hub.example.com/admin/tickets/TK20261202A7",
    person_name: zh ? "张伟" : "Wei Zhang",
    project_id: "P123456",
    project_title: zh ? "空调销售商机" : "Air conditioner deal",
    project_type: zh ? "销售项目" : "Sales project",
    old_status: zh ? "处理中" : "processing",
    new_status: zh ? "已发货" : "shipped",
    project_link: "https://hub.example.com/s/Pq3Zr8Lw",
    mentions: zh ? "@王建国 @李娜" : "@Jianguo Wang @Na Li",
  };
}
