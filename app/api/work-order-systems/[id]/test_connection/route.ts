import { withApi } from "@/lib/http/with-api";
import { numericIdParams } from "@/lib/sync/schemas";
import { testSystemConnection } from "@/lib/sync/systems";

/** Calls the remote with the stored credentials: `{ ok, message, latency_ms }` in plain words. */
export const POST = withApi({ access: "integrations.manage", params: numericIdParams }, async ({ params }) =>
  testSystemConnection(params.id),
);
