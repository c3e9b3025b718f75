import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { apiTokens } from "@/db/schema";
import { getDb } from "../db";
import { getEnv } from "../env";
import { randomToken, sha256Hex } from "../crypto";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { loadActor } from "./users";
import type { Actor } from "./permissions";

/** Tokens look like `shk_<43 chars>`; the prefix makes a leaked one easy to recognise and grep for. */
const TOKEN_PREFIX = "shk_";

export const createTokenInput = z.object({
  userId: z.uuid(),
  name: z.string().trim().min(1, "Give the token a name").max(100),
  /** Unset: the longest lifetime allowed (API_TOKEN_MAX_DAYS). */
  expiresInDays: z.number().int().min(1).optional(),
});

/**
 * Creates a token for a user. Only a signed-in person (the tokens page, POST /api/tokens with the
 * session cookie) or the CLI gets here — never a bearer token, so a token cannot outlive its own
 * revocation by minting a successor. Every token expires, API_TOKEN_MAX_DAYS after creation at most.
 */
export async function createApiToken(input: z.input<typeof createTokenInput>, actorLabel: string) {
  const data = createTokenInput.parse(input);
  const maxDays = getEnv().API_TOKEN_MAX_DAYS;
  if (data.expiresInDays !== undefined && data.expiresInDays > maxDays) {
    const message = `A token lives at most ${maxDays} days`;
    throw new AppError("invalid_input", message, { fields: [{ path: "expires_in_days", message }] });
  }
  const days = data.expiresInDays ?? maxDays;
  const token = TOKEN_PREFIX + randomToken(32);
  const db = await getDb();
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId: data.userId,
      name: data.name,
      tokenHash: sha256Hex(token),
      tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: new Date(Date.now() + days * 86_400_000),
    })
    .returning({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.tokenPrefix,
      expiresAt: apiTokens.expiresAt,
    });
  await writeAudit(db, {
    actorUserId: data.userId,
    actorLabel,
    action: "api_token.created",
    targetType: "api_token",
    targetId: row!.id,
    details: { name: data.name },
  });
  // The only time the secret exists outside the caller: it is never stored or shown again.
  return { ...row!, token };
}

export async function listApiTokens(userId: string) {
  const db = await getDb();
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.tokenPrefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(tokenId: string, actor: Actor) {
  const db = await getDb();
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (!row) throw new AppError("not_found", "That token does not exist or is already revoked");
  for (const [hash, entry] of tokenCache) if (entry.tokenId === row.id) tokenCache.delete(hash);
  await writeAudit(db, {
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action: "api_token.revoked",
    targetType: "api_token",
    targetId: row.id,
    details: { name: row.name },
  });
  return row;
}

/**
 * Recently resolved tokens, per process. Scripts call the API in bursts; re-reading the token and its
 * user on every call doubles the database round trips of a list request. An entry lives a few seconds:
 * a token revoked here stops at once (revokeApiToken forgets it), one revoked on another instance or a
 * deactivated user within TOKEN_CACHE_MS.
 */
const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 1_000;
const tokenCache = new Map<string, { tokenId: string; actor: Actor; until: number }>();

/** Drops every cached token (after changing users, and in tests). */
export function forgetAuthenticatedTokens(): void {
  tokenCache.clear();
}

/** Resolves a bearer token to its (active) user, or null for anything unknown, expired or revoked. */
export async function authenticateApiToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const hash = sha256Hex(token);
  const cached = tokenCache.get(hash);
  if (cached && cached.until > Date.now()) return cached.actor;
  tokenCache.delete(hash);

  const db = await getDb();
  const [row] = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hash))
    .limit(1);
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  // Bounded write amplification: record use at most once a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, row.id));
  }
  const actor = await loadActor(row.userId);
  if (actor) {
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value!);
    // Never past the token's own expiry.
    const until = Math.min(Date.now() + TOKEN_CACHE_MS, row.expiresAt.getTime());
    tokenCache.set(hash, { tokenId: row.id, actor, until });
  }
  return actor;
}
