import { publicBaseUrl } from "@/lib/http/base-url";
import { withApi } from "@/lib/http/with-api";
import { ticketIdParams } from "@/lib/tickets/schemas";
import { getTrackingLinkForStaff, rotateTrackingLink } from "@/lib/tickets/tracking";

/** The customer's live tracking link, to send again (issues one when none is live: a same-origin check applies). */
export const GET = withApi({ access: "tickets.write", sensitive: true, params: ticketIdParams }, async ({ req, params, actor }) =>
  getTrackingLinkForStaff(params.id, actor, publicBaseUrl(req.headers, req.url)),
);

/** Revoke every live tracking link of the ticket and issue a new one. */
export const POST = withApi({ access: "tickets.write", params: ticketIdParams }, async ({ req, params, actor }) =>
  rotateTrackingLink(params.id, actor, publicBaseUrl(req.headers, req.url)),
);
