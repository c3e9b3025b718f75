"use client";

import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { TicketDto } from "@/lib/tickets/dto";

const tones: Record<TicketDto["status"], BadgeTone> = {
  BOOKED: "gray",
  CONFIRMED: "blue",
  ASSIGNED: "indigo",
  IN_PROGRESS: "amber",
  COMPLETED: "green",
  CANCELED: "red",
};

export function JobStatusBadge({ status }: { status: TicketDto["status"] }) {
  const t = useTranslations("common.status");
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
