import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, setLogger } from "@/lib/logger";
import { withTestDatabase } from "@/test/db";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { createApiWorld, freshTicket, type ApiWorld } from "./support";

/**
 * No token in the logs (docs/security.md): every API request is logged (4xx at info, the rest at debug) with
 * its path and query, and a customer's tracking token travels in the path. The requests below carry
 * tokens every way they can; the captured log must not contain one of them.
 */

withTestDatabase();
withApiServer();

const lines: string[] = [];
let world: ApiWorld;

beforeAll(async () => {
  setLogger(
    createLogger(
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
      "debug",
    ),
  );
  world = await createApiWorld();
});
afterAll(() => setLogger(undefined));

describe("captured logs", () => {
  it("hold the requests but none of their tokens", async () => {
    const ticket = await freshTicket("ASSIGNED", world);
    const tracking = ticket.booking.tracking_token;
    const forged = `${tracking.slice(0, -6)}AAAAAA`;
    const secrets = [tracking, forged, world.agent.token, "p4ssw0rd-in-a-query-string"];

    expect((await api("GET", `/api/public/track/${tracking}`)).status).toBe(200);
    expect((await api("GET", `/api/public/track/${forged}`)).status).toBe(404);
    // A customer trying to cancel too late: a 409 logged at info, with the token in the path.
    expect((await api("POST", `/api/public/track/${tracking}/cancel`, { json: { reason: "不要了" } })).status).toBe(409);
    expect((await api("POST", `/api/public/track/${tracking}/cancel`, { json: {} })).status).toBe(422);
    // Tokens in the query string, and a bearer token that does not authenticate.
    await api("GET", `/api/tickets?token=${tracking}&password=p4ssw0rd-in-a-query-string`, { token: world.agent.token });
    await api("GET", `/api/tickets?next=${world.agent.token}`, { token: world.agent.token });
    expect((await api("GET", "/api/tickets", { headers: { authorization: `Bearer ${world.agent.token}x` } })).status).toBe(401);
    // A staff answer that contains a tracking link (bodies are never logged).
    const link = await api("GET", `/api/tickets/${ticket.id}/tracking-link`, { token: world.agent.token });
    expect(link.body.url).toContain("/track/");
    secrets.push(link.body.url.split("/track/")[1]);

    const text = lines.join("");
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; path?: string; status?: number });
    // The requests were logged, paths and all…
    expect(logged.filter((l) => l.msg === "api request").length).toBeGreaterThanOrEqual(8);
    expect(logged.some((l) => l.path === "/api/public/track/[redacted]/cancel" && l.status === 409)).toBe(true);
    expect(logged.some((l) => l.path?.startsWith("/api/tickets?token=[redacted]&password=[redacted]"))).toBe(true);
    // …and no token is anywhere in them.
    for (const secret of secrets) expect(text, `log contains ${secret.slice(0, 12)}…`).not.toContain(secret);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(text).not.toMatch(/shk_\w{10}/);
  });
});
