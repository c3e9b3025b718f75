import { getTranslations } from "next-intl/server";
import { BrokenLinkCard } from "@/components/layout/broken-link-card";

/**
 * Any project link that does not open (bad id, no token, invalid / expired / revoked link, a person no
 * longer on the project, a project that is gone): the same words for every reason, nothing about any
 * project, and a 404 like the tracking page's. The page's metadata (no-referrer) still applies.
 */
export default async function ProjectLinkNotFound() {
  const t = await getTranslations("project.invalid");
  return <BrokenLinkCard metaTitle={t("metaTitle")} title={t("title")} body={t("body")} help={t("help")} />;
}
