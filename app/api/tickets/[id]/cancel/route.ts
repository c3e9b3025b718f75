import { withApi } from "@/lib/http/with-api";
import { cancelBody, ticketIdParams } from "@/lib/tickets/schemas";
import { cancelTicket } from "@/lib/tickets/transitions";

/** Cancel with a reason: `{ version, reason }`. */
export const POST = withApi(
  { access: "tickets.write", params: ticketIdParams, body: cancelBody },
  async ({ params, body, actor }) => cancelTicket(params.id, body.version, body.reason, actor),
);
