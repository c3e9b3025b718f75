import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { createTokenBody } from "@/lib/auth/schemas";
import { withApi } from "@/lib/http/with-api";

/** The caller's own API tokens (never the secrets). */
export const GET = withApi({ access: "tokens.manage" }, async ({ actor }) => ({
  items: await listApiTokens(actor.userId),
}));

/**
 * Create a token for the caller; the secret is in this response only. Signed-in sessions only: a token
 * that could mint tokens would outlive its own revocation.
 */
export const POST = withApi({ access: "tokens.manage", signedInOnly: true, body: createTokenBody }, async ({ body, actor }) =>
  Response.json(
    await createApiToken({ userId: actor.userId, name: body.name, expiresInDays: body.expires_in_days }, actor.email),
    { status: 201 },
  ),
);
