import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetClientIpObservations } from "@/lib/http/client-ip";
import { withTestDatabase } from "@/test/db";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";

withTestDatabase();
withApiServer();

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
  resetEnvCache();
  resetClientIpObservations();
});

describe("GET /api/health", () => {
  it("reports the database, the job driver and how client addresses are read", async () => {
    const res = await api("GET", "/api/health", { headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "ok",
      database: { ok: true },
      jobs: { driver: "inline" },
      proxy: { trusted_proxy_hops: 0 },
    });
    expect(res.body.proxy.warning).toBeUndefined();
  });

  it("says so when requests from other machines arrive and no proxy hop is declared", async () => {
    await api("GET", "/api/public/service-areas", { headers: { "x-forwarded-for": "198.51.100.23" } });
    const res = await api("GET", "/api/health", { headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(res.body.proxy.warning).toMatch(/a client can forge it/);

    process.env.TRUSTED_PROXY_HOPS = "1";
    resetEnvCache();
    const behindProxy = await api("GET", "/api/health", { headers: { "x-forwarded-for": "198.51.100.23" } });
    expect(behindProxy.body.proxy).toEqual({ trusted_proxy_hops: 1 });
  });
});
