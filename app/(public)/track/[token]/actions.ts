"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { clientIp } from "@/lib/http/client-ip";
import { customerCancelBody } from "@/lib/tickets/schemas";
import { cancelByTrackingToken, type TrackingView } from "@/lib/tickets/tracking";

const trackingToken = z.string().min(1).max(1000);

/**
 * The customer cancels from their tracking link (the token is the only credential, as in
 * POST /api/public/track/[token]/cancel). On success the page re-renders in its canceled state.
 */
export async function cancelBookingAction(token: string, reason: string): Promise<ActionResult<TrackingView>> {
  const result = await runAction(async () => {
    const body = customerCancelBody.parse({ reason });
    return cancelByTrackingToken(trackingToken.parse(token), body.reason, { ip: clientIp(await headers()) });
  });
  if (result.ok) refresh();
  return result;
}
