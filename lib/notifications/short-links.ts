import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { projectAccessTokens, shortLinks } from "@/db/schema";
import { trackingTokenForLink } from "../auth/customer-links";
import { sha256Hex } from "../crypto";
import { getDb, type DbOrTx } from "../db";
import { linkBaseUrl } from "../http/base-url";
import { projectLinkPath, signAccessToken } from "../projects/access-links";
import { consumeRateLimit } from "../rate-limit";

/**
 * Links short enough for an SMS (`https://host/s/Ab3dE6gH9k`, 26 characters plus the host): a random
 * code, stored only as its SHA-256, standing for an existing tracking link or project access link. The
 * code opens exactly what that link opens, for as long as it does: revoking or expiring the link closes
 * the code too. Ten base-62 characters are 59 bits, far beyond guessing at the lookup's rate limit.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const CODE_LENGTH = 10;
const CODE_SHAPE = /^[A-Za-z0-9]{10}$/;

function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export async function createShortLink(
  db: DbOrTx,
  link: { kind: "ticket" | "project"; jti: string; expiresAt: Date },
): Promise<string> {
  const code = newCode();
  await db.insert(shortLinks).values({ codeHash: sha256Hex(code), kind: link.kind, linkJti: link.jti, expiresAt: link.expiresAt });
  return `${linkBaseUrl()}/s/${code}`;
}

/**
 * The page a short code opens (`/track/{token}` or `/project/{id}?token=…`), or null for a code that is
 * unknown, expired, or whose link was revoked — all alike, so a guess learns nothing. Lookups are
 * limited per address.
 */
export async function resolveShortLink(code: string, ctx: { ip: string }): Promise<string | null> {
  if (!(await consumeRateLimit(`short:ip:${ctx.ip}`, { limit: 60, windowSeconds: 600 }))) return null;
  if (!CODE_SHAPE.test(code)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(shortLinks)
    .where(and(eq(shortLinks.codeHash, sha256Hex(code)), gt(shortLinks.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;
  if (row.kind === "ticket") {
    const token = await trackingTokenForLink(db, row.linkJti);
    return token ? `/track/${token}` : null;
  }
  const [access] = await db
    .select()
    .from(projectAccessTokens)
    .where(
      and(
        eq(projectAccessTokens.jti, row.linkJti),
        isNull(projectAccessTokens.revokedAt),
        gt(projectAccessTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return access ? projectLinkPath(access.projectId, await signAccessToken(access)) : null;
}

/** The daily cleanup: codes past their link's expiry open nothing and are dropped. */
export async function deleteExpiredShortLinks(now = new Date()): Promise<number> {
  const db = await getDb();
  const rows = await db.delete(shortLinks).where(lt(shortLinks.expiresAt, now)).returning({ codeHash: shortLinks.codeHash });
  return rows.length;
}
