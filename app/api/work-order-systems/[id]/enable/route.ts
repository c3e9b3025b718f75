import { withApi } from "@/lib/http/with-api";
import { numericIdParams } from "@/lib/sync/schemas";
import { setSystemActive } from "@/lib/sync/systems";

export const POST = withApi({ access: "integrations.manage", params: numericIdParams }, async ({ params, actor }) =>
  setSystemActive(params.id, true, actor),
);
