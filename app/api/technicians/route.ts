import { withApi } from "@/lib/http/with-api";
import { listTechniciansQuery } from "@/lib/tickets/schemas";
import { listTechnicians } from "@/lib/tickets/technicians";

/** Technicians with their center and 7-day load; with `ticket_id`, skill coverage and same-slot jobs. */
export const GET = withApi({ access: "tickets.read", query: listTechniciansQuery }, async ({ query, actor }) => ({
  items: await listTechnicians(
    { centerId: query.center_id, activeOnly: query.active === "true", ticketId: query.ticket_id },
    actor,
  ),
}));
