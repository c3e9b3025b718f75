import { afterAll, beforeAll } from "vitest";
import { settleJobs } from "@/lib/jobs/outbox";
import { requestSync } from "@/lib/sync/engine";
import { createSystem } from "@/lib/sync/systems";
import { listWorkOrders } from "@/lib/work-orders/queries";
import { withTestDatabase } from "@/test/db";
import { FAKE_JIRA_EMAIL, FAKE_JIRA_TOKEN, generateIssues, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { createStaff } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { describeBadInputs, invalid, type BadInput } from "./support";

/**
 * Bad input to the sync hub's endpoints (external systems, work orders, sync logs): every rejection is
 * a clear 4xx in the one error shape, names the field, and writes nothing — no system, work order,
 * sync run or audit entry, no change to a stored system.
 */

withTestDatabase();
withApiServer();

const KB10 = "x".repeat(10 * 1024);
let token: string;
let jira: FakeJira;
let systemId: number;
let workOrderId: number;

beforeAll(async () => {
  const admin = await createStaff("admin");
  token = admin.token;
  jira = await startFakeJira({ issues: generateIssues(2) });
  systemId = (
    await createSystem(
      { name: "Jira main", type: "jira", api_url: jira.url, username: FAKE_JIRA_EMAIL, api_key: FAKE_JIRA_TOKEN },
      admin,
    )
  ).id;
  await requestSync(systemId, { trigger: "manual" });
  await settleJobs();
  workOrderId = (await listWorkOrders({ system_id: systemId, sort: "-updated", page: 1, page_size: 1 })).results[0]!.id;
});
afterAll(async () => {
  await jira?.close();
});

const as = () => ({ token });
const create = (json: unknown) => api("POST", "/api/work-order-systems/", { ...as(), json });
const update = (json: unknown, id: number | string = systemId) => api("PUT", `/api/work-order-systems/${id}/`, { ...as(), json });
const good = () => ({ name: `Zendesk ${Math.random()}`, type: "zendesk", api_url: "https://acme.zendesk.com" });

const badInputs: BadInput[] = [
  // ── creating a system ──────────────────────────────────────────────────────────────────────────
  invalid("system: no name", ["name"], () => create({ api_url: "https://acme.zendesk.com", type: "zendesk" })),
  invalid("system: an empty name", ["name"], () => create({ ...good(), name: "   " })),
  invalid("system: a 10 kB name", ["name"], () => create({ ...good(), name: KB10 })),
  invalid("system: no api_url", ["api_url"], () => create({ name: "Zendesk x", type: "zendesk" })),
  invalid("system: api_url not a URL", ["api_url"], () => create({ ...good(), api_url: "not a url" })),
  invalid("system: api_url with ftp://", ["api_url"], () => create({ ...good(), api_url: "ftp://acme.example.com" })),
  invalid("system: javascript: api_url", ["api_url"], () => create({ ...good(), api_url: "javascript:alert(1)" })),
  invalid("system: credentials inside the URL", ["api_url"], () => create({ ...good(), api_url: "https://bob:secret@acme.zendesk.com" })),
  invalid("system: a query in the URL", ["api_url"], () => create({ ...good(), api_url: "https://acme.zendesk.com/?token=abc" })),
  invalid("system: a 10 kB api_url", ["api_url"], () => create({ ...good(), api_url: `https://acme.zendesk.com/${KB10}` })),
  invalid("system: unknown type", ["type"], () => create({ ...good(), type: "servicenow" })),
  invalid("system: no type and a name that does not say", ["type"], () =>
    create({ name: "Helpdesk", api_url: "https://acme.zendesk.com" }),
  ),
  invalid("system: type supplier (not one the API creates yet)", ["type"], () => create({ ...good(), type: "supplier" })),
  invalid("system: sync_interval as text", ["sync_interval"], () => create({ ...good(), sync_interval: "300" })),
  invalid("system: sync_interval below a minute", ["sync_interval"], () => create({ ...good(), sync_interval: 5 })),
  invalid("system: sync_interval over a week", ["sync_interval"], () => create({ ...good(), sync_interval: 10_000_000 })),
  invalid("system: fractional sync_interval", ["sync_interval"], () => create({ ...good(), sync_interval: 300.5 })),
  invalid("system: cron with six fields", ["cron_expression"], () => create({ ...good(), cron_expression: "0 */5 * * * *" })),
  invalid("system: cron out of range", ["cron_expression"], () => create({ ...good(), cron_expression: "61 * * * *" })),
  invalid("system: cron gibberish", ["cron_expression"], () => create({ ...good(), cron_expression: "every five minutes" })),
  invalid("system: is_active as a string", ["is_active"], () => create({ ...good(), is_active: "yes" })),
  invalid("system: api_key as a number", ["api_key"], () => create({ ...good(), api_key: 12345 })),
  invalid("system: a 10 kB api_key", ["api_key"], () => create({ ...good(), api_key: KB10 })),
  invalid("system: an unknown field", ["owner"], () => create({ ...good(), owner: "me" })),
  invalid("system: a Jira setting that does not exist", ["settings.board"], () =>
    create({ ...good(), type: "jira", name: "Jira x", settings: { board: 12 } }),
  ),
  invalid("system: a Jira project key in lower case", ["settings.project_key"], () =>
    create({ ...good(), type: "jira", name: "Jira y", settings: { project_key: "ops" } }),
  ),
  invalid("system: settings for Zendesk (none exist)", ["settings.jql"], () => create({ ...good(), settings: { jql: "x" } })),
  {
    name: "system: a name already taken (any case)",
    status: 422,
    code: "invalid_input",
    fields: ["name"],
    send: () => create({ name: "JIRA MAIN", type: "jira", api_url: "https://x.atlassian.net" }),
  },
  {
    name: "system: a body that is not JSON",
    status: 400,
    code: "invalid_json",
    send: () =>
      api("POST", "/api/work-order-systems/", { ...as(), body: "{name:", headers: { "content-type": "application/json" } }),
  },
  {
    name: "system: a form instead of JSON",
    status: 415,
    code: "unsupported_media_type",
    send: () =>
      api("POST", "/api/work-order-systems/", {
        ...as(),
        body: "name=jira",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
  },
  // ── changing, deleting, running one ────────────────────────────────────────────────────────────
  invalid("system update: a non-numeric id", ["id"], () => update({ sync_interval: 600 }, "abc")),
  invalid("system update: a negative id", ["id"], () => update({ sync_interval: 600 }, -3)),
  { name: "system update: an unknown id", status: 404, code: "not_found", send: () => update({ sync_interval: 600 }, 999_999) },
  invalid("system update: changing the type", ["type"], () => update({ type: "zendesk" })),
  invalid("system update: an empty body (nothing to change)", ["(root)"], () => update({})),
  invalid("sync log: an id past the safe integers", ["id"], () => api("GET", "/api/sync-logs/99999999999999999999/", as())),
  invalid("system update: a bad cron", ["cron_expression"], () => update({ cron_expression: "*/0 * * * *" })),
  invalid("system update: a bad URL", ["api_url"], () => update({ api_url: "http//broken" })),
  {
    name: "system delete: an unknown id",
    status: 404,
    code: "not_found",
    send: () => api("DELETE", "/api/work-order-systems/424242/", as()),
  },
  {
    name: "system sync: an unknown id",
    status: 404,
    code: "not_found",
    send: () => api("POST", "/api/work-order-systems/424242/sync/", as()),
  },
  invalid("system test_connection: an id too large", ["id"], () => api("POST", "/api/work-order-systems/99999999999/test_connection/", as())),
  { name: "system enable: an unknown id", status: 404, code: "not_found", send: () => api("POST", "/api/work-order-systems/31337/enable/", as()) },
  // ── work orders ─────────────────────────────────────────────────────────────────────────────────
  invalid("work orders: unknown status filter", ["status"], () => api("GET", "/api/work-orders/?status=frozen", as())),
  invalid("work orders: unknown priority", ["priority"], () => api("GET", "/api/work-orders/?priority=p0", as())),
  invalid("work orders: system_id not a number", ["system_id"], () => api("GET", "/api/work-orders/?system_id=jira", as())),
  invalid("work orders: due_before not a date", ["due_before"], () => api("GET", "/api/work-orders/?due_before=tomorrow", as())),
  invalid("work orders: due_after after due_before", ["due_after"], () =>
    api("GET", "/api/work-orders/?due_after=2026-12-31&due_before=2026-01-01", as()),
  ),
  invalid("work orders: page_size 10000", ["page_size"], () => api("GET", "/api/work-orders/?page_size=10000", as())),
  invalid("work orders: unknown sort", ["sort"], () => api("GET", "/api/work-orders/?sort=title;drop", as())),
  invalid("work orders: a 10 kB keyword", ["q"], () => api("GET", `/api/work-orders/?q=${KB10}`, as())),
  invalid("work orders: include_deleted=yes", ["include_deleted"], () => api("GET", "/api/work-orders/?include_deleted=yes", as())),
  invalid("work order: a non-numeric id", ["id"], () => api("GET", "/api/work-orders/abc/", as())),
  { name: "work order: an unknown id", status: 404, code: "not_found", send: () => api("GET", "/api/work-orders/987654/", as()) },
  invalid("work order update: an empty body", ["(root)"], () => api("PUT", `/api/work-orders/${workOrderId}/`, { ...as(), json: {} })),
  invalid("work order update: a remote field (title)", ["title"], () =>
    api("PUT", `/api/work-orders/${workOrderId}/`, { ...as(), json: { title: "mine now" } }),
  ),
  invalid("work order update: 21 tags", ["tags"], () =>
    api("PUT", `/api/work-orders/${workOrderId}/`, { ...as(), json: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }),
  ),
  invalid("work order update: a 10 kB note", ["note"], () =>
    api("PUT", `/api/work-orders/${workOrderId}/`, { ...as(), json: { note: KB10 } }),
  ),
  invalid("update_external: neither status nor comment", ["(root)"], () =>
    api("POST", `/api/work-orders/${workOrderId}/update_external/`, { ...as(), json: {} }),
  ),
  invalid("update_external: an empty comment", ["comment"], () =>
    api("POST", `/api/work-orders/${workOrderId}/update_external/`, { ...as(), json: { comment: "  " } }),
  ),
  invalid("upcoming_deadline: days=0", ["days"], () => api("GET", "/api/work-orders/upcoming_deadline/?days=0", as())),
  // ── sync logs ───────────────────────────────────────────────────────────────────────────────────
  invalid("sync logs: unknown status", ["status"], () => api("GET", "/api/sync-logs/?status=done", as())),
  invalid("sync logs: unknown sync_type", ["sync_type"], () => api("GET", "/api/sync-logs/?sync_type=everything", as())),
  invalid("sync logs: from not a date-time", ["from"], () => api("GET", "/api/sync-logs/?from=yesterday", as())),
  invalid("haier logs: limit=0", ["limit"], () => api("GET", "/api/haier/logs/?limit=0", as())),
  invalid("performance analysis: days=1000", ["days"], () => api("GET", "/api/sync-logs/performance_analysis/?days=1000", as())),
];

describeBadInputs("bad input to the sync hub is refused with a clear 4xx and writes nothing", badInputs);
