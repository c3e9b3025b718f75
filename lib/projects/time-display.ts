import { z } from "zod";
import type { Locale } from "@/lib/i18n/config";

/**
 * How project times are displayed (seed 003's "time display" config): a format per project type, a time
 * zone, and whether sales projects show their payment time. Pure and browser-safe (no `server-only`, no
 * Node APIs, no db): client components use it for live previews, the server for rendering and
 * validation.
 *
 * Formats use a small dayjs-like token set (see `timeFormatTokens`). A token is a run of one repeated
 * ASCII letter that must spell a token exactly, so `YYYYMMDD` is YYYY·MM·DD but `MMM` or `yyyy` are
 * refused rather than silently read as something else. Anything that is not an ASCII letter (digits,
 * punctuation, spaces, CJK such as 年月日时分秒) is literal, and so is text in square brackets: `[at]`
 * shows "at", `[T]` shows "T".
 */

export type TimeDisplayLocale = Locale;

export interface TimeFormatToken {
  token: string;
  description: Record<TimeDisplayLocale, string>;
}

/** The known tokens with a short description each, for a help list next to a format field. */
export const timeFormatTokens = [
  { token: "YYYY", description: { "zh-CN": "四位年份，如 2024", en: "4-digit year, e.g. 2024" } },
  { token: "YY", description: { "zh-CN": "两位年份，如 24", en: "2-digit year, e.g. 24" } },
  { token: "MM", description: { "zh-CN": "月份，补零（01–12）", en: "Month, zero-padded (01–12)" } },
  { token: "M", description: { "zh-CN": "月份（1–12）", en: "Month (1–12)" } },
  { token: "DD", description: { "zh-CN": "日，补零（01–31）", en: "Day of month, zero-padded (01–31)" } },
  { token: "D", description: { "zh-CN": "日（1–31）", en: "Day of month (1–31)" } },
  {
    token: "HH",
    description: { "zh-CN": "小时，24 小时制，补零（00–23）", en: "Hour, 24-hour clock, zero-padded (00–23)" },
  },
  { token: "H", description: { "zh-CN": "小时，24 小时制（0–23）", en: "Hour, 24-hour clock (0–23)" } },
  {
    token: "hh",
    description: { "zh-CN": "小时，12 小时制，补零（01–12）", en: "Hour, 12-hour clock, zero-padded (01–12)" },
  },
  { token: "h", description: { "zh-CN": "小时，12 小时制（1–12）", en: "Hour, 12-hour clock (1–12)" } },
  { token: "mm", description: { "zh-CN": "分钟，补零（00–59）", en: "Minute, zero-padded (00–59)" } },
  { token: "m", description: { "zh-CN": "分钟（0–59）", en: "Minute (0–59)" } },
  { token: "ss", description: { "zh-CN": "秒，补零（00–59）", en: "Second, zero-padded (00–59)" } },
  { token: "s", description: { "zh-CN": "秒（0–59）", en: "Second (0–59)" } },
  { token: "A", description: { "zh-CN": "上午／下午（英文界面为 AM/PM）", en: "AM/PM (上午/下午 in Chinese)" } },
  { token: "ddd", description: { "zh-CN": "星期，简写，如 周五", en: "Weekday, short, e.g. Fri" } },
  { token: "dddd", description: { "zh-CN": "星期，全称，如 星期五", en: "Weekday, full, e.g. Friday" } },
] as const satisfies readonly TimeFormatToken[];

export type TimeFormatTokenName = (typeof timeFormatTokens)[number]["token"];

const tokenNames: ReadonlySet<string> = new Set(timeFormatTokens.map((t) => t.token));
const knownTokenList = timeFormatTokens.map((t) => t.token).join(", ");

export const TIME_FORMAT_MAX_LENGTH = 64;

type FormatPart = { token: TimeFormatTokenName } | { literal: string };
type Parsed = { parts: FormatPart[] } | { problem: string };

const isAsciiLetter = (c: string) => (c >= "A" && c <= "Z") || (c >= "a" && c <= "z");

/** Splits a format into tokens and literals, or names its first problem. Positions are 1-based. */
function parseFormat(format: string): Parsed {
  if (format.length === 0) return { problem: "The format is empty; use e.g. YYYY-MM-DD HH:mm" };
  if (format.length > TIME_FORMAT_MAX_LENGTH) {
    return { problem: `The format is ${format.length} characters long; at most ${TIME_FORMAT_MAX_LENGTH} are allowed` };
  }
  const parts: FormatPart[] = [];
  let literal = "";
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === "[") {
      const close = format.indexOf("]", i + 1);
      if (close === -1) {
        return { problem: `Unclosed "[" at position ${i + 1}; close literal text with "]", e.g. [at]` };
      }
      literal += format.slice(i + 1, close);
      i = close + 1;
    } else if (isAsciiLetter(c)) {
      let end = i + 1;
      while (end < format.length && format[end] === c) end++;
      const run = format.slice(i, end);
      if (!tokenNames.has(run)) {
        return {
          problem:
            `Unknown token "${run}" at position ${i + 1}; known tokens: ${knownTokenList}. ` +
            "Put other letters in square brackets, e.g. [at]",
        };
      }
      if (literal) parts.push({ literal });
      literal = "";
      parts.push({ token: run as TimeFormatTokenName });
      i = end;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) parts.push({ literal });
  if (!parts.some((p) => "token" in p)) {
    return { problem: `The format has no date or time token; use some of: ${knownTokenList}` };
  }
  return { parts };
}

const parsedFormats = new Map<string, Parsed>();
function parseFormatCached(format: string): Parsed {
  let parsed = parsedFormats.get(format);
  if (!parsed) {
    parsed = parseFormat(format);
    // Formats are few (a handful of configs plus what someone types in a preview); keep the cache small.
    if (parsedFormats.size >= 200) parsedFormats.clear();
    parsedFormats.set(format, parsed);
  }
  return parsed;
}

/** Null when `format` is usable; otherwise a plain English message naming the first problem. */
export function timeFormatProblem(format: string): string | null {
  const parsed = parseFormatCached(format);
  return "problem" in parsed ? parsed.problem : null;
}

const ZONE_EXAMPLE = "e.g. Asia/Shanghai";
// Raw UTC offsets ("+08:00", "UTC+8", "GMT-05:00", "Z"): newer engines accept some of these in Intl, but
// an offset ignores daylight saving and says nothing about where the customer is.
const rawOffset = /^(?:(?:UTC|GMT)\s*)?[+\-\u2212]\s*\d|^Z$/i;
// Abbreviations ("CST", "EST", "PRC"): ambiguous (CST is China, US Central and Cuba), and some engines
// resolve them to surprising zones (CST → America/Chicago).
const abbreviation = /^[A-Za-z]{1,5}$/;

let knownZones: ReadonlySet<string> | null = null;
function supportedZones(): ReadonlySet<string> {
  if (!knownZones) {
    const list = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    knownZones = new Set([...list, "UTC", "Etc/UTC"]);
  }
  return knownZones;
}

/** Null when `zone` is a real IANA time zone name (Region/City, or UTC); otherwise a plain English message. */
export function timeZoneProblem(zone: string): string | null {
  if (zone.trim() === "") return `The time zone is empty; use an IANA name, ${ZONE_EXAMPLE}`;
  if (zone !== zone.trim()) return `The time zone "${zone}" has spaces around it; use e.g. "Asia/Shanghai"`;
  if (rawOffset.test(zone)) {
    return `"${zone}" is a UTC offset, not a time zone; use an IANA name, ${ZONE_EXAMPLE}`;
  }
  if (zone.toUpperCase() === "UTC" && zone !== "UTC") return `Write the time zone as "UTC", not "${zone}"`;
  // Before the supported list: some engines list legacy zones such as "EST" or "PRC" there.
  if (abbreviation.test(zone) && zone !== "UTC") {
    return `"${zone}" is an abbreviation, not a time zone; use an IANA name, ${ZONE_EXAMPLE}`;
  }
  if (supportedZones().has(zone)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return `Unknown time zone "${zone}"; use an IANA name, ${ZONE_EXAMPLE}`;
  }
  if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase()) {
    return `Write the time zone as "${resolved}", not "${zone}"`;
  }
  return null;
}

const SAMPLE_INSTANT = "2024-02-02T07:30:00Z";

interface ZoneFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const numericFormats = new Map<string, Intl.DateTimeFormat>();
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  key: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    if (cache.size >= 100) cache.clear();
    cache.set(key, f);
  }
  return f;
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  return cachedFormat(numericFormats, timeZone, () => {
    try {
      return new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        hourCycle: "h23",
      });
    } catch {
      throw new Error(`Unknown time zone "${timeZone}"`);
    }
  });
}

function fieldsInZone(date: Date, timeZone: string): ZoneFields {
  const fields: ZoneFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of zoneFormatter(timeZone).formatToParts(date)) {
    if (part.type in fields) fields[part.type as keyof ZoneFields] = Number(part.value);
  }
  // Some engines print midnight as hour "24" even with h23.
  if (fields.hour === 24) fields.hour = 0;
  return fields;
}

function weekday(date: Date, timeZone: string, locale: TimeDisplayLocale, style: "short" | "long"): string {
  const intlLocale = locale === "en" ? "en-US" : "zh-CN";
  return cachedFormat(
    weekdayFormats,
    `${intlLocale}|${style}|${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocale, { timeZone, weekday: style }),
  ).format(date);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * `date` written in `format` as a wall clock in `timeZone`. Expects a valid format and zone (check with
 * `timeFormatProblem` / `timeZoneProblem` first); throws a plain Error on an invalid format, date or zone.
 */
export function formatInZone(
  date: Date | string,
  format: string,
  timeZone: string,
  locale: TimeDisplayLocale = "zh-CN",
): string {
  const parsed = parseFormatCached(format);
  if ("problem" in parsed) throw new Error(`Invalid time format "${format}": ${parsed.problem}`);
  const instant = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(instant.getTime())) throw new Error(`Invalid date: ${String(date)}`);
  const f = fieldsInZone(instant, timeZone);
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  let out = "";
  for (const part of parsed.parts) {
    if ("literal" in part) {
      out += part.literal;
      continue;
    }
    switch (part.token) {
      case "YYYY":
        out += pad(f.year, 4);
        break;
      case "YY":
        out += pad(f.year % 100);
        break;
      case "MM":
        out += pad(f.month);
        break;
      case "M":
        out += f.month;
        break;
      case "DD":
        out += pad(f.day);
        break;
      case "D":
        out += f.day;
        break;
      case "HH":
        out += pad(f.hour);
        break;
      case "H":
        out += f.hour;
        break;
      case "hh":
        out += pad(hour12);
        break;
      case "h":
        out += hour12;
        break;
      case "mm":
        out += pad(f.minute);
        break;
      case "m":
        out += f.minute;
        break;
      case "ss":
        out += pad(f.second);
        break;
      case "s":
        out += f.second;
        break;
      case "A":
        out += locale === "en" ? (f.hour < 12 ? "AM" : "PM") : f.hour < 12 ? "上午" : "下午";
        break;
      case "ddd":
        out += weekday(instant, timeZone, locale, "short");
        break;
      case "dddd":
        out += weekday(instant, timeZone, locale, "long");
        break;
    }
  }
  return out;
}

const formatField = (name: string) =>
  z.string({ error: `${name} must be a string` }).superRefine((value, ctx) => {
    const problem = timeFormatProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** The time display config; unknown keys are refused. Issue paths are the field names. */
export const timeDisplaySchema = z.strictObject({
  aftersales_time_format: formatField("aftersales_time_format"),
  sales_time_format: formatField("sales_time_format"),
  show_payment_time: z.boolean({ error: "show_payment_time must be true or false" }),
  timezone: z.string({ error: "timezone must be a string" }).superRefine((value, ctx) => {
    const problem = timeZoneProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
});
export type TimeDisplayConfig = z.output<typeof timeDisplaySchema>;

/** Seed 003's values. */
export const defaultTimeDisplay: TimeDisplayConfig = Object.freeze({
  aftersales_time_format: "YYYY-MM-DD HH:mm",
  sales_time_format: "YYYY-MM-DD HH:mm",
  show_payment_time: true,
  timezone: "Asia/Shanghai",
});

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How old a cached copy is (seed 003's `cache_time`), e.g. "5分钟前" / "5 minutes ago". Under a minute
 * (and negative or non-finite ages, as from a skewed clock) is "刚刚" / "just now"; then whole minutes
 * below an hour, whole hours below 48 hours, whole days after that (always rounded down).
 */
export function formatAge(ms: number, locale: TimeDisplayLocale): string {
  if (!Number.isFinite(ms) || ms < 60_000) return locale === "en" ? "just now" : "刚刚";
  let rtf = relativeFormats.get(locale);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
    relativeFormats.set(locale, rtf);
  }
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return rtf.format(-minutes, "minute");
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 48) return rtf.format(-hours, "hour");
  return rtf.format(-Math.floor(ms / 86_400_000), "day");
}

/** A fixed instant (2024-02-02T07:30:00Z) shown in each of `config`'s formats, for live previews. */
export function sampleTimeDisplay(
  config: Pick<TimeDisplayConfig, "aftersales_time_format" | "sales_time_format" | "timezone">,
  locale: TimeDisplayLocale,
): { aftersales: string; sales: string } {
  return {
    aftersales: formatInZone(SAMPLE_INSTANT, config.aftersales_time_format, config.timezone, locale),
    sales: formatInZone(SAMPLE_INSTANT, config.sales_time_format, config.timezone, locale),
  };
}
