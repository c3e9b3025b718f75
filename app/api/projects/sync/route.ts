import { withApi } from "@/lib/http/with-api";
import { requestLocale } from "@/lib/i18n/request-locale";
import { runProjectSync } from "@/lib/projects/project-sync";
import { projectSyncBody } from "@/lib/projects/schemas";

/** Seed 003's "sync now": runs a project sync and answers with its counts and the status changes it saw. */
export const POST = withApi({ access: "projects.sync", body: projectSyncBody }, async ({ req, body }) =>
  runProjectSync(body, requestLocale(req.headers)),
);
