import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, looksLikeToken, redactUrl } from "./logger";

const JWT =
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTkzIiwiYXVkIjoic2VydmljZWh1Yjp0cmFjayJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";
const API_TOKEN = "shk_Q2hlY2tUaGlzSXNBU2VjcmV0VG9rZW4xMjM0NTY3ODk";
const RANDOM = "k9Xv2mQp7LwR4tZs8YbN3cHd";

describe("redactUrl", () => {
  it.each([
    [`/api/public/track/${JWT}`, "/api/public/track/[redacted]"],
    [`/api/public/track/${JWT}/cancel`, "/api/public/track/[redacted]/cancel"],
    [`/track/${RANDOM}`, "/track/[redacted]"],
    [`/api/projects/42?token=${JWT}&use_cache=true`, "/api/projects/42?token=[redacted]&use_cache=true"],
    ["/api/x?api_key=short&page=2", "/api/x?api_key=[redacted]&page=2"],
    [`/api/x?next=${API_TOKEN}`, "/api/x?next=[redacted]"],
    [`https://host.example/api/x?Signature=abc#frag`, "https://host.example/api/x?Signature=[redacted]"],
  ])("%s → %s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    "/api/tickets/0193a1b2-7c3d-4e5f-8a9b-0c1d2e3f4a5b/assign", // record ids stay readable
    "/api/tickets?status=BOOKED&page=2&sort=appointment",
    "/api/tickets?q=%E6%B5%A6%E4%B8%9C%E6%96%B0%E5%8C%BA",
    "/api/work-order-systems/12/test_connection/",
    "/api/sync-logs/performance_analysis/",
    "/api/tickets/counts",
    "/api/tickets?q=TK261122A7Q3X",
  ])("keeps %s", (input) => {
    expect(redactUrl(input)).toBe(input);
  });

  it("recognises token shapes, not words or ids", () => {
    expect([JWT, API_TOKEN, RANDOM].every(looksLikeToken)).toBe(true);
    expect(["performance_analysis", "upcoming_deadline", "0193a1b2-7c3d-4e5f-8a9b-0c1d2e3f4a5b", "TK261122A7Q3X"].some(looksLikeToken)).toBe(
      false,
    );
  });
});

describe("the logger", () => {
  it("never writes a token from a path, a query or a secret-named field", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger(sink, "debug");
    log.info({ path: `/api/public/track/${JWT}`, status: 404 }, "api request");
    log.info({ url: `/api/projects/1?token=${RANDOM}` }, "fetch");
    log.info({ token: API_TOKEN, details: { password: "hunter2", phone: "13800138000" } }, "fields");
    const text = lines.join("");
    for (const secret of [JWT, RANDOM, API_TOKEN, "hunter2", "13800138000"]) expect(text).not.toContain(secret);
    expect(text).toContain("/api/public/track/[redacted]");
  });
});
