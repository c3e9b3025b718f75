import { withApi } from "@/lib/http/with-api";
import { numericIdParams } from "@/lib/sync/schemas";
import { setSystemActive } from "@/lib/sync/systems";

/** Scheduled syncs stop; manual ones still work. */
export const POST = withApi({ access: "integrations.manage", params: numericIdParams }, async ({ params, actor }) =>
  setSystemActive(params.id, false, actor),
);
