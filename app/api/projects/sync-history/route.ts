import { withApi } from "@/lib/http/with-api";
import { requestLocale } from "@/lib/i18n/request-locale";
import { projectSyncHistory } from "@/lib/projects/project-sync";
import { pageQuery } from "@/lib/projects/schemas";

/** Seed 003's sync history: project syncs and cache cleanups, newest first. */
export const GET = withApi({ access: "projects.read", query: pageQuery }, async ({ req, query }) =>
  projectSyncHistory(query.page, query.page_size, requestLocale(req.headers)),
);
