import { afterEach, describe, expect, it } from "vitest";
import { HSTS_VALUE, transportHeaders } from "./transport-headers";

const saved = { PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL, AUTH_URL: process.env.AUTH_URL };
const set = (vars: Partial<typeof saved>) => {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
};
afterEach(() => set(saved));

describe("transportHeaders (sent by proxy.ts on every response)", () => {
  it("sends Strict-Transport-Security when the public URL is https", () => {
    set({ PUBLIC_BASE_URL: "https://service.example.com", AUTH_URL: undefined });
    expect(transportHeaders()).toEqual({ "Strict-Transport-Security": HSTS_VALUE });
    set({ PUBLIC_BASE_URL: undefined, AUTH_URL: "https://service.example.com" });
    expect(transportHeaders()).toEqual({ "Strict-Transport-Security": HSTS_VALUE });
  });

  it("sends nothing over plain http (local use), where browsers would ignore it anyway", () => {
    set({ PUBLIC_BASE_URL: undefined, AUTH_URL: undefined });
    expect(transportHeaders()).toEqual({});
    set({ PUBLIC_BASE_URL: "http://localhost:3000", AUTH_URL: undefined });
    expect(transportHeaders()).toEqual({});
  });
});
