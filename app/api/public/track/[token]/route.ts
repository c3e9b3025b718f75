import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { getTrackingView } from "@/lib/tickets/tracking";

const params = z.object({ token: z.string().max(1000) });

/** The customer's view of their ticket, by tracking token. */
export const GET = withApi({ access: "public", params }, async ({ ip, params }) =>
  getTrackingView(params.token, { ip }),
);
