import "server-only";
import type { Actor } from "../auth/permissions";
import { getDb } from "../db";
import { AppError } from "../errors";
import { issueAccessLink, projectLinkPath, toAccessLinkDto, type AccessLinkDto } from "./access-links";
import { getProjectForStaff } from "./project-view";
import type { CreateAccessLinkBody } from "./schemas";

/**
 * Creates a link for one person on the project (POST /api/projects/{id}/tokens). The person must be on
 * the project in that role, as the library lists it; the name defaults to theirs there.
 */
export async function createProjectLink(
  projectId: string,
  body: CreateAccessLinkBody,
  actor: Actor,
  /** The app's public origin (PUBLIC_BASE_URL, else the request's), for the link's URL. */
  baseUrl: string,
): Promise<{ token: string; url: string; expires_at: string; link: AccessLinkDto }> {
  const view = await getProjectForStaff(projectId, { useCache: true, forceSync: false, locale: "en" });
  const person = view.project.people.find((p) => p.role === body.access_type && p.id === body.user_id);
  if (!person) {
    const listed = view.project.people.filter((p) => p.role === body.access_type).map((p) => `${p.id} (${p.name})`);
    const message = `Project ${projectId} has no ${body.access_type} with id ${body.user_id}${listed.length ? `; its ${body.access_type}s: ${listed.join(", ")}` : ""}`;
    throw new AppError("invalid_input", message, { fields: [{ path: "user_id", message }] });
  }
  const db = await getDb();
  const { token, row } = await db.transaction((tx) =>
    issueAccessLink(
      tx,
      { projectId, accessType: body.access_type, userId: body.user_id, userName: body.user_name ?? person.name, ttlDays: body.ttl_days },
      actor,
    ),
  );
  return {
    token,
    url: `${baseUrl}${projectLinkPath(projectId, token)}`,
    expires_at: row.expiresAt.toISOString(),
    link: toAccessLinkDto(row),
  };
}
