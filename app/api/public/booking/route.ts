import { maxUploadBytes } from "@/lib/files/images";
import { publicBaseUrl } from "@/lib/http/base-url";
import { withApi } from "@/lib/http/with-api";
import { createBooking } from "@/lib/tickets/booking";
import { MAX_BOOKING_PHOTOS, parseBookingForm } from "@/lib/tickets/booking-form";
import { bookingInput } from "@/lib/tickets/schemas";

/** Seed 001: public booking. JSON, or multipart/form-data with up to 4 fault photos in `photos`. */
export const POST = withApi(
  {
    access: "public",
    body: bookingInput,
    multipartLimitBytes: () => MAX_BOOKING_PHOTOS * maxUploadBytes() + 1024 * 1024,
  },
  async ({ req, ip, body, formData }) => {
    const { input, photos } = formData ? parseBookingForm(formData) : { input: body, photos: [] };
    // The key may also come as a header, as payment-style APIs take it.
    const idempotencyKey = input.idempotency_key ?? req.headers.get("idempotency-key")?.trim();
    const result = await createBooking(bookingInput.parse({ ...input, idempotency_key: idempotencyKey || undefined }), {
      ip,
      baseUrl: publicBaseUrl(req.headers, req.url),
      photos,
    });
    return Response.json(result, { status: result.replayed ? 200 : 201 });
  },
);
