import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleJobs } from "@/lib/jobs/outbox";
import { withTestDatabase } from "@/test/db";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { createStaff } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { startProjectLibrary } from "@/test/projects";

/**
 * Who may call which project endpoint (lib/auth/permissions.ts), over HTTP with bearer tokens: every
 * new route × anonymous, admin, agent, ops manager and technician. A person's link opens the project
 * for whoever holds it; everything else needs the role's permission.
 */

withTestDatabase();
withApiServer();

const columns = ["anon", "admin", "agent", "ops_manager", "technician"] as const;
type Column = (typeof columns)[number];
type Expect = [anon: number, admin: number, agent: number, ops: number, tech: number];

let library: FakeProjectLibrary;
const tokens: Partial<Record<Column, string>> = {};
let adminToken: string;
let linkToken: string;

beforeAll(async () => {
  const [admin, agent, ops, tech] = await Promise.all([
    createStaff("admin"),
    createStaff("agent"),
    createStaff("ops_manager"),
    createStaff("technician"),
  ]);
  Object.assign(tokens, { admin: admin.token, agent: agent.token, ops_manager: ops.token, technician: tech.token });
  adminToken = admin.token;
  ({ fake: library } = await startProjectLibrary(admin, { projects: 6 }));
  await api("POST", "/api/projects/sync", { token: adminToken, json: { force: true } });
  linkToken = (
    await api("POST", "/api/projects/P100001/tokens", { token: adminToken, json: { access_type: "customer", user_id: "C100001" } })
  ).body.token;
});
afterAll(async () => {
  await settleJobs();
  await library?.close();
});

/** A link to revoke, made fresh for each call. */
const freshJti = async () =>
  (await api("POST", "/api/projects/P100002/tokens", { token: adminToken, json: { access_type: "customer", user_id: "C100002" } })).body
    .link.jti as string;

const rows: { route: string; expect: Expect; call: () => Promise<{ method: string; path: string; json?: unknown }> }[] = [
  { route: "GET /api/projects", expect: [401, 200, 200, 200, 403], call: async () => ({ method: "GET", path: "/api/projects" }) },
  { route: "GET /api/projects/{id} (staff)", expect: [401, 200, 200, 200, 403], call: async () => ({ method: "GET", path: "/api/projects/P100001" }) },
  {
    route: "GET /api/projects/{id}?token",
    expect: [200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: `/api/projects/P100001?token=${linkToken}` }),
  },
  {
    route: "GET /api/projects/{id}/verify-access",
    expect: [200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: `/api/projects/P100001/verify-access?token=${linkToken}` }),
  },
  { route: "GET /api/projects/{id}/tokens", expect: [401, 200, 200, 200, 403], call: async () => ({ method: "GET", path: "/api/projects/P100001/tokens" }) },
  {
    route: "POST /api/projects/{id}/tokens",
    expect: [401, 201, 201, 201, 403],
    call: async () => ({ method: "POST", path: "/api/projects/P100001/tokens", json: { access_type: "customer", user_id: "C100001" } }),
  },
  {
    route: "DELETE /api/projects/{id}/tokens/{jti}",
    expect: [401, 200, 200, 200, 403],
    call: async () => ({ method: "DELETE", path: `/api/projects/P100002/tokens/${await freshJti()}` }),
  },
  { route: "POST /api/projects/sync", expect: [401, 200, 403, 200, 403], call: async () => ({ method: "POST", path: "/api/projects/sync", json: {} }) },
  { route: "GET /api/projects/sync-history", expect: [401, 200, 200, 200, 403], call: async () => ({ method: "GET", path: "/api/projects/sync-history" }) },
  { route: "GET /api/config/project-sync", expect: [401, 200, 403, 403, 403], call: async () => ({ method: "GET", path: "/api/config/project-sync" }) },
  {
    route: "POST /api/config/project-sync",
    expect: [401, 200, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/config/project-sync", json: { cache_ttl: 45 } }),
  },
  { route: "GET /api/config/time-display", expect: [401, 200, 403, 403, 403], call: async () => ({ method: "GET", path: "/api/config/time-display" }) },
  {
    route: "POST /api/config/time-display",
    expect: [401, 200, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/config/time-display", json: { show_payment_time: true } }),
  },
];

describe("project endpoints × roles", () => {
  for (const row of rows) {
    it(row.route, async () => {
      const got: number[] = [];
      for (const column of columns) {
        const call = await row.call();
        got.push((await api(call.method, call.path, { token: tokens[column], json: call.json })).status);
      }
      expect(got).toEqual(row.expect);
    });
  }
});
