import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { jwtVerify, SignJWT } from "jose";
import { trackingLinks } from "@/db/schema";
import { getDb, type DbOrTx } from "../db";
import { getEnv } from "../env";

/**
 * Customer tracking links: an HS256 JWT naming one ticket (sub) and a link row (jti). The signature
 * stops forgery, `exp` ends it, and the row lets staff revoke it early. Verification answers only
 * "valid for this ticket" or null — never why, so a guessed token learns nothing.
 */
const AUDIENCE = "servicehub:track";
const secretKey = () => new TextEncoder().encode(getEnv().LINK_SIGNING_SECRET);

export async function issueTrackingLink(
  db: DbOrTx,
  ticketId: string,
): Promise<{ token: string; expiresAt: Date; jti: string }> {
  const expiresAt = new Date(Date.now() + getEnv().TRACKING_LINK_TTL_DAYS * 86_400_000);
  const [row] = await db.insert(trackingLinks).values({ ticketId, expiresAt }).returning({ jti: trackingLinks.jti });
  return { token: await signTrackingToken(ticketId, row!.jti, expiresAt), expiresAt, jti: row!.jti };
}

/** The current (newest unrevoked, unexpired) link of a ticket, re-signed; issues one when none is left. */
export async function currentTrackingLink(
  db: DbOrTx,
  ticketId: string,
): Promise<{ token: string; expiresAt: Date; jti: string }> {
  const [row] = await db
    .select()
    .from(trackingLinks)
    .where(
      and(
        eq(trackingLinks.ticketId, ticketId),
        isNull(trackingLinks.revokedAt),
        gt(trackingLinks.expiresAt, sql`now()`),
      ),
    )
    .orderBy(sql`${trackingLinks.createdAt} desc`)
    .limit(1);
  if (!row) return issueTrackingLink(db, ticketId);
  return { token: await signTrackingToken(ticketId, row.jti, row.expiresAt), expiresAt: row.expiresAt, jti: row.jti };
}

/** The token of a live tracking link, re-signed from its row (a short link opens it); null once revoked or expired. */
export async function trackingTokenForLink(db: DbOrTx, jti: string): Promise<string | null> {
  const [row] = await db
    .select()
    .from(trackingLinks)
    .where(and(eq(trackingLinks.jti, jti), isNull(trackingLinks.revokedAt), gt(trackingLinks.expiresAt, sql`now()`)))
    .limit(1);
  return row ? signTrackingToken(row.ticketId, row.jti, row.expiresAt) : null;
}

function signTrackingToken(ticketId: string, jti: string, expiresAt: Date) {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(ticketId)
    .setJti(jti)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secretKey());
}

/** The ticket id a tracking token grants, or null for anything forged, expired, revoked or malformed. */
export async function verifyTrackingToken(token: string): Promise<string | null> {
  if (!token || token.length > 1000) return null;
  let ticketId: string | undefined;
  let jti: string | undefined;
  try {
    const { payload } = await jwtVerify(token, secretKey(), { audience: AUDIENCE, algorithms: ["HS256"] });
    ticketId = payload.sub;
    jti = payload.jti;
  } catch {
    return null;
  }
  if (!ticketId || !jti || !/^[0-9a-f-]{36}$/i.test(jti)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ ticketId: trackingLinks.ticketId })
    .from(trackingLinks)
    .where(and(eq(trackingLinks.jti, jti), isNull(trackingLinks.revokedAt), gt(trackingLinks.expiresAt, sql`now()`)))
    .limit(1);
  return row?.ticketId === ticketId ? ticketId : null;
}

/** Revokes every live link of a ticket; returns how many were live. */
export async function revokeTrackingLinks(db: DbOrTx, ticketId: string): Promise<number> {
  const rows = await db
    .update(trackingLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(trackingLinks.ticketId, ticketId), isNull(trackingLinks.revokedAt)))
    .returning({ jti: trackingLinks.jti });
  return rows.length;
}
