import "server-only";
import { imageFileParts } from "./images";
import { bookingInput, type BookingInput } from "./schemas";

export const MAX_BOOKING_PHOTOS = 4;

/**
 * A booking sent as multipart/form-data (the form, or API clients attaching fault photos): the fields
 * parsed, the photos checked for count and size only. Decoding them is the costly part of a booking, so
 * createBooking does it after every cheap check has passed.
 */
export function parseBookingForm(form: FormData): { input: BookingInput; photos: File[] } {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && key !== "photos") fields[key] = value;
  }
  const input = bookingInput.parse(fields);
  const photos = imageFileParts(form, "photos", MAX_BOOKING_PHOTOS, { required: false });
  return { input, photos };
}
