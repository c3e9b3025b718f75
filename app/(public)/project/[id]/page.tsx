import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProjectView } from "@/components/projects/project-view";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { isAppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { defaultLocale, isLocale } from "@/lib/i18n/config";
import { projectLinkPath } from "@/lib/projects/access-links";
import { getProjectByLink, type LinkViewDto } from "@/lib/projects/project-view";
import { projectIdParams } from "@/lib/projects/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("project");
  // The token in the address is the person's key: keep it out of search engines, and out of the
  // Referer header of anything the page loads or links to (even on this site: access logs).
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

type PageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A project opened from the link in a message: `/project/{id}?token=…`. */
export default async function ProjectPage({ params, searchParams }: PageProps) {
  const [{ id: rawId }, query] = await Promise.all([params, searchParams]);
  const token = typeof query.token === "string" ? query.token : Array.isArray(query.token) ? query.token[0] : undefined;
  const parsed = projectIdParams.safeParse({ id: rawId });
  // A bad id, no token, an invalid / expired / revoked link, a link for someone no longer on the project,
  // a project that is gone: one page for all, which says nothing about any project (not-found.tsx).
  if (!parsed.success || !token || token.length > 2000) notFound();
  const projectId = parsed.data.id;

  const locale = await getLocale();
  let view: LinkViewDto;
  try {
    view = await getProjectByLink(projectId, token, {
      useCache: true,
      forceSync: false,
      locale: isLocale(locale) ? locale : defaultLocale,
      ip: clientIp(await headers()),
    });
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "unauthorized" || e.code === "forbidden" || e.code === "not_found") notFound();
      if (e.code === "unavailable" || e.code === "rate_limited") {
        return <TryLater reason={e.code} href={projectLinkPath(projectId, token)} />;
      }
    }
    throw e;
  }

  return <ProjectView projectId={projectId} token={token} initial={view} />;
}

/** The library is down and there is no saved copy yet, or too many tries from this network. */
async function TryLater({ reason, href }: { reason: "unavailable" | "rate_limited"; href: string }) {
  const t = await getTranslations("project.tryLater");
  return (
    <Card role="alert" className="px-5 py-8 text-center">
      <span className="mx-auto flex size-14 items-center justify-center rounded-full bg-sky-50 text-sky-600 ring-1 ring-sky-200">
        <svg
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          className="size-7"
          aria-hidden="true"
        >
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t(reason === "rate_limited" ? "bodyBusy" : "body")}</p>
      {/* A full reload: the server asks the library again. */}
      <a href={href} className={`${buttonClasses("primary", "lg")} mt-6 w-full sm:w-auto`}>
        {t("retry")}
      </a>
    </Card>
  );
}
