import { withApi } from "@/lib/http/with-api";
import { createSystemBody } from "@/lib/sync/schemas";
import { createSystem, listSystems } from "@/lib/sync/systems";

/** Seed 000: the external work-order systems (credentials are never returned, only whether they are set). */
export const GET = withApi({ access: "integrations.manage" }, async () => {
  const results = await listSystems();
  return { count: results.length, next: null, previous: null, results };
});

/** Seed 000: create a system. `type` may be left out when the name says it (`"name": "jira"`). */
export const POST = withApi({ access: "integrations.manage", body: createSystemBody }, async ({ body, actor }) =>
  Response.json(await createSystem(body, actor), { status: 201 }),
);
