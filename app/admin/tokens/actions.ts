"use server";

import { revalidatePath } from "next/cache";
import type { CreatedToken, CreateTokenState } from "@/components/tokens/types";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { requireActionActor } from "@/lib/auth/current-actor";
import { createTokenBody, tokenIdParams } from "@/lib/auth/schemas";
import { runAction, type ActionResult } from "@/lib/http/action-result";

/**
 * API token actions for the tokens page: the same schemas and services as POST /api/tokens and
 * DELETE /api/tokens/{id}, acting only on the signed-in user's own tokens.
 */

/**
 * Takes only the form (no previous state): the previous state can hold a freshly created secret, and
 * it should not travel back to the server with the next submission.
 */
export async function createTokenAction(form: FormData): Promise<CreateTokenState> {
  const values = {
    name: String(form.get("name") ?? "").slice(0, 200),
    expires_in_days: String(form.get("expires_in_days") ?? "")
      .trim()
      .slice(0, 10),
  };
  const result = await runAction<CreatedToken>(async () => {
    const actor = await requireActionActor("tokens.manage");
    const body = createTokenBody.parse({
      name: values.name,
      expires_in_days: values.expires_in_days === "" ? undefined : Number(values.expires_in_days),
    });
    const created = await createApiToken(
      { userId: actor.userId, name: body.name, expiresInDays: body.expires_in_days },
      actor.email,
    );
    return {
      id: created.id,
      name: created.name,
      prefix: created.prefix,
      expires_at: created.expiresAt.toISOString(),
      token: created.token,
    };
  });
  if (result.ok) {
    revalidatePath("/admin/tokens");
    return { ok: true, created: result.data };
  }
  const fieldErrors: CreateTokenState["fieldErrors"] = {};
  for (const f of result.error.fields ?? []) {
    if (f.path === "name" || f.path === "expires_in_days") fieldErrors[f.path] ??= f.message;
  }
  return {
    ok: false,
    fieldErrors,
    error: { code: result.error.code, message: result.error.message },
    values,
  };
}

export async function revokeTokenAction(id: string): Promise<ActionResult<{ id: string; name: string }>> {
  const result = await runAction(async () => {
    const actor = await requireActionActor("tokens.manage");
    return revokeApiToken(tokenIdParams.parse({ id }).id, actor);
  });
  if (result.ok) revalidatePath("/admin/tokens");
  return result;
}
