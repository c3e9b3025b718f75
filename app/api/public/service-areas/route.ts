import { withApi } from "@/lib/http/with-api";
import { listServiceAreas } from "@/lib/tickets/booking";

/** The cities and districts the booking form offers. */
export const GET = withApi({ access: "public" }, async () => ({ areas: await listServiceAreas() }));
