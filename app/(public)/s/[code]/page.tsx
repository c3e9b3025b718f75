import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { clientIp } from "@/lib/http/client-ip";
import { resolveShortLink } from "@/lib/notifications/short-links";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * A short link from an SMS (`/s/{code}`): opens the tracking or project page its code stands for. An
 * unknown, expired or revoked code shows one page for every reason.
 */
export default async function ShortLinkPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const target = await resolveShortLink(code, { ip: clientIp(await headers()) });
  if (!target) notFound();
  redirect(target);
}
