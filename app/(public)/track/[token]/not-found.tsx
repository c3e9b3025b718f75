import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BrokenLinkCard } from "@/components/layout/broken-link-card";
import { buttonClasses } from "@/components/ui/button";

/** Any link that does not open a ticket: the same words for every reason, and nothing about any ticket. */
export default async function TrackLinkNotFound() {
  const t = await getTranslations("track.invalid");
  return (
    <BrokenLinkCard
      metaTitle={t("metaTitle")}
      title={t("title")}
      body={t("body")}
      help={t("help")}
      action={
        <Link href="/booking" className={`${buttonClasses("primary", "lg")} mt-6 w-full sm:w-auto`}>
          {t("book")}
        </Link>
      }
    />
  );
}
