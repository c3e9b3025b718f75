import { withApi } from "@/lib/http/with-api";
import { ticketIdParams, versionBody } from "@/lib/tickets/schemas";
import { completeTicket } from "@/lib/tickets/transitions";

/** Seed 001: complete the ticket. Send the `version` you saw; a stale one answers 409 with the current state. */
export const POST = withApi(
  { access: "tickets.complete", params: ticketIdParams, body: versionBody },
  async ({ params, body, actor }) => completeTicket(params.id, body.version, actor),
);
