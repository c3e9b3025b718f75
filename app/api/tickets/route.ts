import { withApi } from "@/lib/http/with-api";
import { listTickets } from "@/lib/tickets/search/list-tickets";
import { listTicketsQuery } from "@/lib/tickets/schemas";

/** Tickets, filtered by status, technician, center, appointment date range and keyword; sorted; paginated. */
export const GET = withApi({ access: "tickets.read", query: listTicketsQuery }, async ({ query, actor }) =>
  listTickets(query, actor),
);
