import { withApi } from "@/lib/http/with-api";
import { availableSlots } from "@/lib/tickets/booking";
import { slotsQuery } from "@/lib/tickets/schemas";

/** Which time slots of a day a district can still book. */
export const GET = withApi({ access: "public", query: slotsQuery }, async ({ query }) =>
  availableSlots(query.city, query.district, query.date),
);
