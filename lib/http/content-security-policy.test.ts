import { afterEach, describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

const saved = { PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL, AUTH_URL: process.env.AUTH_URL, NODE_ENV: process.env.NODE_ENV };
const set = (vars: Partial<Record<keyof typeof saved, string | undefined>>) => {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete (process.env as Record<string, string | undefined>)[k];
    else (process.env as Record<string, string | undefined>)[k] = v;
  }
};
afterEach(() => set(saved));

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy (sent by proxy.ts on every page)", () => {
  it("allows only scripts with this request's nonce, and what they load", () => {
    set({ NODE_ENV: "production", PUBLIC_BASE_URL: "http://127.0.0.1:3000" });
    const csp = contentSecurityPolicy("abc123==");
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "script-src")).not.toContain("unsafe-inline");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "default-src")).toBe("default-src 'self'");
  });

  it("upgrades insecure requests only on an https site", () => {
    set({ NODE_ENV: "production", PUBLIC_BASE_URL: "http://127.0.0.1:3000" });
    expect(contentSecurityPolicy("n")).not.toContain("upgrade-insecure-requests");
    set({ PUBLIC_BASE_URL: "https://service.example.com" });
    expect(contentSecurityPolicy("n")).toContain("upgrade-insecure-requests");
  });

  it("lets React's development tooling evaluate code in development only", () => {
    set({ NODE_ENV: "development" });
    expect(directive(contentSecurityPolicy("n"), "script-src")).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
