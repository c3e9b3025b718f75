/**
 * The UI's own words, read from lib/i18n/messages, so selectors follow a wording change instead of
 * breaking on it. Read with fs (not `import … from "….json"`): the package is ESM, where a JSON import
 * needs import attributes that not every loader in the chain understands.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const dir = (locale: string) => fileURLToPath(new URL(`../../lib/i18n/messages/${locale}/`, import.meta.url));

type Messages = {
  common: typeof import("../../lib/i18n/messages/zh-CN/common.json");
  auth: typeof import("../../lib/i18n/messages/zh-CN/auth.json");
  booking: typeof import("../../lib/i18n/messages/zh-CN/booking.json");
  track: typeof import("../../lib/i18n/messages/zh-CN/track.json");
  tickets: typeof import("../../lib/i18n/messages/zh-CN/tickets.json");
  jobs: typeof import("../../lib/i18n/messages/zh-CN/jobs.json");
  tokens: typeof import("../../lib/i18n/messages/zh-CN/tokens.json");
  integrations: typeof import("../../lib/i18n/messages/zh-CN/integrations.json");
  workOrders: typeof import("../../lib/i18n/messages/zh-CN/workOrders.json");
  syncLogs: typeof import("../../lib/i18n/messages/zh-CN/syncLogs.json");
  project: typeof import("../../lib/i18n/messages/zh-CN/project.json");
  projects: typeof import("../../lib/i18n/messages/zh-CN/projects.json");
  projectConfig: typeof import("../../lib/i18n/messages/zh-CN/projectConfig.json");
  notifications: typeof import("../../lib/i18n/messages/zh-CN/notifications.json");
};

function load(locale: "zh-CN" | "en"): Messages {
  const read = (ns: keyof Messages) => JSON.parse(fs.readFileSync(`${dir(locale)}${ns}.json`, "utf8"));
  return {
    common: read("common"),
    auth: read("auth"),
    booking: read("booking"),
    track: read("track"),
    tickets: read("tickets"),
    jobs: read("jobs"),
    tokens: read("tokens"),
    integrations: read("integrations"),
    workOrders: read("workOrders"),
    syncLogs: read("syncLogs"),
    project: read("project"),
    projects: read("projects"),
    projectConfig: read("projectConfig"),
    notifications: read("notifications"),
  };
}

/** zh-CN is the default locale: what a visitor without a language cookie sees. */
export const zh = load("zh-CN");
export const en = load("en");

/** Fills simple ICU placeholders (`{name}`); plural/select messages are not used as selectors. */
export function fmt(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A message as a literal inside a RegExp. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
