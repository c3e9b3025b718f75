import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorStatus } from "../errors";
import { locales } from "./config";
import { errorMessageKey, errorMessageKeys } from "./error-messages";

const errorsIn = (locale: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "messages", locale, "common.json"), "utf8")).errors;

describe("the error-code → message map", () => {
  it.each(locales)("has a sentence for every AppError code, network and unknown in %s", (locale) => {
    const messages = errorsIn(locale);
    for (const code of [...Object.keys(errorStatus), "network", "unknown"]) {
      expect(typeof messages[code] === "string" && (messages[code] as string).trim().length > 0, code).toBe(true);
    }
    // No leftovers: a message for a code that no longer exists would hide a renamed code.
    expect(Object.keys(messages).sort()).toEqual([...errorMessageKeys].sort());
  });

  it("says the same thing in different words in each language", () => {
    const [zh, en] = [errorsIn("zh-CN"), errorsIn("en")];
    for (const key of errorMessageKeys) expect(zh[key], key).not.toBe(en[key]);
  });

  it("reads the code of an action's error or an ApiError, never its message", () => {
    expect(errorMessageKey({ code: "conflict", message: "Version 3 is stale" })).toBe("conflict");
    expect(errorMessageKey({ code: "invalid_transition", status: 409, message: "COMPLETED → start" })).toBe(
      "invalid_transition",
    );
    expect(errorMessageKey({ code: "rate_limited", status: 429 })).toBe("rate_limited");
  });

  it("treats a failed connection as network, whatever shape it takes", () => {
    expect(errorMessageKey(new TypeError("Failed to fetch"))).toBe("network");
    expect(errorMessageKey(null)).toBe("network");
    expect(errorMessageKey(undefined)).toBe("network");
    expect(errorMessageKey({ code: "network", status: 0 })).toBe("network");
  });

  it("falls back on the HTTP status for an answer without a known code, then on unknown", () => {
    expect(errorMessageKey({ code: "http_error", status: 413 })).toBe("payload_too_large");
    expect(errorMessageKey({ code: "http_error", status: 401 })).toBe("unauthorized");
    expect(errorMessageKey({ code: "http_error", status: 504 })).toBe("unknown");
    expect(errorMessageKey({ code: "teapot" })).toBe("unknown");
    expect(errorMessageKey(new Error("boom"))).toBe("unknown");
    // Inherited object keys are not codes.
    expect(errorMessageKey({ code: "toString" })).toBe("unknown");
  });
});
