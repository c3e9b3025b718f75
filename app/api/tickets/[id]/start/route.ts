import { withApi } from "@/lib/http/with-api";
import { ticketIdParams, versionBody } from "@/lib/tickets/schemas";
import { startTicket } from "@/lib/tickets/transitions";

/** Seed 001: start the ticket. Send the `version` you saw; a stale one answers 409 with the current state. */
export const POST = withApi(
  { access: "tickets.complete", params: ticketIdParams, body: versionBody },
  async ({ params, body, actor }) => startTicket(params.id, body.version, actor),
);
