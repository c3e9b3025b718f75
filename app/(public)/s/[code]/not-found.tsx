import { getTranslations } from "next-intl/server";
import { BrokenLinkCard } from "@/components/layout/broken-link-card";

/** A short code that opens nothing: the same words for every reason, nothing about any record. */
export default async function ShortLinkNotFound() {
  const t = await getTranslations("track.invalid");
  return <BrokenLinkCard metaTitle={t("metaTitle")} title={t("title")} body={t("body")} help={t("help")} />;
}
