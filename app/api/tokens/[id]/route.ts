import { revokeApiToken } from "@/lib/auth/api-tokens";
import { tokenIdParams } from "@/lib/auth/schemas";
import { withApi } from "@/lib/http/with-api";

/** Revoke one of the caller's tokens. */
export const DELETE = withApi({ access: "tokens.manage", params: tokenIdParams }, async ({ params, actor }) => ({
  revoked: await revokeApiToken(params.id, actor),
}));
