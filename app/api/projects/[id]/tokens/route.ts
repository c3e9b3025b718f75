import { publicBaseUrl } from "@/lib/http/base-url";
import { withApi } from "@/lib/http/with-api";
import { createProjectLink } from "@/lib/projects/links";
import { listAccessLinks } from "@/lib/projects/access-links";
import { createAccessLinkBody, projectIdParams } from "@/lib/projects/schemas";

/** The project's links, newest first (active, expired and revoked). */
export const GET = withApi({ access: "projects.share", params: projectIdParams }, async ({ params }) => ({
  results: await listAccessLinks(params.id),
}));

/** Seed 003's access token: a link for one person on the project → `{ token, url, expires_at }`. */
export const POST = withApi(
  { access: "projects.share", params: projectIdParams, body: createAccessLinkBody },
  async ({ req, actor, params, body }) =>
    Response.json(await createProjectLink(params.id, body, actor, publicBaseUrl(req.headers, req.url)), { status: 201 }),
);
