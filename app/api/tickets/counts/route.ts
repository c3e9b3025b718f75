import { withApi } from "@/lib/http/with-api";
import { countTicketsByStatus } from "@/lib/tickets/search/list-tickets";
import { listTicketsQuery } from "@/lib/tickets/schemas";

/** Tickets per status under the list's other filters (the status tabs). */
export const GET = withApi({ access: "tickets.read", query: listTicketsQuery }, async ({ query, actor }) => ({
  counts: await countTicketsByStatus(query, actor),
}));
