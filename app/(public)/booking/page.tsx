import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { getDisplayConfig, getEnv } from "@/lib/env";
import { imageUploadRules } from "@/lib/files/images";
import { listServiceAreas } from "@/lib/tickets/booking";
import { MAX_BOOKING_PHOTOS } from "@/lib/tickets/booking-form";
import { addDays, BOOKING_WINDOW_DAYS, localDate } from "@/lib/tickets/slots";
import { BookingForm } from "./booking-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("booking");
  return { title: t("metaTitle") };
}

export default async function BookingPage() {
  await connection(); // "today" is the request's day, never the build's
  const t = await getTranslations("booking");
  const timeZone = getDisplayConfig().APP_TIMEZONE;
  const env = getEnv();
  const today = localDate(new Date(), timeZone);
  // The first paint already has the cities; the query keeps them fresh from the API afterwards.
  const areas = await listServiceAreas();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      <BookingForm
        today={today}
        maxDate={addDays(today, BOOKING_WINDOW_DAYS)}
        windowDays={BOOKING_WINDOW_DAYS}
        timeZone={timeZone}
        maxPhotos={MAX_BOOKING_PHOTOS}
        maxPhotoMb={env.MAX_UPLOAD_MB}
        photoRules={imageUploadRules()}
        initialAreas={areas}
      />
    </>
  );
}
