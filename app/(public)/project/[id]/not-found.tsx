import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

/**
 * Any project link that does not open (bad id, no token, invalid / expired / revoked link, a person no
 * longer on the project, a project that is gone): the same words for every reason, nothing about any
 * project, and a 404 like the tracking page's. The page's metadata (noindex, no-referrer) still applies.
 */
export default async function ProjectLinkNotFound() {
  const t = await getTranslations("project.invalid");
  return (
    <Card className="px-5 py-8 text-center">
      <title>{t("metaTitle")}</title>
      <span className="mx-auto flex size-14 items-center justify-center rounded-full bg-amber-50 text-amber-600 ring-1 ring-amber-200">
        <svg
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          className="size-7"
          aria-hidden="true"
        >
          <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1" strokeLinecap="round" />
          <path d="M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" strokeLinecap="round" />
          <path d="M4 4l16 16" strokeLinecap="round" />
        </svg>
      </span>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("body")}</p>
      <p className="mt-2 text-sm text-slate-600">{t("help")}</p>
    </Card>
  );
}
