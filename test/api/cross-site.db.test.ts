import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { bookingFor, jpegBytes } from "@/test/fixtures";
import { withTestDatabase } from "@/test/db";
import { api, type ApiCallOptions } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { sessionCookie } from "@/test/http/session";
import {
  addReceipt,
  createApiWorld,
  fileForm,
  freshTicket,
  insertDeadNotification,
  nextAppointment,
  persistentState,
  type ApiWorld,
} from "./support";
import { startWecomSink, type WecomSink } from "@/test/fakes/wecom-sink";
import { saveChannelSettings } from "@/lib/notifications/channel-settings";
import { settleJobs } from "@/lib/jobs/outbox";
import { requestSync } from "@/lib/sync/engine";
import { createSystem } from "@/lib/sync/systems";
import { listWorkOrders } from "@/lib/work-orders/queries";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { afterAll } from "vitest";
import { issueAccessLink } from "@/lib/projects/access-links";
import { runProjectSync } from "@/lib/projects/project-sync";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { startProjectLibrary } from "@/test/projects";

/**
 * CSRF (docs/security.md): a request authenticated by the session cookie that changes or reveals data must
 * come from the app's own origin. Checked once, in withApi, so it holds for every route — this file
 * proves it route by route: each cross-site call is refused with 403 and writes nothing, and the very
 * same call from the app's own page then succeeds (so the refusal was the origin check, nothing else).
 */

withTestDatabase();
const { server, url } = withApiServer();

const EVIL = "https://evil.example";
let world: ApiWorld;
let adminCookie: string;
let jpeg: Buffer;

let jira: FakeJira;
let systemCounter = 0;
const newSystem = async () =>
  (
    await createSystem(
      { name: `Jira ${++systemCounter}`, type: "jira", api_url: jira.url, username: FAKE_JIRA_EMAIL, api_key: FAKE_JIRA_TOKEN },
      world.admin,
    )
  ).id;
let workOrderId: number;
let library: FakeProjectLibrary;
let wecom: WecomSink;

beforeAll(async () => {
  world = await createApiWorld();
  adminCookie = await sessionCookie(world.admin);
  jpeg = await jpegBytes({ color: "#663399" });
  jira = await startFakeJira({ issues: generateIssues(3) });
  const systemId = await newSystem();
  ({ fake: library } = await startProjectLibrary(world.admin, { projects: 3 }));
  await runProjectSync({ sync_type: "manual", force: true }, "zh-CN");
  await requestSync(systemId, { trigger: "manual" });
  await settleJobs();
  workOrderId = (await listWorkOrders({ system_id: systemId, sort: "-updated", page: 1, page_size: 1 })).results[0]!.id;
  // A configured group bot, so the channel test has something to send to.
  wecom = await startWecomSink();
  await saveChannelSettings({ wecom: { enabled: true, webhook_url: wecom.url } }, world.admin);
});
afterAll(async () => {
  await settleJobs();
  await Promise.all([jira?.close(), library?.close(), wecom?.close()]);
});

interface Call {
  method: string;
  path: string;
  json?: unknown;
  form?: () => FormData;
}

/** Every state-changing staff route, with a call that succeeds when it comes from the app itself. */
const stateChanging: Record<string, () => Promise<Call>> = {
  "POST /api/tickets/{}/notes": async () => {
    const t = await freshTicket("CONFIRMED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/notes`, json: { body: "Call before coming" } };
  },
  "POST /api/tickets/{}/confirm": async () => {
    const t = await freshTicket("BOOKED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/confirm`, json: { version: t.version } };
  },
  "POST /api/tickets/{}/assign": async () => {
    const t = await freshTicket("CONFIRMED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/assign`, json: { version: t.version, technician_id: world.tech.id } };
  },
  "POST /api/tickets/{}/start": async () => {
    const t = await freshTicket("ASSIGNED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/start`, json: { version: t.version } };
  },
  "POST /api/tickets/{}/images": async () => {
    const t = await freshTicket("ASSIGNED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/images`, form: () => fileForm(jpeg) };
  },
  "POST /api/tickets/{}/complete": async () => {
    const t = await freshTicket("IN_PROGRESS", world);
    await addReceipt(t.id, world.admin);
    return { method: "POST", path: `/api/tickets/${t.id}/complete`, json: { version: t.version } };
  },
  "POST /api/tickets/{}/cancel": async () => {
    const t = await freshTicket("CONFIRMED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/cancel`, json: { version: t.version, reason: "客户改期" } };
  },
  "POST /api/tickets/{}/phone": async () => {
    const t = await freshTicket("CONFIRMED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/phone` };
  },
  "POST /api/tickets/{}/tracking-link": async () => {
    const t = await freshTicket("CONFIRMED", world);
    return { method: "POST", path: `/api/tickets/${t.id}/tracking-link` };
  },
  "POST /api/tokens": async () => ({ method: "POST", path: "/api/tokens", json: { name: "from a page" } }),
  "POST /api/work-order-systems": async () => ({
    method: "POST",
    path: "/api/work-order-systems/",
    json: { name: `Zendesk ${++systemCounter}`, api_url: "https://acme.zendesk.com" },
  }),
  "PUT /api/work-order-systems/{}": async () => ({ method: "PUT", path: `/api/work-order-systems/${await newSystem()}/`, json: { sync_interval: 900 } }),
  "DELETE /api/work-order-systems/{}": async () => ({ method: "DELETE", path: `/api/work-order-systems/${await newSystem()}/` }),
  "POST /api/work-order-systems/{}/sync": async () => ({ method: "POST", path: `/api/work-order-systems/${await newSystem()}/sync/` }),
  "POST /api/work-order-systems/sync_all": async () => ({ method: "POST", path: "/api/work-order-systems/sync_all/" }),
  "POST /api/work-order-systems/{}/test_connection": async () => ({
    method: "POST",
    path: `/api/work-order-systems/${await newSystem()}/test_connection/`,
  }),
  "POST /api/work-order-systems/{}/enable": async () => ({ method: "POST", path: `/api/work-order-systems/${await newSystem()}/enable/` }),
  "POST /api/work-order-systems/{}/disable": async () => ({ method: "POST", path: `/api/work-order-systems/${await newSystem()}/disable/` }),
  "PUT /api/work-orders/{}": async () => ({ method: "PUT", path: `/api/work-orders/${workOrderId}/`, json: { note: "seen" } }),
  "POST /api/work-orders/{}/update_external": async () => ({
    method: "POST",
    path: `/api/work-orders/${workOrderId}/update_external/`,
    json: { comment: "Checked on site" },
  }),
  "POST /api/projects/{}/tokens": async () => ({
    method: "POST",
    path: "/api/projects/P100001/tokens",
    json: { access_type: "customer", user_id: "C100001" },
  }),
  "DELETE /api/projects/{}/tokens/{}": async () => {
    const { row } = await getDb().then((db) =>
      issueAccessLink(db, { projectId: "P100001", accessType: "customer", userId: "C100001", userName: "客户" }, world.admin),
    );
    return { method: "DELETE", path: `/api/projects/P100001/tokens/${row.jti}` };
  },
  "POST /api/projects/sync": async () => ({ method: "POST", path: "/api/projects/sync", json: { force: true } }),
  "POST /api/config/project-sync": async () => ({ method: "POST", path: "/api/config/project-sync", json: { cache_ttl: 40 + ++systemCounter } }),
  "POST /api/config/time-display": async () => ({
    method: "POST",
    path: "/api/config/time-display",
    json: { show_payment_time: ++systemCounter % 2 === 0 },
  }),
  "PUT /api/config/notification-channels": async () => ({
    method: "PUT",
    path: "/api/config/notification-channels",
    json: { delivery: { max_attempts: 1 + (++systemCounter % 20) } },
  }),
  "POST /api/config/notification-channels/{}/test": async () => ({ method: "POST", path: "/api/config/notification-channels/wecom/test", json: {} }),
  "PUT /api/notification-templates/{}": async () => ({
    method: "PUT",
    path: "/api/notification-templates/ticket.completed:sms:en",
    json: { template_code: `SMS_${++systemCounter}` },
  }),
  "POST /api/notification-templates/preview": async () => ({
    method: "POST",
    path: "/api/notification-templates/preview",
    json: { event: "ticket.booked", channel: "sms", locale: "en", body: "Hi {{customer_name}}" },
  }),
  "POST /api/notifications/{}/retry": async () => ({ method: "POST", path: `/api/notifications/${await insertDeadNotification()}/retry` }),
  "DELETE /api/tokens/{}": async () => {
    const { id } = await createApiToken({ userId: world.admin.userId, name: "to revoke" }, world.admin.email);
    return { method: "DELETE", path: `/api/tokens/${id}` };
  },
};

const send = (call: Call, opts: ApiCallOptions) =>
  api(call.method, call.path, { json: call.json, form: call.form?.(), cookie: adminCookie, ...opts });

const expectCrossSiteRefusal = (res: Awaited<ReturnType<typeof api>>) => {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error).toMatchObject({ code: "forbidden", details: { reason: "cross_site_request" } });
  expect(res.body.error.message).toMatch(/Authorization: Bearer/);
};

describe("every state-changing staff route, with the session cookie", () => {
  it("is listed here (no route escapes this file)", () => {
    const unsafe = server().routes.flatMap((r) =>
      (["POST", "PUT", "PATCH", "DELETE"] as const)
        .filter((m) => r.handlers[m] && !r.route.startsWith("public/"))
        .map((m) => `${m} /api/${r.route.replace(/\[\w+\]/g, "{}")}`),
    );
    expect(Object.keys(stateChanging).sort()).toEqual(unsafe.sort());
  });

  for (const [route, makeCall] of Object.entries(stateChanging)) {
    it(`${route}: refused from another origin or with no origin, served from the app's own`, async () => {
      const call = await makeCall();
      const before = await persistentState();
      const tokensBefore = await tokenCount();

      expectCrossSiteRefusal(await send(call, { headers: { origin: EVIL } }));
      // A form post from an old browser, or a script replaying the cookie: no Origin at all.
      expectCrossSiteRefusal(await send(call, { origin: null }));
      // A sibling subdomain is the same site, but not the same origin.
      expectCrossSiteRefusal(await send(call, { headers: { origin: url().replace("127.0.0.1", "localhost") } }));
      expect(await persistentState()).toEqual(before);
      expect(await tokenCount()).toBe(tokensBefore);

      const ok = await send(call, {}); // Origin: the app's own, as a browser on our page sends it
      expect(ok.status, JSON.stringify(ok.body)).toBeLessThan(300);
      await settleJobs(); // a started sync finishes before the next route's "nothing written" check
    });
  }
});

describe("what the check looks at", () => {
  it("a classic cross-site form post (urlencoded, foreign Origin) is refused before its body is read", async () => {
    const t = await freshTicket("CONFIRMED", world);
    const res = await api("POST", `/api/tickets/${t.id}/phone`, {
      cookie: adminCookie,
      headers: { origin: EVIL, "content-type": "application/x-www-form-urlencoded" },
      body: "x=1",
    });
    expectCrossSiteRefusal(res);
  });

  it("with no Origin, Sec-Fetch-Site decides: same-origin passes, cross-site and same-site do not", async () => {
    const t = await freshTicket("CONFIRMED", world);
    const reveal = (fetchSite: string) =>
      api("POST", `/api/tickets/${t.id}/phone`, { cookie: adminCookie, origin: null, headers: { "sec-fetch-site": fetchSite } });
    expectCrossSiteRefusal(await reveal("cross-site"));
    expectCrossSiteRefusal(await reveal("same-site"));
    expectCrossSiteRefusal(await reveal("none")); // typed into the address bar: fine for reading, never for changes
    expect((await reveal("same-origin")).status).toBe(200);
  });

  it("`Origin: null` (sandboxed frames, privacy redirects) is refused", async () => {
    const t = await freshTicket("CONFIRMED", world);
    expectCrossSiteRefusal(await api("POST", `/api/tickets/${t.id}/phone`, { cookie: adminCookie, headers: { origin: "null" } }));
  });

  it("the configured public origin counts as the app's own (a proxy that rewrites the Host)", async () => {
    process.env.PUBLIC_BASE_URL = "https://service.example.com";
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    try {
      const t = await freshTicket("CONFIRMED", world);
      const res = await api("POST", `/api/tickets/${t.id}/phone`, {
        cookie: adminCookie,
        headers: { origin: "https://service.example.com" },
      });
      expect(res.status).toBe(200);
    } finally {
      delete process.env.PUBLIC_BASE_URL;
      resetEnvCache();
    }
  });

  it("a bearer token needs no Origin: scripts are not browsers", async () => {
    const t = await freshTicket("BOOKED", world);
    const res = await api("POST", `/api/tickets/${t.id}/confirm`, { token: world.agent.token, json: { version: 1 } });
    expect(res.status).toBe(200);
    const withForeignOrigin = await api("POST", `/api/tickets/${t.id}/phone`, {
      token: world.agent.token,
      headers: { origin: EVIL },
    });
    expect(withForeignOrigin.status).toBe(200);
  });

  it("plain reads with the cookie are served whatever the origin (a cross-site page cannot read the answer)", async () => {
    const res = await api("GET", "/api/tickets", { cookie: adminCookie, origin: null });
    expect(res.status).toBe(200);
  });

  it("a read that issues a link (GET tracking-link) is checked like a change", async () => {
    const t = await freshTicket("CONFIRMED", world);
    const path = `/api/tickets/${t.id}/tracking-link`;
    expectCrossSiteRefusal(await api("GET", path, { cookie: adminCookie, headers: { origin: EVIL } }));
    expectCrossSiteRefusal(await api("GET", path, { cookie: adminCookie, origin: null }));
    expectCrossSiteRefusal(
      await api("GET", path, { cookie: adminCookie, origin: null, headers: { "sec-fetch-site": "cross-site" } }),
    );
    // Our own page fetching it (same-origin GETs carry no Origin), or the person opening it directly.
    for (const fetchSite of ["same-origin", "none"]) {
      const res = await api("GET", path, { cookie: adminCookie, origin: null, headers: { "sec-fetch-site": fetchSite } });
      expect(res.status, fetchSite).toBe(200);
    }
  });

  it("public endpoints act for nobody, so a customer's booking from any page still works", async () => {
    const res = await api("POST", "/api/public/booking", {
      cookie: adminCookie,
      headers: { origin: EVIL },
      json: bookingFor(world.center, nextAppointment()),
    });
    expect(res.status).toBe(201);
  });
});

async function tokenCount() {
  const db = await getDb();
  return (await db.select({ n: count() }).from(apiTokens))[0]!.n;
}
