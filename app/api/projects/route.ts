import { withApi } from "@/lib/http/with-api";
import { listCachedProjects } from "@/lib/projects/project-sync";
import { listProjectsQuery } from "@/lib/projects/schemas";

/** Staff: the cached projects with their cache state (seed 004's fresh / expiring / expired views). */
export const GET = withApi({ access: "projects.read", query: listProjectsQuery }, async ({ query }) =>
  listCachedProjects(query),
);
