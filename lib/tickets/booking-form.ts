import "server-only";
import { AppError } from "../errors";
import type { CleanImage } from "../files/images";
import { cleanFormImages } from "./images";
import { bookingInput, type BookingInput } from "./schemas";

export const MAX_BOOKING_PHOTOS = 4;

/** A booking sent as multipart/form-data (the form, or API clients attaching fault photos). */
export async function parseBookingForm(form: FormData): Promise<{ input: BookingInput; photos: CleanImage[] }> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && key !== "photos") fields[key] = value;
  }
  const input = bookingInput.parse(fields);
  const hasPhotos = form.getAll("photos").some((p) => typeof p !== "string" && p.size > 0);
  const photos = hasPhotos ? await cleanFormImages(form, "photos", MAX_BOOKING_PHOTOS) : [];
  if (form.getAll("photos").some((p) => typeof p === "string" && p.length > 0)) {
    throw new AppError("invalid_input", "photos must be files", {
      fields: [{ path: "photos", message: "Not a file" }],
    });
  }
  return { input, photos };
}
