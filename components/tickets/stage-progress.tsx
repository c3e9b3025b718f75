"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TicketDto } from "@/lib/tickets/dto";
import { useTicketFormat } from "./use-ticket-format";

/** When the ticket reached each stage of the lifecycle; a canceled ticket shows where it stopped. */
export function StageProgress({ ticket }: { ticket: TicketDto }) {
  const t = useTranslations("tickets.stages");
  const fmt = useTicketFormat();
  const stages: { key: string; at: string | null }[] = [
    { key: "booked", at: ticket.created_at },
    { key: "confirmed", at: ticket.confirmed_at },
    { key: "assigned", at: ticket.assigned_at },
    { key: "started", at: ticket.started_at },
    { key: "completed", at: ticket.completed_at },
  ];
  // A canceled ticket shows the stages it reached, then where it stopped.
  const shown = ticket.canceled_at
    ? [...stages.filter((s) => s.at), { key: "canceled", at: ticket.canceled_at }]
    : stages;
  return (
    <ol className="space-y-2.5">
      {shown.map((s) => (
        <li key={s.key} className="flex items-center gap-3 text-sm">
          <span
            aria-hidden="true"
            className={cn(
              "flex size-5 shrink-0 items-center justify-center rounded-full text-[10px] font-bold",
              s.at
                ? s.key === "canceled"
                  ? "bg-slate-500 text-white"
                  : "bg-emerald-500 text-white"
                : "bg-white ring-1 ring-inset ring-slate-300",
            )}
          >
            {s.at ? (s.key === "canceled" ? "×" : "✓") : ""}
          </span>
          <span className={cn("flex-1", s.at ? "text-slate-900" : "text-slate-400")}>{t(s.key)}</span>
          <span className={cn("tabular-nums", s.at ? "text-slate-600" : "text-slate-400")}>
            {s.at ? fmt.dateTime(s.at) : <span className="sr-only">{t("notYet")}</span>}
            {!s.at && <span aria-hidden="true">—</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
