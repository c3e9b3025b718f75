import "server-only";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { jwtVerify, SignJWT } from "jose";
import { projectAccessTokens } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { getDb, type DbOrTx } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import type { ProjectRole } from "./types";

/**
 * Links that open one project for one person (seed 003's project_access_tokens): an HS256 JWT with the
 * project (sub), the person (uid, role) and a stored `jti`. The signature stops forgery, `exp` ends it,
 * the row lets staff revoke it early. Verification never says why a link failed to a caller, only
 * whether it is a link at all (401) or a link for something else (403); the log says why.
 */
const AUDIENCE = "servicehub:project";
const secretKey = () => new TextEncoder().encode(getEnv().LINK_SIGNING_SECRET);

export type AccessLinkRow = typeof projectAccessTokens.$inferSelect;

export interface AccessLinkDto {
  jti: string;
  project_id: string;
  access_type: ProjectRole;
  user_id: string;
  user_name: string;
  expires_at: string;
  revoked_at: string | null;
  state: "active" | "expired" | "revoked";
  created_by: string;
  created_at: string;
  last_used_at: string | null;
}

export const toAccessLinkDto = (row: AccessLinkRow, now = Date.now()): AccessLinkDto => ({
  jti: row.jti,
  project_id: row.projectId,
  access_type: row.accessType,
  user_id: row.userId,
  user_name: row.userName,
  expires_at: row.expiresAt.toISOString(),
  revoked_at: row.revokedAt?.toISOString() ?? null,
  state: row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "active",
  created_by: row.createdByLabel,
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
});

/** Signs a link for a stored row (the same row always yields a working link until it expires or is revoked). */
export function signAccessToken(row: Pick<AccessLinkRow, "jti" | "projectId" | "userId" | "accessType" | "expiresAt">) {
  return new SignJWT({ uid: row.userId, role: row.accessType })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(row.projectId)
    .setJti(row.jti)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(row.expiresAt.getTime() / 1000))
    .sign(secretKey());
}

/** The path a person opens; the caller puts the app's public origin in front. */
export const projectLinkPath = (projectId: string, token: string) =>
  `/project/${encodeURIComponent(projectId)}?token=${encodeURIComponent(token)}`;

export async function issueAccessLink(
  db: DbOrTx,
  input: { projectId: string; accessType: ProjectRole; userId: string; userName: string; ttlDays?: number },
  actor: Actor | null,
): Promise<{ token: string; row: AccessLinkRow }> {
  const ttlDays = input.ttlDays ?? getEnv().PROJECT_LINK_TTL_DAYS;
  const [row] = await db
    .insert(projectAccessTokens)
    .values({
      projectId: input.projectId,
      accessType: input.accessType,
      userId: input.userId,
      userName: input.userName,
      expiresAt: new Date(Date.now() + ttlDays * 86_400_000),
      createdBy: actor?.userId ?? null,
      createdByLabel: actor?.email ?? "system",
    })
    .returning();
  await writeAudit(db, {
    actorUserId: actor?.userId ?? null,
    actorLabel: actor?.email ?? "system",
    action: "project.link_created",
    targetType: "project",
    targetId: input.projectId,
    details: { jti: row!.jti, access_type: input.accessType, user_id: input.userId, ttl_days: ttlDays },
  });
  return { token: await signAccessToken(row!), row: row! };
}

export async function listAccessLinks(projectId: string): Promise<AccessLinkDto[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(projectAccessTokens)
    .where(eq(projectAccessTokens.projectId, projectId))
    .orderBy(desc(projectAccessTokens.createdAt))
    .limit(200);
  return rows.map((r) => toAccessLinkDto(r));
}

export async function revokeAccessLink(projectId: string, jti: string, actor: Actor): Promise<AccessLinkDto> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(projectAccessTokens)
      .where(and(eq(projectAccessTokens.jti, jti), eq(projectAccessTokens.projectId, projectId)))
      .for("update");
    if (!row) throw new AppError("not_found", `No link ${jti} on project ${projectId}`);
    if (row.revokedAt) return toAccessLinkDto(row);
    const [revoked] = await tx
      .update(projectAccessTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(projectAccessTokens.jti, jti))
      .returning();
    await writeAudit(tx, {
      actorUserId: actor.userId,
      actorLabel: actor.email,
      action: "project.link_revoked",
      targetType: "project",
      targetId: projectId,
      details: { jti, access_type: row.accessType, user_id: row.userId },
    });
    return toAccessLinkDto(revoked!);
  });
}

export type AccessCheck =
  | { ok: true; link: AccessLinkRow }
  /** `invalid`: not a live link at all (401). `other_project`: a live link for another project (403). */
  | { ok: false; reason: "invalid" | "other_project" };

/**
 * Whether `token` opens `projectId`. Forged, tampered, expired, revoked and unknown links are all
 * `invalid`; a live link for another project is `other_project`. Marks the link used (markUsed).
 */
export async function checkAccessToken(token: string, projectId: string): Promise<AccessCheck> {
  const claims = await verifiedClaims(token);
  if (!claims) return { ok: false, reason: "invalid" };
  const db = await getDb();
  const [row] = await db
    .select()
    .from(projectAccessTokens)
    .where(
      and(
        eq(projectAccessTokens.jti, claims.jti),
        isNull(projectAccessTokens.revokedAt),
        sql`${projectAccessTokens.expiresAt} > now()`,
      ),
    )
    .limit(1);
  // The signed claims must say what the row says: a jti moved into another project's token is forged.
  if (!row || row.projectId !== claims.projectId || row.userId !== claims.userId || row.accessType !== claims.role) {
    return { ok: false, reason: "invalid" };
  }
  if (row.projectId !== projectId) return { ok: false, reason: "other_project" };
  await markUsed(row);
  return { ok: true, link: row };
}

/** "Last used" for the links list: written at most once a minute, so a busy link costs no write per view. */
const LAST_USED_GRANULARITY_MS = 60_000;
async function markUsed(row: AccessLinkRow) {
  if (row.lastUsedAt && Date.now() - row.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
  const db = await getDb();
  await db
    .update(projectAccessTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(projectAccessTokens.jti, row.jti));
}

async function verifiedClaims(token: string) {
  if (!token || token.length > 2000) return null;
  try {
    const { payload } = await jwtVerify(token, secretKey(), { audience: AUDIENCE, algorithms: ["HS256"] });
    const { sub, jti, uid, role } = payload as { sub?: unknown; jti?: unknown; uid?: unknown; role?: unknown };
    if (typeof sub !== "string" || typeof uid !== "string" || typeof role !== "string") return null;
    if (typeof jti !== "string" || !/^[0-9a-f-]{36}$/i.test(jti)) return null;
    return { projectId: sub, jti, userId: uid, role };
  } catch {
    return null;
  }
}

/** The daily cleanup: links past their expiry (and revoked ones past it too) are deleted. */
export async function deleteExpiredAccessLinks(now = new Date()): Promise<number> {
  const db = await getDb();
  const rows = await db
    .delete(projectAccessTokens)
    .where(lt(projectAccessTokens.expiresAt, now))
    .returning({ jti: projectAccessTokens.jti });
  return rows.length;
}

/** One line per access to a project link (who, which project, outcome); never the token itself. */
export function logProjectAccess(entry: {
  projectId: string;
  action: "verify" | "view" | "refresh";
  outcome: "allowed" | "invalid" | "other_project" | "not_member" | "rate_limited";
  link?: AccessLinkRow;
  ip: string;
}) {
  getLogger().info(
    {
      projectId: entry.projectId,
      action: entry.action,
      outcome: entry.outcome,
      jti: entry.link?.jti,
      userId: entry.link?.userId,
      accessType: entry.link?.accessType,
      ip: entry.ip,
    },
    "project link access",
  );
}
