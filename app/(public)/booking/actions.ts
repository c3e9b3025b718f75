"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { publicBaseUrl } from "@/lib/http/base-url";
import { clientIp } from "@/lib/http/client-ip";
import { createBooking, type BookingResult } from "@/lib/tickets/booking";
import { parseBookingForm } from "@/lib/tickets/booking-form";

export type BookingActionState = ActionResult<BookingResult> | null;

/**
 * The public booking form (multipart, with optional fault photos in `photos`). The same parsing and
 * service as POST /api/public/booking, so the form and the API accept and reject exactly the same input;
 * the form's `idempotency_key` makes a double tap or a resubmission after a lost answer one ticket.
 */
export async function submitBookingAction(_prev: BookingActionState, form: FormData): Promise<BookingActionState> {
  return runAction(async () => {
    const h = await headers();
    const { input, photos } = parseBookingForm(form);
    return createBooking(input, { ip: clientIp(h), baseUrl: publicBaseUrl(h), photos });
  });
}
