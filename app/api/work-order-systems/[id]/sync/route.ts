import { withApi } from "@/lib/http/with-api";
import { requestSync } from "@/lib/sync/engine";
import { toRunDto } from "@/lib/sync/run-dto";
import { numericIdParams } from "@/lib/sync/schemas";

/** Starts a sync now: 202 with the pending run (follow it at /api/sync-logs/{id}/); 409 while one runs. */
export const POST = withApi({ access: "integrations.manage", params: numericIdParams }, async ({ params }) =>
  Response.json(toRunDto(await requestSync(params.id, { trigger: "api" })), { status: 202 }),
);
