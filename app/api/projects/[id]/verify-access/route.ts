import { withApi } from "@/lib/http/with-api";
import { verifyProjectAccess } from "@/lib/projects/project-view";
import { projectIdParams, verifyAccessQuery } from "@/lib/projects/schemas";

/** Seed 003: whether a link's token opens this project, and for whom (401 / 403 when it does not). */
export const GET = withApi(
  { access: "public", params: projectIdParams, query: verifyAccessQuery },
  async ({ ip, params, query }) => verifyProjectAccess(params.id, query.token, ip),
);
