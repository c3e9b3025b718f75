import { withApi } from "@/lib/http/with-api";
import { assignBody, ticketIdParams } from "@/lib/tickets/schemas";
import { assignTicket } from "@/lib/tickets/transitions";

/** Assign a technician: `{ version, technician_id }` or `{ version, auto: true }` (seed 001's strategy). */
export const POST = withApi(
  { access: "tickets.assign", params: ticketIdParams, body: assignBody },
  async ({ params, body, actor }) => assignTicket(params.id, body, actor),
);
