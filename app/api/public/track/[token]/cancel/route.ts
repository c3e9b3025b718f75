import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { customerCancelBody } from "@/lib/tickets/schemas";
import { cancelByTrackingToken } from "@/lib/tickets/tracking";

const params = z.object({ token: z.string().max(1000) });

/** The customer cancels from their tracking link, with a reason, until a technician is assigned. */
export const POST = withApi({ access: "public", params, body: customerCancelBody }, async ({ ip, params, body }) =>
  cancelByTrackingToken(params.token, body.reason, { ip }),
);
