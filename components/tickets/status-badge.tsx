import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { TicketStatus } from "@/lib/tickets/enums";

const tones: Record<TicketStatus, BadgeTone> = {
  BOOKED: "blue",
  CONFIRMED: "indigo",
  ASSIGNED: "amber",
  IN_PROGRESS: "sky",
  COMPLETED: "green",
  CANCELED: "gray",
};

export function TicketStatusBadge({ status, className }: { status: TicketStatus; className?: string }) {
  const t = useTranslations("common.status");
  return (
    <Badge tone={tones[status]} className={className}>
      {t(status)}
    </Badge>
  );
}
