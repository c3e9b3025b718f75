import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tickets } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { bookingFor } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { discoverRouteFiles, matchRoute, withApiServer } from "@/test/http/server";
import { createApiWorld, nextAppointment, type ApiWorld } from "./support";

/** The harness itself: it must route like `next start` does, or the other suites prove nothing. */

withTestDatabase();
const { server } = withApiServer();

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
});

describe("the test API server", () => {
  it("serves every route handler under app/api except Auth.js and Inngest", () => {
    const routes = server().routes.map((r) => r.route);
    expect(routes).toEqual(expect.arrayContaining(["health", "tickets", "tickets/counts", "tickets/[id]"]));
    expect(routes.some((r) => r.startsWith("auth/") || r.startsWith("inngest"))).toBe(false);
    expect(routes.length).toBe(discoverRouteFiles().length);
  });

  it("matches static segments before params, and decodes params", () => {
    const routes = server().routes;
    expect(matchRoute(routes, "/api/tickets/counts")?.entry.route).toBe("tickets/counts");
    expect(matchRoute(routes, "/api/tickets/abc")).toMatchObject({ entry: { route: "tickets/[id]" }, params: { id: "abc" } });
    expect(matchRoute(routes, "/api/tickets/1%20OR%201%3D1/confirm")?.params).toEqual({ id: "1 OR 1=1" });
    expect(matchRoute(routes, "/api/tickets//confirm")).toBeNull();
    expect(matchRoute(routes, "/api")).toBeNull();
  });

  it("answers a route with and without a trailing slash alike", async () => {
    for (const p of ["/api/health", "/api/tickets/counts", `/api/tickets/${crypto.randomUUID()}`]) {
      const a = await api("GET", p, { token: world.admin.token });
      const b = await api("GET", `${p}/`, { token: world.admin.token });
      expect(b.status, p).toBe(a.status);
      expect(Object.keys(b.body)).toEqual(Object.keys(a.body));
    }
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await api("GET", "/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("answers a method the route does not export with 405 and the allowed ones", async () => {
    const res = await api("DELETE", "/api/tickets", { token: world.admin.token });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(res.body.error.code).toBe("method_not_allowed");
    const put = await api("PUT", `/api/tickets/${crypto.randomUUID()}/confirm`, { json: { version: 1 } });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
  });

  it("streams the request body to the handler and writes to the database the test sees", async () => {
    const input = bookingFor(world.center, nextAppointment());
    const res = await api("POST", "/api/public/booking/", { json: input, headers: { "x-request-id": "req-from-test" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe("req-from-test");
    // The tracking URL is built from the request's own host, as behind `next start`.
    expect(res.body.tracking_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/track\//);
    const db = await getDb();
    const [row] = await db.select().from(tickets).where(eq(tickets.id, res.body.ticket_id));
    expect(row?.customerName).toBe(input.customer_name);
  });
});
