"use server";

import { headers } from "next/headers";
import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { publicBaseUrl } from "@/lib/http/base-url";
import { getLocale } from "next-intl/server";
import { revokeAccessLink, type AccessLinkDto } from "@/lib/projects/access-links";
import { createProjectLink } from "@/lib/projects/links";
import { runProjectSync, type ProjectSyncAnswer } from "@/lib/projects/project-sync";
import { accessLinkParams, createAccessLinkBody, projectIdParams, projectSyncBody } from "@/lib/projects/schemas";
import { isLocale } from "@/lib/i18n/config";

/**
 * The projects page's actions: the same schemas and services as POST /api/projects/sync and the
 * /api/projects/{id}/tokens endpoints, for a signed-in member of staff.
 */

export async function syncProjectsAction(input: unknown): Promise<ActionResult<ProjectSyncAnswer>> {
  return runAction(async () => {
    await requireActionActor("projects.sync");
    const locale = await getLocale();
    return runProjectSync(projectSyncBody.parse(input), isLocale(locale) ? locale : "zh-CN");
  });
}

export async function createLinkAction(
  projectId: string,
  input: unknown,
): Promise<ActionResult<{ token: string; url: string; expires_at: string; link: AccessLinkDto }>> {
  return runAction(async () => {
    const actor = await requireActionActor("projects.share");
    const { id } = projectIdParams.parse({ id: projectId });
    return createProjectLink(id, createAccessLinkBody.parse(input), actor, publicBaseUrl(await headers()));
  });
}

export async function revokeLinkAction(projectId: string, jti: string): Promise<ActionResult<AccessLinkDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("projects.share");
    const params = accessLinkParams.parse({ id: projectId, jti });
    return revokeAccessLink(params.id, params.jti, actor);
  });
}
