import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { clientIp, proxyReport, resetClientIpObservations } from "./client-ip";

const withHops = (hops: number | undefined) => {
  if (hops === undefined) delete process.env.TRUSTED_PROXY_HOPS;
  else process.env.TRUSTED_PROXY_HOPS = String(hops);
  resetEnvCache();
};
const xff = (value: string | null) => new Headers(value === null ? {} : { "x-forwarded-for": value });

afterEach(() => {
  withHops(undefined);
  resetClientIpObservations();
});

describe("clientIp", () => {
  it("with one proxy declared, takes the address that proxy appended, whatever the client wrote before it", () => {
    withHops(1);
    expect(clientIp(xff("203.0.113.5"))).toBe("203.0.113.5");
    expect(clientIp(xff("1.2.3.4, 203.0.113.5"))).toBe("203.0.113.5");
  });

  it("with two proxies (a CDN, then a load balancer), takes the address the outer one saw", () => {
    withHops(2);
    expect(clientIp(xff("6.6.6.6, 203.0.113.5, 10.0.0.2"))).toBe("203.0.113.5");
    // A proxy missing from the chain: the leftmost entry, the best guess there is.
    expect(clientIp(xff("203.0.113.5"))).toBe("203.0.113.5");
  });

  it("with none declared (the default), takes the last entry — which a direct client can choose", () => {
    withHops(undefined);
    expect(clientIp(xff("198.51.100.9"))).toBe("198.51.100.9");
    expect(clientIp(xff(null))).toBe("unknown");
  });
});

describe("proxyReport (in GET /api/health)", () => {
  it("warns once requests from other machines arrive with no proxy hop declared", () => {
    withHops(undefined);
    expect(proxyReport(xff("127.0.0.1"))).toEqual({ trusted_proxy_hops: 0 });
    clientIp(xff("198.51.100.9")); // any request the app served
    const report = proxyReport(xff("127.0.0.1"));
    expect(report.trusted_proxy_hops).toBe(0);
    expect(report.warning).toMatch(/X-Forwarded-For/);
    expect(report.warning).toMatch(/TRUSTED_PROXY_HOPS/);
  });

  it("is quiet behind a declared proxy", () => {
    withHops(1);
    clientIp(xff("198.51.100.9"));
    expect(proxyReport(xff("198.51.100.9"))).toEqual({ trusted_proxy_hops: 1 });
  });
});
