import { withApi } from "@/lib/http/with-api";
import { bookableDays } from "@/lib/tickets/availability";
import { availabilityQuery } from "@/lib/tickets/schemas";

/** Which days of the booking window a district can still book (the booking calendar). */
export const GET = withApi({ access: "public", query: availabilityQuery }, async ({ query, ip }) =>
  bookableDays(query.city, query.district, { ip }),
);
