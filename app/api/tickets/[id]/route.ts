import { withApi } from "@/lib/http/with-api";
import { getTicketDetail } from "@/lib/tickets/queries";
import { ticketIdParams } from "@/lib/tickets/schemas";

/** One ticket with its images and event timeline. */
export const GET = withApi({ access: "tickets.read", params: ticketIdParams }, async ({ params, actor }) =>
  getTicketDetail(params.id, actor),
);
