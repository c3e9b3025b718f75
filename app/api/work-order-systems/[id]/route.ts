import { withApi } from "@/lib/http/with-api";
import { numericIdParams, updateSystemBody } from "@/lib/sync/schemas";
import { deleteSystem, getSystemOrThrow, updateSystem } from "@/lib/sync/systems";

export const GET = withApi({ access: "integrations.manage", params: numericIdParams }, async ({ params }) =>
  getSystemOrThrow(params.id),
);

/** Changes the fields sent; a credential left out stays, an empty one is cleared. */
export const PUT = withApi(
  { access: "integrations.manage", params: numericIdParams, body: updateSystemBody },
  async ({ params, body, actor }) => updateSystem(params.id, body, actor),
);

/** Deletes the system and its work orders; its sync runs stay in the log. */
export const DELETE = withApi({ access: "integrations.manage", params: numericIdParams }, async ({ params, actor }) =>
  deleteSystem(params.id, actor),
);
