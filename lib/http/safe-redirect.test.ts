import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./safe-redirect";

const APP = "https://service.example.com";

describe("sameOriginPath: a callbackUrl leads to a page of this origin or to the fallback", () => {
  it.each([
    ["/admin/tickets", "/admin/tickets"],
    ["/admin/tickets?status=BOOKED&page=2", "/admin/tickets?status=BOOKED&page=2"],
    ["/admin/tickets#list", "/admin/tickets#list"],
    ["admin/tickets", "/admin/tickets"], // relative: resolved against the origin's root
    [`${APP}/admin/my-jobs`, "/admin/my-jobs"], // absolute, same origin
    ["/a/..//evil.example", "/evil.example"], // same origin as a URL, but `//evil.example` as a bare path
    ["%2F%5Cevil.example", "/%2F%5Cevil.example"], // encoded twice: a harmless path of ours
  ])("%j → %j", (target, expected) => {
    expect(sameOriginPath(target, APP)).toBe(expected);
  });

  it.each([
    ["backslash after the slash (the reported payload, decoded)", "/\\evil.example"],
    ["tab between slashes (the second payload)", "/\t/evil.example"],
    ["newline between slashes", "/\n/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/admin"],
    ["two backslashes", "\\\\evil.example"],
    ["slash and backslashes", "/\\\\evil.example"],
    ["absolute URL of another host", "https://evil.example/admin"],
    ["same host, other scheme", "http://service.example.com/admin"],
    ["same host, other port", "https://service.example.com:8443/admin"],
    ["a look-alike host", "https://service.example.com.evil.example/"],
    ["userinfo trick", "https://service.example.com@evil.example/"],
    ["javascript: URL", "javascript:alert(1)"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["leading spaces before //", "  //evil.example"],
    ["empty", ""],
  ])("%s → the fallback", (_label, target) => {
    expect(sameOriginPath(target, APP)).toBe("/admin");
  });

  it("non-strings and oversized values fall back", () => {
    expect(sameOriginPath(undefined, APP)).toBe("/admin");
    expect(sameOriginPath(["/admin/tickets"], APP)).toBe("/admin");
    expect(sameOriginPath(`/${"a".repeat(3000)}`, APP)).toBe("/admin");
    expect(sameOriginPath("//evil.example", APP, "/login")).toBe("/login");
  });

  it("never returns something a browser would read as another host", () => {
    const payloads = ["/\\evil.example", "/\t/evil.example", "//evil.example", "/a/..//evil.example", "/.//evil.example"];
    for (const p of payloads) {
      const path = sameOriginPath(p, APP);
      expect(path.startsWith("//") || path.startsWith("/\\")).toBe(false);
      expect(new URL(path, APP).origin).toBe(APP);
    }
  });
});
