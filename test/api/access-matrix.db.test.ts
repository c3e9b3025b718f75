import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens, ticketImages } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { bookingFor, createStaff, deactivateUser, jpegBytes, tomorrow } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { SESSION_COOKIE, sessionCookie } from "@/test/http/session";
import {
  addReceipt,
  createApiWorld,
  fileForm,
  freshTicket,
  insertDeadNotification,
  nextAppointment,
  type ApiWorld,
} from "./support";
import { createSystem } from "@/lib/sync/systems";
import { requestSync } from "@/lib/sync/engine";
import { settleJobs } from "@/lib/jobs/outbox";
import { listWorkOrders } from "@/lib/work-orders/queries";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { afterAll } from "vitest";
import { issueAccessLink } from "@/lib/projects/access-links";
import { runProjectSync } from "@/lib/projects/project-sync";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { startProjectLibrary } from "@/test/projects";

/**
 * Who may call what, over HTTP, with bearer API tokens: every route × every caller, as one explicit
 * table (lib/auth/permissions.ts). Each state-changing call gets a fresh ticket in a state
 * where the action is allowed, so the answer reflects permission and ticket scope, not state; the
 * rows at the end put tickets in the wrong state on purpose, to pin the order of the checks:
 * authentication (401), then permission (403), then the technician's ticket scope (404), then state (409).
 */

withTestDatabase();
const { server } = withApiServer();

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const columns = ["anon", "admin", "agent", "ops_manager", "tech_own", "tech_other"] as const;
type Column = (typeof columns)[number];
/** Expected status per column, in the order of `columns`. */
type Expect = [anon: number, admin: number, agent: number, ops: number, techOwn: number, techOther: number];

interface Cell {
  column: Column;
  /** The caller's API token (none for anon). */
  token: string | undefined;
  /** The technician the cell's ticket belongs to: the calling technician in tech_own, another one in tech_other. */
  owner: { id: string };
  /** A technician the ticket does not belong to (a target for re-assignment). */
  notOwner: { id: string };
}
interface Call {
  method: string;
  path: string;
  json?: unknown;
  form?: FormData;
}
interface Row {
  route: string;
  expect: Expect;
  call: (cell: Cell) => Promise<Call>;
}

let world: ApiWorld;
/** Tickets only read (not changed) by the matrix: one of the calling technician's, one of another technician's. */
let shared: {
  own: { id: string; trackingToken: string; imageId: string };
  other: { id: string; imageId: string };
};
let jpeg: Buffer;

async function readOnlyTicket(tech: { id: string }) {
  const t = await freshTicket("IN_PROGRESS", world, { tech });
  await addReceipt(t.id, world.admin);
  const db = await getDb();
  const [image] = await db.select().from(ticketImages).where(eq(ticketImages.ticketId, t.id));
  return { id: t.id, trackingToken: t.booking.tracking_token, imageId: image!.id };
}

/** The sync hub's rows need a remote: a fake Jira, a system synced from it, and its work orders. */
let jira: FakeJira;
let hub: { systemId: number; workOrderIds: number[]; runId: number };
let systemCounter = 0;
async function newJiraSystem() {
  const admin = world.admin;
  const created = await createSystem(
    {
      name: `Matrix Jira ${++systemCounter}`,
      type: "jira",
      api_url: jira.url,
      username: FAKE_JIRA_EMAIL,
      api_key: FAKE_JIRA_TOKEN,
      settings: { project_key: "OPS" },
    },
    admin,
  );
  return created.id;
}

beforeAll(async () => {
  world = await createApiWorld();
  shared = { own: await readOnlyTicket(world.tech), other: await readOnlyTicket(world.otherTech) };
  jpeg = await jpegBytes({ color: "#aa3355" });
  jira = await startFakeJira({ issues: generateIssues(30) });
  const systemId = await newJiraSystem();
  const run = await requestSync(systemId, { trigger: "manual" });
  await settleJobs();
  const { results } = await listWorkOrders({ system_id: systemId, sort: "-updated", page: 1, page_size: 30 });
  hub = { systemId, workOrderIds: results.map((r) => r.id), runId: run.id };
  ({ fake: library } = await startProjectLibrary(world.admin, { projects: 6 }));
  await runProjectSync({ sync_type: "manual", force: true }, "zh-CN");
  const db = await getDb();
  const link = await issueAccessLink(db, { projectId: "P100001", accessType: "customer", userId: "C100001", userName: "客户" }, world.admin);
  projectLink = link.token;
});
afterAll(async () => {
  await settleJobs();
  await Promise.all([jira?.close(), library?.close()]);
});

/** The project library the project rows read, and a link to one of its projects. */
let library: FakeProjectLibrary;
let projectLink: string;
/** A live link to revoke, made fresh for each call. */
async function freshProjectLinkId() {
  const db = await getDb();
  const { row } = await issueAccessLink(db, { projectId: "P100002", accessType: "customer", userId: "C100002", userName: "客户" }, world.admin);
  return row.jti;
}

let workOrderCursor = 0;
const nextWorkOrder = () => hub.workOrderIds[workOrderCursor++ % hub.workOrderIds.length]!;

const ownTicket = (cell: Cell) => (cell.column === "tech_other" ? shared.other : shared.own);

// prettier-ignore
const matrix: Row[] = [
  //                                                          anon admin agent ops  own  other
  { route: "POST /api/public/booking",                 expect: [201, 201, 201, 201, 201, 201],
    call: async () => ({ method: "POST", path: "/api/public/booking", json: bookingFor(world.center, nextAppointment()) }) },
  { route: "GET /api/public/service-areas",            expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: "/api/public/service-areas" }) },
  { route: "GET /api/public/slots",                    expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: `/api/public/slots?city=${encodeURIComponent(world.center.city)}&district=${encodeURIComponent(world.center.districts[0]!)}&date=${tomorrow()}` }) },
  { route: "GET /api/public/availability",             expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: `/api/public/availability?city=${encodeURIComponent(world.center.city)}&district=${encodeURIComponent(world.center.districts[0]!)}` }) },
  { route: "GET /api/public/track/{token}/images/{imageId}", expect: [200, 200, 200, 200, 200, 200],
    call: async (c) => {
      // The tracking link is the credential, whoever else is signed in: a completed ticket's receipt.
      const t = await freshTicket("COMPLETED", world, { tech: c.owner });
      const db = await getDb();
      const [image] = await db.select().from(ticketImages).where(eq(ticketImages.ticketId, t.id));
      return { method: "GET", path: `/api/public/track/${t.booking.tracking_token}/images/${image!.id}?size=thumb` };
    } },
  { route: "GET /api/public/track/{token}",            expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: `/api/public/track/${shared.own.trackingToken}` }) },
  { route: "POST /api/public/track/{token}/cancel",    expect: [200, 200, 200, 200, 200, 200],
    call: async (c) => {
      const t = await freshTicket("BOOKED", world, { tech: c.owner });
      return { method: "POST", path: `/api/public/track/${t.booking.tracking_token}/cancel`, json: { reason: "不需要了" } };
    } },
  { route: "GET /api/tickets",                         expect: [401, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: "/api/tickets" }) },
  { route: "GET /api/tickets/counts",                  expect: [401, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: "/api/tickets/counts" }) },
  { route: "GET /api/tickets/{id}",                    expect: [401, 200, 200, 200, 200, 404],
    call: async (c) => ({ method: "GET", path: `/api/tickets/${ownTicket(c).id}` }) },
  { route: "POST /api/tickets/{id}/confirm",           expect: [401, 200, 200, 403, 403, 403],
    call: async (c) => {
      // A BOOKED ticket has no technician yet: "own" and "other" are the same unassigned ticket here.
      const t = await freshTicket("BOOKED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/confirm`, json: { version: t.version } };
    } },
  { route: "POST /api/tickets/{id}/assign",            expect: [401, 200, 403, 200, 403, 403],
    call: async (c) => {
      // Re-assignment of an ASSIGNED ticket, so the technician's own/other distinction exists.
      const t = await freshTicket("ASSIGNED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/assign`, json: { version: t.version, technician_id: c.notOwner.id } };
    } },
  { route: "POST /api/tickets/{id}/start",             expect: [401, 200, 403, 200, 200, 404],
    call: async (c) => {
      const t = await freshTicket("ASSIGNED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/start`, json: { version: t.version } };
    } },
  { route: "POST /api/tickets/{id}/images",            expect: [401, 201, 201, 403, 201, 404],
    call: async (c) => {
      const t = await freshTicket("ASSIGNED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/images`, form: fileForm(jpeg) };
    } },
  { route: "POST /api/tickets/{id}/complete",          expect: [401, 200, 403, 200, 200, 404],
    call: async (c) => {
      const t = await freshTicket("IN_PROGRESS", world, { tech: c.owner });
      await addReceipt(t.id, world.admin);
      return { method: "POST", path: `/api/tickets/${t.id}/complete`, json: { version: t.version } };
    } },
  { route: "POST /api/tickets/{id}/notes",             expect: [401, 201, 201, 403, 403, 403],
    call: async (c) => {
      const t = await freshTicket("ASSIGNED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/notes`, json: { body: "客户说下午三点后在家" } };
    } },
  { route: "POST /api/tickets/{id}/cancel",            expect: [401, 200, 200, 403, 403, 403],
    call: async (c) => {
      const t = await freshTicket("ASSIGNED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/cancel`, json: { version: t.version, reason: "客户改期" } };
    } },
  { route: "POST /api/tickets/{id}/phone",             expect: [401, 200, 200, 200, 200, 404],
    call: async (c) => ({ method: "POST", path: `/api/tickets/${ownTicket(c).id}/phone` }) },
  { route: "GET /api/tickets/{id}/tracking-link",      expect: [401, 200, 200, 403, 403, 403],
    call: async (c) => ({ method: "GET", path: `/api/tickets/${ownTicket(c).id}/tracking-link` }) },
  { route: "POST /api/tickets/{id}/tracking-link",     expect: [401, 200, 200, 403, 403, 403],
    call: async (c) => {
      // Rotation revokes the live links: never on the shared ticket whose link other rows use.
      const t = await freshTicket("ASSIGNED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/tracking-link` };
    } },
  { route: "GET /api/technicians",                     expect: [401, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: "/api/technicians" }) },
  { route: "GET /api/files/ticket-receipt/{imageId}",  expect: [401, 200, 200, 200, 200, 404],
    call: async (c) => ({ method: "GET", path: `/api/files/ticket-receipt/${ownTicket(c).imageId}` }) },
  // Technicians hold no tokens.manage: the token API refuses them like the page and the nav do.
  { route: "GET /api/tokens",                          expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/tokens" }) },
  { route: "POST /api/tokens (signed-in sessions only)", expect: [401, 403, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/tokens", json: { name: "ci", expires_in_days: 30 } }) },
  { route: "DELETE /api/tokens/{id}",                  expect: [401, 200, 200, 200, 403, 403],
    call: async (c) => {
      // tech_other: someone else's token; the permission is checked before whose token it is.
      const owner = c.column === "tech_other" || c.column === "anon" ? world.admin : callerOf(c.column)!;
      const { id } = await createApiToken({ userId: owner.userId, name: "to revoke" }, owner.email);
      return { method: "DELETE", path: `/api/tokens/${id}` };
    } },
  // ── Work-order sync hub: systems are admins' (integrations.manage) ──────────────────────────
  { route: "GET /api/work-order-systems",              expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: "/api/work-order-systems/" }) },
  { route: "POST /api/work-order-systems",             expect: [401, 201, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/work-order-systems/", json: { name: `Zendesk ${++systemCounter}`, api_url: "https://acme.zendesk.com" } }) },
  { route: "GET /api/work-order-systems/{id}",         expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: `/api/work-order-systems/${hub.systemId}/` }) },
  { route: "PUT /api/work-order-systems/{id}",         expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "PUT", path: `/api/work-order-systems/${hub.systemId}/`, json: { sync_interval: 600 } }) },
  { route: "DELETE /api/work-order-systems/{id}",      expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "DELETE", path: `/api/work-order-systems/${await newJiraSystem()}/` }) },
  { route: "POST /api/work-order-systems/{id}/sync",   expect: [401, 202, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: `/api/work-order-systems/${await newJiraSystem()}/sync/` }) },
  { route: "POST /api/work-order-systems/sync_all",    expect: [401, 202, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/work-order-systems/sync_all/" }) },
  { route: "POST /api/work-order-systems/{id}/test_connection", expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: `/api/work-order-systems/${hub.systemId}/test_connection/` }) },
  { route: "POST /api/work-order-systems/{id}/enable", expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: `/api/work-order-systems/${hub.systemId}/enable/` }) },
  { route: "POST /api/work-order-systems/{id}/disable", expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: `/api/work-order-systems/${await newJiraSystem()}/disable/` }) },
  // Work orders: read by admin, agent, ops; written (locally and back to the remote) by admin and agent.
  { route: "GET /api/work-orders",                     expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/work-orders/" }) },
  { route: "GET /api/work-orders/{id}",                expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: `/api/work-orders/${nextWorkOrder()}/` }) },
  { route: "PUT /api/work-orders/{id}",                expect: [401, 200, 200, 403, 403, 403],
    call: async () => ({ method: "PUT", path: `/api/work-orders/${nextWorkOrder()}/`, json: { note: "checked" } }) },
  { route: "GET /api/work-orders/{id}/status_options", expect: [401, 200, 200, 403, 403, 403],
    call: async () => ({ method: "GET", path: `/api/work-orders/${nextWorkOrder()}/status_options/` }) },
  { route: "POST /api/work-orders/{id}/update_external", expect: [401, 200, 200, 403, 403, 403],
    call: async () => ({ method: "POST", path: `/api/work-orders/${nextWorkOrder()}/update_external/`, json: { comment: "Parts ordered" } }) },
  { route: "GET /api/work-orders/statistics",          expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/work-orders/statistics/" }) },
  { route: "GET /api/work-orders/overdue",             expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/work-orders/overdue/" }) },
  { route: "GET /api/work-orders/upcoming_deadline",   expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/work-orders/upcoming_deadline/?days=14" }) },
  // Sync logs: admins and ops managers; seed 002's supplier log view: admins only.
  { route: "GET /api/sync-logs",                       expect: [401, 200, 403, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/sync-logs/" }) },
  { route: "GET /api/sync-logs/{id}",                  expect: [401, 200, 403, 200, 403, 403],
    call: async () => ({ method: "GET", path: `/api/sync-logs/${hub.runId}/` }) },
  { route: "GET /api/sync-logs/statistics",            expect: [401, 200, 403, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/sync-logs/statistics/" }) },
  { route: "GET /api/sync-logs/recent_failures",       expect: [401, 200, 403, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/sync-logs/recent_failures/" }) },
  { route: "GET /api/sync-logs/performance_analysis",  expect: [401, 200, 403, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/sync-logs/performance_analysis/" }) },
  { route: "GET /api/haier/logs",                      expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: "/api/haier/logs/?limit=5" }) },
  { route: "GET /api/health",                          expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: "/api/health" }) },
  { route: "GET /api/openapi.json",                    expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: "/api/openapi.json" }) },

  // The project cache (seed 003): a person's link opens the project for whoever holds it; the rest needs
  // the role's permission (technicians have none of the projects.* permissions).
  { route: "GET /api/projects",                        expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/projects" }) },
  { route: "GET /api/projects/{id} (signed in)",       expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/projects/P100001" }) },
  { route: "GET /api/projects/{id} (a link's token)",  expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: `/api/projects/P100001?token=${projectLink}` }) },
  { route: "GET /api/projects/{id}/verify-access",     expect: [200, 200, 200, 200, 200, 200],
    call: async () => ({ method: "GET", path: `/api/projects/P100001/verify-access?token=${projectLink}` }) },
  { route: "GET /api/projects/{id}/tokens",            expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/projects/P100001/tokens" }) },
  { route: "POST /api/projects/{id}/tokens",           expect: [401, 201, 201, 201, 403, 403],
    call: async () => ({ method: "POST", path: "/api/projects/P100001/tokens", json: { access_type: "customer", user_id: "C100001" } }) },
  { route: "DELETE /api/projects/{id}/tokens/{jti}",   expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "DELETE", path: `/api/projects/P100002/tokens/${await freshProjectLinkId()}` }) },
  { route: "POST /api/projects/sync",                  expect: [401, 200, 403, 200, 403, 403],
    call: async () => ({ method: "POST", path: "/api/projects/sync", json: {} }) },
  { route: "GET /api/projects/sync-history",           expect: [401, 200, 200, 200, 403, 403],
    call: async () => ({ method: "GET", path: "/api/projects/sync-history" }) },
  { route: "GET /api/config/project-sync",             expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: "/api/config/project-sync" }) },
  { route: "POST /api/config/project-sync",            expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/config/project-sync", json: { cache_ttl: 45 } }) },
  { route: "GET /api/config/time-display",             expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: "/api/config/time-display" }) },
  { route: "POST /api/config/time-display",            expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/config/time-display", json: { show_payment_time: true } }) },

  // Notifications: admins only (notifications.manage). No channel is configured here, so a test
  // message is a 409 for the admin — past every permission check.
  { route: "GET /api/config/notification-channels",    expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: "/api/config/notification-channels" }) },
  { route: "PUT /api/config/notification-channels",    expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "PUT", path: "/api/config/notification-channels", json: { delivery: { max_attempts: 8 } } }) },
  { route: "POST /api/config/notification-channels/{channel}/test", expect: [401, 409, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/config/notification-channels/wecom/test", json: {} }) },
  { route: "GET /api/notification-templates",          expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: "/api/notification-templates" }) },
  { route: "PUT /api/notification-templates/{id}",     expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "PUT", path: "/api/notification-templates/ticket.confirmed:sms:en", json: { template_code: "SMS_1" } }) },
  { route: "POST /api/notification-templates/preview", expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: "/api/notification-templates/preview", json: { event: "ticket.booked", channel: "sms", locale: "en", body: "Hi {{customer_name}}" } }) },
  { route: "GET /api/notifications",                   expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: "/api/notifications" }) },
  { route: "GET /api/notifications/{id}",              expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "GET", path: `/api/notifications/${await insertDeadNotification()}` }) },
  { route: "POST /api/notifications/{id}/retry",       expect: [401, 200, 403, 403, 403, 403],
    call: async () => ({ method: "POST", path: `/api/notifications/${await insertDeadNotification()}/retry` }) },

  // Wrong state on purpose: who learns about the state (409) and who is stopped earlier.
  { route: "POST /api/tickets/{id}/confirm (CONFIRMED)", expect: [401, 409, 409, 403, 403, 403],
    call: async (c) => {
      const t = await freshTicket("CONFIRMED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/confirm`, json: { version: t.version } };
    } },
  { route: "POST /api/tickets/{id}/start (IN_PROGRESS)", expect: [401, 409, 403, 409, 409, 404],
    call: async (c) => {
      const t = await freshTicket("IN_PROGRESS", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/start`, json: { version: t.version } };
    } },
  { route: "POST /api/tickets/{id}/images (COMPLETED)", expect: [401, 409, 409, 403, 409, 404],
    call: async (c) => {
      const t = await freshTicket("COMPLETED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/images`, form: fileForm(jpeg) };
    } },
  { route: "POST /api/tickets/{id}/complete (no receipt)", expect: [401, 409, 403, 409, 409, 404],
    call: async (c) => {
      const t = await freshTicket("IN_PROGRESS", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/complete`, json: { version: t.version } };
    } },
  { route: "POST /api/tickets/{id}/cancel (COMPLETED)", expect: [401, 409, 409, 403, 403, 403],
    call: async (c) => {
      const t = await freshTicket("COMPLETED", world, { tech: c.owner });
      return { method: "POST", path: `/api/tickets/${t.id}/cancel`, json: { version: t.version, reason: "晚了" } };
    } },
  { route: "POST /api/public/track/{token}/cancel (ASSIGNED)", expect: [409, 409, 409, 409, 409, 409],
    call: async (c) => {
      const t = await freshTicket("ASSIGNED", world, { tech: c.owner });
      return { method: "POST", path: `/api/public/track/${t.booking.tracking_token}/cancel`, json: { reason: "不需要了" } };
    } },
];

function callerOf(column: Column) {
  switch (column) {
    case "anon":
      return null;
    case "admin":
      return world.admin;
    case "agent":
      return world.agent;
    case "ops_manager":
      return world.ops;
    case "tech_own":
    case "tech_other":
      return world.techUser;
  }
}

function cellFor(column: Column): Cell {
  const otherSide = column === "tech_other";
  return {
    column,
    token: callerOf(column)?.token,
    owner: otherSide ? world.otherTech : world.tech,
    notOwner: otherSide ? world.tech : world.otherTech,
  };
}

describe("access matrix (bearer API tokens)", () => {
  it("has a row for every method of every route handler the server found", () => {
    const served = server().routes.flatMap((r) =>
      methods.filter((m) => r.handlers[m]).map((m) => `${m} /api/${r.route.replace(/\[\w+\]/g, "{}")}`),
    );
    const covered = new Set(matrix.map((r) => r.route.replace(/ \(.*\)$/, "").replace(/\{\w+\}/g, "{}")));
    expect([...covered].sort()).toEqual([...new Set(served)].sort());
  });

  for (const row of matrix) {
    describe(row.route, () => {
      columns.forEach((column, i) => {
        const expected = row.expect[i]!;
        it(`${column} → ${expected}`, async () => {
          const cell = cellFor(column);
          const call = await row.call(cell);
          const res = await api(call.method, call.path, { token: cell.token, json: call.json, form: call.form });
          const detail = `${call.method} ${call.path} as ${column}: ${JSON.stringify(res.body).slice(0, 300)}`;
          expect(res.status, detail).toBe(expected);
          if (expected >= 400) {
            expect(res.body.error.code, detail).toBe(
              { 401: "unauthorized", 403: "forbidden", 404: "not_found" }[expected] ?? res.body.error.code,
            );
          }
        });
      });
    });
  }
});

describe("what a technician's 200 contains", () => {
  it("lists, counts and technicians show the technician only their own", async () => {
    const list = await api("GET", "/api/tickets?page_size=100", { token: world.techUser.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((t: { technician: { id: string } | null }) => t.technician?.id === world.tech.id)).toBe(
      true,
    );
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(shared.other.id);

    const adminCounts = await api("GET", "/api/tickets/counts", { token: world.admin.token });
    const techCounts = await api("GET", "/api/tickets/counts", { token: world.techUser.token });
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(total(techCounts.body.counts)).toBe(list.body.total);
    expect(total(techCounts.body.counts)).toBeLessThan(total(adminCounts.body.counts));

    const techs = await api("GET", "/api/technicians", { token: world.techUser.token });
    expect(techs.body.items.map((t: { id: string }) => t.id)).toEqual([world.tech.id]);
  });

  it("a technician's ticket detail lists only the actions they may take", async () => {
    const res = await api("GET", `/api/tickets/${shared.own.id}`, { token: world.techUser.token });
    expect(res.body.allowed_actions).toEqual(["upload_receipt", "complete"]);
    const asAgent = await api("GET", `/api/tickets/${shared.own.id}`, { token: world.agent.token });
    expect(asAgent.body.allowed_actions).toEqual(["upload_receipt", "cancel"]);
  });
});

describe("bearer tokens", () => {
  it.each([
    ["a garbage token", "Bearer not-a-token"],
    ["an unknown token of the right shape", `Bearer shk_${"A".repeat(43)}`],
    ["another scheme", "Basic YWRtaW46YWRtaW4="],
    ["a bare scheme", "Bearer"],
    ["an oversized token", `Bearer shk_${"x".repeat(5000)}`],
  ])("%s → 401", async (_label, authorization) => {
    const res = await api("GET", "/api/tickets", { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  it("a revoked token → 401 from the next request on", async () => {
    const { id, token } = await createApiToken({ userId: world.agent.userId, name: "short-lived" }, world.agent.email);
    expect((await api("GET", "/api/tickets", { token })).status).toBe(200);
    expect((await api("DELETE", `/api/tokens/${id}`, { token })).status).toBe(200);
    const res = await api("GET", "/api/tickets", { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
    // Revoking twice: already gone.
    expect((await api("DELETE", `/api/tokens/${id}`, { token: world.agent.token })).status).toBe(404);
  });

  it("an expired token → 401", async () => {
    const { id, token } = await createApiToken(
      { userId: world.agent.userId, name: "expiring", expiresInDays: 1 },
      world.agent.email,
    );
    const db = await getDb();
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, id));
    expect((await api("GET", "/api/tickets", { token })).status).toBe(401);
  });

  it("a token cannot mint a token (403, nothing written); a signed-in session can, expiring within a year", async () => {
    const db = await getDb();
    const count = async () => (await db.select().from(apiTokens).where(eq(apiTokens.userId, world.agent.userId))).length;
    const before = await count();
    const minted = await api("POST", "/api/tokens", { token: world.agent.token, json: { name: "child" } });
    expect(minted.status).toBe(403);
    expect(minted.body.error.message).toMatch(/sign in/i);
    expect(await count()).toBe(before);

    const fromPage = await api("POST", "/api/tokens", { cookie: await sessionCookie(world.agent), json: { name: "ci" } });
    expect(fromPage.status).toBe(201);
    const lifetimeDays = (Date.parse(fromPage.body.expiresAt) - Date.now()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(364.9);
    expect(lifetimeDays).toBeLessThanOrEqual(365);
    expect(await count()).toBe(before + 1);
  });

  it("no token lives longer than API_TOKEN_MAX_DAYS, however it is asked for", async () => {
    const cookie = await sessionCookie(world.agent);
    const tooLong = await api("POST", "/api/tokens", { cookie, json: { name: "forever", expires_in_days: 3650 } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details.fields).toEqual([{ path: "expires_in_days", message: "A token lives at most 365 days" }]);
    const created = await createApiToken({ userId: world.agent.userId, name: "cli default" }, "cli");
    expect(created.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 365 * 86_400_000);
  });

  it("the token listing never contains a secret", async () => {
    const res = await api("GET", "/api/tokens", { token: world.agent.token });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(world.agent.token);
    expect(res.body.items.every((t: Record<string, unknown>) => !("token" in t) && !("tokenHash" in t))).toBe(true);
  });
});

describe("session cookies", () => {
  it("an Auth.js session cookie authenticates like a token, with the user's role", async () => {
    const agentCookie = await sessionCookie(world.agent);
    const list = await api("GET", "/api/tickets", { cookie: agentCookie });
    expect(list.status).toBe(200);

    const t = await freshTicket("BOOKED", world);
    const confirm = await api("POST", `/api/tickets/${t.id}/confirm`, { cookie: agentCookie, json: { version: 1 } });
    expect(confirm.status).toBe(200);
    expect(confirm.body.status).toBe("CONFIRMED");

    const opsCookie = await sessionCookie(world.ops);
    const t2 = await freshTicket("BOOKED", world);
    const denied = await api("POST", `/api/tickets/${t2.id}/confirm`, { cookie: opsCookie, json: { version: 1 } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("forbidden");
  });

  it("the secure cookie name (HTTPS deployments) works too", async () => {
    const cookie = await sessionCookie(world.agent, { cookieName: `__Secure-${SESSION_COOKIE}` });
    expect((await api("GET", "/api/tickets", { cookie })).status).toBe(200);
  });

  it("a technician's cookie keeps them to their own tickets", async () => {
    const cookie = await sessionCookie(world.techUser);
    expect((await api("GET", `/api/tickets/${shared.own.id}`, { cookie })).status).toBe(200);
    expect((await api("GET", `/api/tickets/${shared.other.id}`, { cookie })).status).toBe(404);
  });

  it("a cookie signed with another secret, or garbage, is nobody: 401 on staff routes, fine on public ones", async () => {
    const forged = await sessionCookie(world.admin, { secret: "another-secret-0123456789abcdef0123456789" });
    for (const cookie of [forged, `${SESSION_COOKIE}=garbage`, `${SESSION_COOKIE}=`]) {
      const res = await api("GET", "/api/tickets", { cookie });
      expect(res.status, cookie).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
      expect((await api("GET", "/api/public/service-areas", { cookie })).status).toBe(200);
    }
  });

  it("a cookie naming a user that does not exist → 401", async () => {
    const cookie = await sessionCookie({ userId: crypto.randomUUID(), email: "ghost@test.local", name: "ghost" });
    expect((await api("GET", "/api/tickets", { cookie })).status).toBe(401);
  });

  it("a deactivated user's cookie and token → 401 at once", async () => {
    const user = await createStaff("agent");
    const cookie = await sessionCookie(user);
    expect((await api("GET", "/api/tickets", { cookie })).status).toBe(200);
    expect((await api("GET", "/api/tickets", { token: user.token })).status).toBe(200);
    await deactivateUser(user.userId);
    for (const auth of [{ cookie }, { token: user.token }]) {
      const res = await api("GET", "/api/tickets", auth);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
  });
});
