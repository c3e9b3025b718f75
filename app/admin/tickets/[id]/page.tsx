import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { requirePageActor } from "@/lib/auth/current-actor";
import { hasPermission } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { imageUploadRules } from "@/lib/files/images";
import { getTicketDetail } from "@/lib/tickets/queries";
import { ticketIdParams } from "@/lib/tickets/schemas";
import { TicketDetail } from "./ticket-detail";

type Props = { params: Promise<{ id: string }> };

/** The ticket, or null when it does not exist or the viewer may not see it (the same answer for both). */
const loadTicket = cache(async (id: string) => {
  const actor = await requirePageActor(`/admin/tickets/${id}`, "tickets.read");
  const parsed = ticketIdParams.safeParse({ id });
  if (!parsed.success) return null;
  try {
    const ticket = await getTicketDetail(parsed.data.id, actor);
    return { actor, ticket, loadedAt: Date.now() };
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const loaded = await loadTicket(id);
  const t = await getTranslations("tickets.detail");
  return { title: loaded ? t("metaTitle", { code: loaded.ticket.code }) : t("notFoundTitle") };
}

export default async function TicketPage({ params }: Props) {
  const { id } = await params;
  const loaded = await loadTicket(id);
  if (!loaded) notFound();
  const { actor, ticket, loadedAt } = loaded;
  return (
    <TicketDetail
      initial={ticket}
      loadedAt={loadedAt}
      viewer={{
        canRevealPhone: hasPermission(actor.role, "tickets.reveal_phone"),
        canShareTrackingLink: hasPermission(actor.role, "tickets.write"),
        canAddNotes: hasPermission(actor.role, "tickets.write"),
        backHref: actor.role === "technician" ? "/admin/my-jobs" : "/admin/tickets",
      }}
      uploadRules={imageUploadRules()}
    />
  );
}
