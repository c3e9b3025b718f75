import { withApi } from "@/lib/http/with-api";
import { ticketIdParams, versionBody } from "@/lib/tickets/schemas";
import { confirmTicket } from "@/lib/tickets/transitions";

/** Seed 001: confirm the ticket. Send the `version` you saw; a stale one answers 409 with the current state. */
export const POST = withApi(
  { access: "tickets.write", params: ticketIdParams, body: versionBody },
  async ({ params, body, actor }) => confirmTicket(params.id, body.version, actor),
);
