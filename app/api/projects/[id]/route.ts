import { hasPermission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { withApi } from "@/lib/http/with-api";
import { requestLocale } from "@/lib/i18n/request-locale";
import { getProjectByLink, getProjectForStaff, projectStatusHistory } from "@/lib/projects/project-view";
import { projectIdParams, projectViewQuery } from "@/lib/projects/schemas";

/**
 * Seed 003: one project, cache first. A person opens it with the `token` of their link; signed-in staff
 * (projects.read) may leave the token out and also get the status history.
 */
export const GET = withApi(
  { access: "public", params: projectIdParams, query: projectViewQuery },
  async ({ req, ip, actor, params, query }) => {
    const opts = { useCache: query.use_cache, forceSync: query.force_sync, locale: requestLocale(req.headers) };
    if (query.token !== undefined) return getProjectByLink(params.id, query.token, { ...opts, ip });
    if (!actor) throw new AppError("unauthorized", "Open the project through the link you were sent (it carries a token), or sign in");
    if (!hasPermission(actor.role, "projects.read")) {
      throw new AppError("forbidden", `Your role (${actor.role}) lacks the projects.read permission`);
    }
    return { ...(await getProjectForStaff(params.id, opts)), status_history: await projectStatusHistory(params.id) };
  },
);
