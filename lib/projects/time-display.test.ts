import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  defaultTimeDisplay,
  formatAge,
  formatInZone,
  sampleTimeDisplay,
  timeDisplaySchema,
  timeFormatProblem,
  timeFormatTokens,
  timeZoneProblem,
} from "./time-display";

const KNOWN = "YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, m, ss, s, A, ddd, dddd";

describe("timeFormatTokens", () => {
  it("lists every token once, each described in both locales", () => {
    expect(timeFormatTokens.map((t) => t.token).join(", ")).toBe(KNOWN);
    for (const t of timeFormatTokens) {
      expect(t.description["zh-CN"].length, t.token).toBeGreaterThan(0);
      expect(t.description.en.length, t.token).toBeGreaterThan(0);
    }
  });
});

describe("formatInZone tokens", () => {
  // Tuesday 2024-03-05, 21:04:09 UTC / 07:04:09 UTC: single-digit month, day, minute, second.
  const evening = "2024-03-05T21:04:09Z";
  const morning = "2024-03-05T07:04:09Z";

  it.each([
    ["YYYY", evening, "2024"],
    ["YY", evening, "24"],
    ["MM", evening, "03"],
    ["M", evening, "3"],
    ["DD", evening, "05"],
    ["D", evening, "5"],
    ["HH", evening, "21"],
    ["H", evening, "21"],
    ["HH", morning, "07"],
    ["H", morning, "7"],
    ["hh", evening, "09"],
    ["h", evening, "9"],
    ["hh", morning, "07"],
    ["h", morning, "7"],
    ["mm", evening, "04"],
    ["m", evening, "4"],
    ["ss", evening, "09"],
    ["s", evening, "9"],
  ])("%s of %s in UTC is %s", (format, date, expected) => {
    expect(formatInZone(date, format, "UTC", "en")).toBe(expected);
    expect(formatInZone(date, format, "UTC", "zh-CN")).toBe(expected);
  });

  it.each([
    ["A", evening, "PM", "下午"],
    ["A", morning, "AM", "上午"],
    ["ddd", evening, "Tue", "周二"],
    ["dddd", evening, "Tuesday", "星期二"],
  ])("%s of %s is %s in en and %s in zh-CN", (format, date, en, zh) => {
    expect(formatInZone(date, format, "UTC", "en")).toBe(en);
    expect(formatInZone(date, format, "UTC", "zh-CN")).toBe(zh);
  });

  it("defaults to zh-CN", () => {
    expect(formatInZone(evening, "dddd A", "UTC")).toBe("星期二 下午");
  });

  it("accepts a Date as well as an ISO string", () => {
    expect(formatInZone(new Date(evening), "YYYY-MM-DD HH:mm:ss", "UTC")).toBe("2024-03-05 21:04:09");
  });

  it("pads years before 1000 to four digits", () => {
    expect(formatInZone("0099-06-15T12:00:00Z", "YYYY YY", "UTC")).toBe("0099 99");
    expect(formatInZone("2005-06-15T12:00:00Z", "YY", "UTC")).toBe("05");
  });

  it("reads adjacent tokens of different letters", () => {
    expect(formatInZone("2024-02-02T07:30:00Z", "YYYYMMDDHHmmss", "Asia/Shanghai")).toBe("20240202153000");
    expect(formatInZone("2024-02-02T07:30:00Z", "hhmmA", "Asia/Shanghai", "en")).toBe("0330PM");
  });
});

describe("formatInZone literals", () => {
  const at = "2024-02-02T07:30:00Z"; // 15:30 in Shanghai, a Friday

  it("keeps digits, punctuation, spaces and CJK", () => {
    expect(formatInZone(at, "YYYY年M月D日 HH时mm分ss秒", "Asia/Shanghai")).toBe("2024年2月2日 15时30分00秒");
    expect(formatInZone(at, "DD/MM/YYYY, HH:mm (ddd)", "Asia/Shanghai", "en")).toBe("02/02/2024, 15:30 (Fri)");
    expect(formatInZone(at, "YYYY.MM.DD – 1,2 + 3!", "Asia/Shanghai")).toBe("2024.02.02 – 1,2 + 3!");
  });

  it("shows bracketed text as is, without the brackets", () => {
    expect(formatInZone(at, "[at] HH:mm", "Asia/Shanghai", "en")).toBe("at 15:30");
    expect(formatInZone(at, "YYYY-MM-DD[T]HH:mm", "Asia/Shanghai")).toBe("2024-02-02T15:30");
    expect(formatInZone(at, "[YYYY] YYYY", "Asia/Shanghai")).toBe("YYYY 2024");
    expect(formatInZone(at, "[]YYYY", "Asia/Shanghai")).toBe("2024");
    expect(formatInZone(at, "[[x] YYYY", "Asia/Shanghai")).toBe("[x 2024");
    expect(formatInZone(at, "YYYY]", "Asia/Shanghai")).toBe("2024]");
    expect(formatInZone(at, "[Today is] dddd", "Asia/Shanghai", "en")).toBe("Today is Friday");
  });
});

describe("formatInZone 12-hour clock", () => {
  it.each([
    ["2024-02-01T16:00:00Z", "00:00", "12:00 AM", "12:00 上午"], // midnight in Shanghai
    ["2024-02-01T16:30:00Z", "00:30", "12:30 AM", "12:30 上午"],
    ["2024-02-01T17:05:00Z", "01:05", "01:05 AM", "01:05 上午"],
    ["2024-02-02T03:59:00Z", "11:59", "11:59 AM", "11:59 上午"],
    ["2024-02-02T04:00:00Z", "12:00", "12:00 PM", "12:00 下午"], // noon
    ["2024-02-02T04:30:00Z", "12:30", "12:30 PM", "12:30 下午"],
    ["2024-02-02T05:00:00Z", "13:00", "01:00 PM", "01:00 下午"],
    ["2024-02-02T15:59:00Z", "23:59", "11:59 PM", "11:59 下午"],
  ])("%s in Shanghai is %s, %s", (date, h24, en, zh) => {
    expect(formatInZone(date, "HH:mm", "Asia/Shanghai")).toBe(h24);
    expect(formatInZone(date, "hh:mm A", "Asia/Shanghai", "en")).toBe(en);
    expect(formatInZone(date, "hh:mm A", "Asia/Shanghai", "zh-CN")).toBe(zh);
  });

  it("shows midnight as hour 0 / 12, never 24", () => {
    const midnight = "2024-02-01T16:00:00Z";
    expect(formatInZone(midnight, "H h HH hh", "Asia/Shanghai")).toBe("0 12 00 12");
    expect(formatInZone("2024-02-02T00:00:00Z", "YYYY-MM-DD HH:mm", "UTC")).toBe("2024-02-02 00:00");
  });
});

describe("formatInZone time zones", () => {
  const instant = "2024-02-01T17:30:00Z";

  it("shifts the date across midnight", () => {
    expect(formatInZone(instant, "YYYY-MM-DD HH:mm dddd", "Asia/Shanghai", "en")).toBe("2024-02-02 01:30 Friday");
    expect(formatInZone(instant, "YYYY-MM-DD HH:mm dddd", "America/New_York", "en")).toBe("2024-02-01 12:30 Thursday");
    expect(formatInZone(instant, "YYYY-MM-DD HH:mm", "UTC")).toBe("2024-02-01 17:30");
    expect(formatInZone(instant, "YYYY-MM-DD HH:mm", "Etc/UTC")).toBe("2024-02-01 17:30");
  });

  it("shifts the year on New Year's Eve", () => {
    expect(formatInZone("2023-12-31T16:00:00Z", "YYYY-MM-DD HH:mm", "Asia/Shanghai")).toBe("2024-01-01 00:00");
  });

  it("follows daylight saving time (America/New_York, 2024)", () => {
    const f = (d: string) => formatInZone(d, "YYYY-MM-DD HH:mm:ss", "America/New_York");
    // Spring forward: 02:00 EST jumps to 03:00 EDT.
    expect(f("2024-03-10T06:59:59Z")).toBe("2024-03-10 01:59:59");
    expect(f("2024-03-10T07:00:00Z")).toBe("2024-03-10 03:00:00");
    // Fall back: 01:30 happens twice.
    expect(f("2024-11-03T05:30:00Z")).toBe("2024-11-03 01:30:00");
    expect(f("2024-11-03T06:30:00Z")).toBe("2024-11-03 01:30:00");
    // Summer and winter offsets.
    expect(f("2024-07-01T12:00:00Z")).toBe("2024-07-01 08:00:00");
    expect(f("2024-01-01T12:00:00Z")).toBe("2024-01-01 07:00:00");
  });

  it("follows daylight saving time (Europe/London)", () => {
    expect(formatInZone("2024-07-01T12:00:00Z", "HH:mm", "Europe/London")).toBe("13:00");
    expect(formatInZone("2024-12-01T12:00:00Z", "HH:mm", "Europe/London")).toBe("12:00");
  });

  it("handles half-hour zones", () => {
    expect(formatInZone("2024-02-01T17:30:00Z", "YYYY-MM-DD HH:mm", "Asia/Kolkata")).toBe("2024-02-01 23:00");
  });
});

describe("formatInZone errors", () => {
  it("throws a plain Error on an invalid format", () => {
    expect(() => formatInZone("2024-02-02T07:30:00Z", "YYYY-MM-DD Q", "Asia/Shanghai")).toThrow(Error);
    expect(() => formatInZone("2024-02-02T07:30:00Z", "YYYY-MM-DD Q", "Asia/Shanghai")).toThrow(/Unknown token "Q"/);
    expect(() => formatInZone("2024-02-02T07:30:00Z", "", "Asia/Shanghai")).toThrow(/empty/);
  });

  it("throws on an invalid date", () => {
    expect(() => formatInZone("not a date", "YYYY", "UTC")).toThrow(/Invalid date/);
    expect(() => formatInZone(new Date(Number.NaN), "YYYY", "UTC")).toThrow(/Invalid date/);
  });

  it("throws on an unknown zone", () => {
    expect(() => formatInZone("2024-02-02T07:30:00Z", "YYYY", "Mars/Base")).toThrow(/Unknown time zone "Mars\/Base"/);
  });
});

describe("timeFormatProblem", () => {
  it.each([
    "YYYY-MM-DD HH:mm",
    "YYYY年MM月DD日 HH:mm",
    "YY/M/D h:mm A",
    "ddd, D M YYYY",
    "dddd HH:mm:ss",
    "[at] HH:mm",
    "HH",
    "A",
    "YYYYMMDD",
    "YYYY" + "-".repeat(60), // exactly 64 characters
  ])("accepts %j", (format) => {
    expect(timeFormatProblem(format)).toBeNull();
  });

  it("names the first unknown token, its 1-based position and the known tokens", () => {
    expect(timeFormatProblem("YYYY-MM-DD Q")).toBe(
      `Unknown token "Q" at position 12; known tokens: ${KNOWN}. Put other letters in square brackets, e.g. [at]`,
    );
  });

  it.each([
    ["yyyy-MM-dd", "yyyy", 1],
    ["YYYY-MM-DDTHH:mm", "T", 11],
    ["YYYY-MMM-DD", "MMM", 6],
    ["YYYYY", "YYYYY", 1],
    ["YYY", "YYY", 1],
    ["DD dd", "dd", 4],
    ["HH:mm at", "a", 7],
    ["Do MMMM", "o", 2],
    ["HH:MM:SS", "SS", 7],
    ["YYYY-MM-DD Q Z", "Q", 12],
  ])("refuses %j: unknown %j at %d", (format, token, position) => {
    const problem = timeFormatProblem(format);
    expect(problem).toContain(`Unknown token "${token}" at position ${position}`);
    expect(problem).toContain(`known tokens: ${KNOWN}`);
  });

  it("refuses an empty format", () => {
    expect(timeFormatProblem("")).toMatch(/empty/);
  });

  it("refuses a format longer than 64 characters", () => {
    expect(timeFormatProblem("YYYY" + "-".repeat(61))).toBe("The format is 65 characters long; at most 64 are allowed");
  });

  it("refuses an unclosed bracket", () => {
    expect(timeFormatProblem("[at HH:mm")).toMatch(/^Unclosed "\[" at position 1/);
    expect(timeFormatProblem("YYYY [at")).toMatch(/^Unclosed "\[" at position 6/);
  });

  it("refuses a format without any date or time token", () => {
    for (const format of ["---", " ", "年月日", "[YYYY-MM-DD]", "2024"]) {
      expect(timeFormatProblem(format), format).toMatch(/^The format has no date or time token/);
    }
  });
});

describe("timeZoneProblem", () => {
  it.each(["Asia/Shanghai", "UTC", "Etc/UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Etc/GMT-8"])(
    "accepts %s",
    (zone) => {
      expect(timeZoneProblem(zone)).toBeNull();
    },
  );

  it("accepts every zone Intl lists", () => {
    for (const zone of Intl.supportedValuesOf("timeZone")) expect(timeZoneProblem(zone), zone).toBeNull();
  });

  it("refuses unknown zones", () => {
    expect(timeZoneProblem("Mars/Base")).toBe('Unknown time zone "Mars/Base"; use an IANA name, e.g. Asia/Shanghai');
    expect(timeZoneProblem("Asia/Atlantis")).toMatch(/^Unknown time zone/);
  });

  it.each(["+08:00", "-05:00", "+0800", "UTC+8", "GMT-05:00", "utc+08:00", "\u221208:00", "Z"])(
    "refuses the raw offset %j",
    (zone) => {
      const problem = timeZoneProblem(zone);
      expect(problem).toMatch(/is a UTC offset, not a time zone/);
      expect(problem).toContain("Asia/Shanghai");
    },
  );

  it.each(["CST", "EST", "PST", "GMT", "PRC", "BJT", "cst"])("refuses the abbreviation %j", (zone) => {
    const problem = timeZoneProblem(zone);
    expect(problem).toBe(`"${zone}" is an abbreviation, not a time zone; use an IANA name, e.g. Asia/Shanghai`);
  });

  it("refuses empty and padded values", () => {
    expect(timeZoneProblem("")).toMatch(/^The time zone is empty/);
    expect(timeZoneProblem("   ")).toMatch(/^The time zone is empty/);
    expect(timeZoneProblem(" Asia/Shanghai")).toMatch(/has spaces around it/);
  });

  it("asks for the usual spelling", () => {
    expect(timeZoneProblem("asia/shanghai")).toBe('Write the time zone as "Asia/Shanghai", not "asia/shanghai"');
    expect(timeZoneProblem("utc")).toBe('Write the time zone as "UTC", not "utc"');
  });
});

describe("timeDisplaySchema", () => {
  /** Each rejected field's path with its messages. */
  function issues(input: unknown): Record<string, string[]> {
    const result = timeDisplaySchema.safeParse(input);
    expect(result.success, "expected the config to be rejected").toBe(false);
    const out: Record<string, string[]> = {};
    for (const issue of result.error!.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
    return out;
  }

  it("accepts the seed's config", () => {
    expect(timeDisplaySchema.parse(defaultTimeDisplay)).toEqual({
      aftersales_time_format: "YYYY-MM-DD HH:mm",
      sales_time_format: "YYYY-MM-DD HH:mm",
      show_payment_time: true,
      timezone: "Asia/Shanghai",
    });
  });

  it("accepts other valid configs", () => {
    const config = {
      aftersales_time_format: "YYYY年M月D日 A h:mm",
      sales_time_format: "[Paid] ddd DD/MM HH:mm",
      show_payment_time: false,
      timezone: "America/New_York",
    };
    expect(timeDisplaySchema.parse(config)).toEqual(config);
  });

  it("refuses unknown keys", () => {
    const result = timeDisplaySchema.safeParse({ ...defaultTimeDisplay, cache_time: 300 });
    expect(result.success).toBe(false);
    const [issue] = result.error!.issues;
    expect(issue?.code).toBe("unrecognized_keys");
    expect(issue).toMatchObject({ keys: ["cache_time"] });
  });

  it("puts each problem on its field, with the problem as the message", () => {
    expect(
      issues({
        aftersales_time_format: "YYYY-MM-DD Q",
        sales_time_format: "yyyy-MM-dd",
        show_payment_time: "yes",
        timezone: "+08:00",
      }),
    ).toEqual({
      aftersales_time_format: [timeFormatProblem("YYYY-MM-DD Q")],
      sales_time_format: [timeFormatProblem("yyyy-MM-dd")],
      show_payment_time: ["show_payment_time must be true or false"],
      timezone: [timeZoneProblem("+08:00")],
    });
  });

  it("names the field of a single bad value", () => {
    expect(issues({ ...defaultTimeDisplay, timezone: "CST" })).toEqual({ timezone: [timeZoneProblem("CST")] });
    expect(issues({ ...defaultTimeDisplay, sales_time_format: "" })).toEqual({
      sales_time_format: [timeFormatProblem("")],
    });
    expect(issues({ ...defaultTimeDisplay, aftersales_time_format: "[HH:mm" })).toEqual({
      aftersales_time_format: [timeFormatProblem("[HH:mm")],
    });
  });

  it("refuses missing fields and wrong types, by field", () => {
    expect(Object.keys(issues({})).sort()).toEqual([
      "aftersales_time_format",
      "sales_time_format",
      "show_payment_time",
      "timezone",
    ]);
    expect(issues({ ...defaultTimeDisplay, sales_time_format: 12 })).toEqual({
      sales_time_format: ["sales_time_format must be a string"],
    });
  });

  it("keeps the seed's defaults frozen", () => {
    expect(Object.isFrozen(defaultTimeDisplay)).toBe(true);
  });
});

describe("formatAge", () => {
  const s = 1_000;
  const min = 60 * s;
  const h = 60 * min;
  const day = 24 * h;

  it.each([
    [0, "刚刚", "just now"],
    [59 * s + 999, "刚刚", "just now"],
    [-5 * s, "刚刚", "just now"],
    [Number.NaN, "刚刚", "just now"],
    [min, "1分钟前", "1 minute ago"],
    [5 * min, "5分钟前", "5 minutes ago"],
    [5 * min + 59 * s, "5分钟前", "5 minutes ago"],
    [60 * min - 1, "59分钟前", "59 minutes ago"],
    [h, "1小时前", "1 hour ago"],
    [2 * h + 30 * min, "2小时前", "2 hours ago"],
    [48 * h - 1, "47小时前", "47 hours ago"],
    [48 * h, "2天前", "2 days ago"],
    [3 * day + 23 * h, "3天前", "3 days ago"],
    [400 * day, "400天前", "400 days ago"],
  ])("%d ms is %s / %s", (ms, zh, en) => {
    expect(formatAge(ms, "zh-CN")).toBe(zh);
    expect(formatAge(ms, "en")).toBe(en);
  });
});

describe("sampleTimeDisplay", () => {
  it("shows the sample instant in the seed's config", () => {
    expect(sampleTimeDisplay(defaultTimeDisplay, "zh-CN")).toEqual({
      aftersales: "2024-02-02 15:30",
      sales: "2024-02-02 15:30",
    });
  });

  it("follows each format, the zone and the locale", () => {
    const config = {
      ...defaultTimeDisplay,
      aftersales_time_format: "YYYY年M月D日 dddd A h:mm",
      sales_time_format: "ddd D/M/YY hh:mm A",
      timezone: "America/New_York",
    };
    expect(sampleTimeDisplay(config, "zh-CN")).toEqual({
      aftersales: "2024年2月2日 星期五 上午 2:30",
      sales: "周五 2/2/24 02:30 上午",
    });
    expect(sampleTimeDisplay(config, "en")).toEqual({
      aftersales: "2024年2月2日 Friday AM 2:30",
      sales: "Fri 2/2/24 02:30 AM",
    });
  });
});

describe("browser safety", () => {
  it("imports nothing server-only or Node-only", () => {
    const source = fs.readFileSync(path.join(import.meta.dirname, "time-display.ts"), "utf8");
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports).toEqual(["zod", "@/lib/i18n/config"]);
    expect(source).not.toMatch(/["']server-only["']|["']node:|\bprocess\.|\brequire\(/);
  });
});
