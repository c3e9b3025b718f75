import { withApi } from "@/lib/http/with-api";
import { revokeAccessLink } from "@/lib/projects/access-links";
import { accessLinkParams } from "@/lib/projects/schemas";

/** Revokes a link at once (it opens nothing from then on); revoking twice is harmless. */
export const DELETE = withApi({ access: "projects.share", params: accessLinkParams }, async ({ actor, params }) =>
  revokeAccessLink(params.id, params.jti, actor),
);
