import { afterAll, beforeAll } from "vitest";
import { settleJobs } from "@/lib/jobs/outbox";
import { withTestDatabase } from "@/test/db";
import type { FakeProjectLibrary } from "@/test/fakes/project-library-server";
import { createStaff } from "@/test/fixtures";
import { api } from "@/test/http/client";
import { withApiServer } from "@/test/http/server";
import { startProjectLibrary } from "@/test/projects";
import { describeBadInputs, invalid, type BadInput } from "./support";

/**
 * Bad input to the project endpoints (seed 003): every rejection is a clear 4xx in the one error shape,
 * names the field, and writes nothing — no cached project, link, status change, setting or audit entry.
 */

withTestDatabase();
withApiServer();

let token: string;
let library: FakeProjectLibrary;
let linkToken: string;
let otherProjectLink: string;

beforeAll(async () => {
  const admin = await createStaff("admin");
  token = admin.token;
  ({ fake: library } = await startProjectLibrary(admin, { projects: 6 }));
  const synced = await api("POST", "/api/projects/sync", { token, json: { force: true } });
  if (synced.status !== 200) throw new Error(JSON.stringify(synced.body));
  const link = async (id: string, user: string) =>
    (await api("POST", `/api/projects/${id}/tokens`, { token, json: { access_type: "customer", user_id: user } })).body.token as string;
  linkToken = await link("P100001", "C100001");
  otherProjectLink = await link("P100002", "C100002");
});
afterAll(async () => {
  await settleJobs();
  await library?.close();
});

const as = () => ({ token });
const post = (path: string, json: unknown) => api("POST", path, { ...as(), json });

const badInputs: BadInput[] = [
  // GET /api/projects/{id}
  invalid("a project id with a slash-dot", ["id"], () => api("GET", `/api/projects/..%2Fsecrets?token=${linkToken}`)),
  invalid("a project id of 65 characters", ["id"], () => api("GET", `/api/projects/P${"1".repeat(64)}?token=${linkToken}`)),
  invalid("use_cache=maybe", ["use_cache"], () => api("GET", `/api/projects/P100001?token=${linkToken}&use_cache=maybe`)),
  invalid("force_sync=yes", ["force_sync"], () => api("GET", `/api/projects/P100001?token=${linkToken}&force_sync=yes`)),
  invalid("a 3000-character token", ["token"], () => api("GET", `/api/projects/P100001?token=${"a".repeat(3000)}`)),
  { name: "no token and not signed in", status: 401, code: "unauthorized", send: () => api("GET", "/api/projects/P100001") },
  { name: "a token that is not a link", status: 401, code: "unauthorized", send: () => api("GET", "/api/projects/P100001?token=abc.def.ghi") },
  {
    name: "another project's link",
    status: 403,
    code: "forbidden",
    send: () => api("GET", `/api/projects/P100001?token=${otherProjectLink}`),
  },
  // verify-access
  invalid("verify-access without a token", ["token"], () => api("GET", "/api/projects/P100001/verify-access")),
  invalid("verify-access with an empty token", ["token"], () => api("GET", "/api/projects/P100001/verify-access?token=")),
  // POST /api/projects/{id}/tokens
  invalid("a link without access_type", ["access_type"], () => post("/api/projects/P100001/tokens", { user_id: "C100001" })),
  invalid("a link for a role that does not exist", ["access_type"], () =>
    post("/api/projects/P100001/tokens", { access_type: "boss", user_id: "C100001" }),
  ),
  invalid("a link with an empty user_id", ["user_id"], () => post("/api/projects/P100001/tokens", { access_type: "customer", user_id: " " })),
  invalid("a link with a 51-character user_id", ["user_id"], () =>
    post("/api/projects/P100001/tokens", { access_type: "customer", user_id: "C".repeat(51) }),
  ),
  invalid("a link for 0 days", ["ttl_days"], () =>
    post("/api/projects/P100001/tokens", { access_type: "customer", user_id: "C100001", ttl_days: 0 }),
  ),
  invalid("a link for 91 days", ["ttl_days"], () =>
    post("/api/projects/P100001/tokens", { access_type: "customer", user_id: "C100001", ttl_days: 91 }),
  ),
  invalid("a link for 1.5 days", ["ttl_days"], () =>
    post("/api/projects/P100001/tokens", { access_type: "customer", user_id: "C100001", ttl_days: 1.5 }),
  ),
  invalid("a link with an unknown field", ["scope"], () =>
    post("/api/projects/P100001/tokens", { access_type: "customer", user_id: "C100001", scope: "all" }),
  ),
  invalid("a link for someone not on the project", ["user_id"], () =>
    post("/api/projects/P100001/tokens", { access_type: "engineer", user_id: "E9" }),
  ),
  {
    name: "a link request sent as a form",
    status: 415,
    code: "unsupported_media_type",
    send: () => api("POST", "/api/projects/P100001/tokens", { ...as(), body: "access_type=customer", headers: { "content-type": "application/x-www-form-urlencoded" } }),
  },
  {
    name: "a link request that is not JSON",
    status: 400,
    code: "invalid_json",
    send: () => api("POST", "/api/projects/P100001/tokens", { ...as(), body: "{access_type:", headers: { "content-type": "application/json" } }),
  },
  // DELETE /api/projects/{id}/tokens/{jti}
  invalid("revoking a link id that is not a uuid", ["jti"], () => api("DELETE", "/api/projects/P100001/tokens/123", as())),
  {
    name: "revoking a link that does not exist",
    status: 404,
    code: "not_found",
    send: () => api("DELETE", "/api/projects/P100001/tokens/00000000-0000-4000-8000-000000000000", as()),
  },
  // POST /api/projects/sync
  invalid("sync_type hourly", ["sync_type"], () => post("/api/projects/sync", { sync_type: "hourly" })),
  invalid("force as text", ["force"], () => post("/api/projects/sync", { force: "yes" })),
  invalid("an empty project_types", ["project_types"], () => post("/api/projects/sync", { project_types: [] })),
  invalid("an unknown project type", ["project_types.0"], () => post("/api/projects/sync", { project_types: ["rental"] })),
  invalid("a project type twice", ["project_types"], () => post("/api/projects/sync", { project_types: ["sales", "sales"] })),
  invalid("an unknown sync field", ["since"], () => post("/api/projects/sync", { since: "2024-01-01" })),
  // GET /api/projects/sync-history and /api/projects
  invalid("history page 0", ["page"], () => api("GET", "/api/projects/sync-history?page=0", as())),
  invalid("history page_size 500", ["page_size"], () => api("GET", "/api/projects/sync-history?page_size=500", as())),
  invalid("history page abc", ["page"], () => api("GET", "/api/projects/sync-history?page=abc", as())),
  invalid("list type rental", ["type"], () => api("GET", "/api/projects?type=rental", as())),
  invalid("list cache_state stale", ["cache_state"], () => api("GET", "/api/projects?cache_state=stale", as())),
  invalid("list keyword of 101 characters", ["keyword"], () => api("GET", `/api/projects?keyword=${"k".repeat(101)}`, as())),
  // POST /api/config/project-sync
  invalid("a cron minute of 61", ["cron_expression"], () => post("/api/config/project-sync", { cron_expression: "61 * * * *" })),
  invalid("a preset in words", ["sync_frequency"], () => post("/api/config/project-sync", { sync_frequency: "every 15 minutes" })),
  invalid("a six-field cron", ["cron_expression"], () => post("/api/config/project-sync", { cron_expression: "0 */5 * * * *" })),
  invalid("cache_ttl 0", ["cache_ttl"], () => post("/api/config/project-sync", { cache_ttl: 0 })),
  invalid("cache_ttl 20000", ["cache_ttl"], () => post("/api/config/project-sync", { cache_ttl: 20000 })),
  invalid("no sync types", ["sync_types"], () => post("/api/config/project-sync", { sync_types: [] })),
  invalid("a fax channel", ["notify_channels.0"], () => post("/api/config/project-sync", { notify_channels: ["fax"] })),
  invalid("auto_sync_enabled as text", ["auto_sync_enabled"], () => post("/api/config/project-sync", { auto_sync_enabled: "yes" })),
  invalid("an unknown config field", ["sync_every"], () => post("/api/config/project-sync", { sync_every: 15 })),
  invalid("an empty project-sync config", [], () => post("/api/config/project-sync", {})),
  // POST /api/config/time-display
  invalid("a format with yyyy", ["aftersales_time_format"], () => post("/api/config/time-display", { aftersales_time_format: "yyyy-MM-dd" })),
  invalid("a format without any token", ["sales_time_format"], () => post("/api/config/time-display", { sales_time_format: "[today]" })),
  invalid("the zone Mars/Base", ["timezone"], () => post("/api/config/time-display", { timezone: "Mars/Base" })),
  invalid("an offset as zone", ["timezone"], () => post("/api/config/time-display", { timezone: "+08:00" })),
  invalid("show_payment_time as text", ["show_payment_time"], () => post("/api/config/time-display", { show_payment_time: "no" })),
  invalid("an empty time-display config", [], () => post("/api/config/time-display", {})),
];

describeBadInputs("bad input to the project endpoints", badInputs);
