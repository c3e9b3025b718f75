"use client";

import { useTranslations } from "next-intl";
import type { AssignmentRule } from "@/lib/tickets/auto-assign";
import type { TicketEventDto } from "@/lib/tickets/dto";
import { applianceTypes, type ApplianceType } from "@/lib/tickets/enums";
import type { TicketStatus } from "@/lib/tickets/enums";
import { TicketStatusBadge } from "./status-badge";
import { useTicketFormat } from "./use-ticket-format";

const knownActions = [
  "booked",
  "confirmed",
  "assigned",
  "started",
  "receipt_uploaded",
  "completed",
  "canceled",
  "note_added",
];

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** The ticket's history, oldest first: who did what, the state change, and why (e.g. how it was assigned). */
export function EventTimeline({ events }: { events: TicketEventDto[] }) {
  const t = useTranslations("tickets.timeline");
  const fmt = useTicketFormat();
  if (events.length === 0) return <p className="text-sm text-slate-500">{t("empty")}</p>;
  return (
    <ol className="relative space-y-5 border-l border-slate-200 pl-5">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <span
            aria-hidden="true"
            className="absolute -left-[25px] top-1.5 size-2.5 rounded-full bg-brand-500 ring-4 ring-white"
          />
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium text-slate-900">
              {knownActions.includes(e.action) ? t(`action.${e.action}`) : e.action}
            </span>
            {e.from_status && e.to_status && e.from_status !== e.to_status && (
              <span className="flex items-center gap-1">
                <TicketStatusBadge status={e.from_status as TicketStatus} />
                <span aria-label={t("to")}>→</span>
                <TicketStatusBadge status={e.to_status as TicketStatus} />
              </span>
            )}
            {!e.from_status && e.to_status && <TicketStatusBadge status={e.to_status as TicketStatus} />}
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            <time dateTime={e.created_at}>{fmt.dateTime(e.created_at)}</time>
            {" · "}
            {e.actor.type === "customer"
              ? t("actor.customer")
              : e.actor.type === "system"
                ? t("actor.system")
                : e.actor.label}
          </p>
          <EventDetails event={e} />
        </li>
      ))}
    </ol>
  );
}

const decidingRules: readonly AssignmentRule[] = ["only_candidate", "free_slot", "skills", "center", "load", "name"];

function EventDetails({ event }: { event: TicketEventDto }) {
  const t = useTranslations("tickets.timeline");
  const applianceLabel = useTranslations("common.appliance");
  const d = event.details ?? {};
  const lines: string[] = [];
  switch (event.action) {
    case "booked": {
      if (str(d.center)) lines.push(t("details.center", { center: str(d.center)! }));
      if (typeof d.photos === "number" && d.photos > 0) lines.push(t("details.photos", { count: d.photos }));
      break;
    }
    case "assigned": {
      const name = str(d.technician_name) ?? "";
      const applianceType = str(d.appliance_type);
      const appliance =
        applianceType && applianceTypes.includes(applianceType as ApplianceType)
          ? applianceLabel(applianceType)
          : (applianceType ?? "");
      const load = typeof d.load_7d === "number" ? d.load_7d : 0;
      const slotJob = str(d.same_slot_job);
      if (d.mode === "auto") {
        lines.push(t("details.autoAssigned", { name }));
        const rule = str(d.decided_by);
        if (rule && decidingRules.includes(rule as AssignmentRule)) {
          lines.push(t(`details.decidedBy.${rule as AssignmentRule}`, { appliance, load }));
          lines.push(
            [
              t(d.covers_appliance ? "details.factCovers" : "details.factNotCovers", { appliance }),
              t(d.same_center ? "details.factSameCenter" : "details.factOtherCenter"),
              t("details.factLoad", { load }),
            ].join(" · "),
          );
          if (slotJob) lines.push(t("details.everyoneBusy", { code: slotJob }));
        } else {
          // Events written before the skills and slot rules existed.
          lines.push(
            d.same_center ? t("details.reasonSameCenter", { load }) : t("details.reasonOtherCenter", { load }),
          );
        }
      } else {
        lines.push(t("details.manualAssigned", { name }));
        if (d.same_center === false) lines.push(t("details.otherCenter"));
        if (d.covers_appliance === false && appliance) lines.push(t("details.factNotCovers", { appliance }));
        if (slotJob) lines.push(t("details.slotClash", { code: slotJob }));
      }
      if (str(d.previous_technician_name))
        lines.push(t("details.reassignedFrom", { name: str(d.previous_technician_name)! }));
      break;
    }
    case "receipt_uploaded":
      if (typeof d.count === "number") lines.push(t("details.receipts", { count: d.count }));
      break;
    case "completed":
      if (typeof d.receipt_count === "number") lines.push(t("details.receiptCount", { count: d.receipt_count }));
      break;
    case "canceled":
      if (str(d.reason)) lines.push(t("details.reason", { reason: str(d.reason)! }));
      break;
    case "note_added":
      if (str(d.body)) lines.push(str(d.body)!);
      break;
    default:
      for (const [k, v] of Object.entries(d)) if (str(v) !== undefined) lines.push(`${k}: ${str(v)}`);
  }
  if (!lines.length) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
      {lines.map((l, i) => (
        // Plain text nodes: event details can carry user-typed text (a cancel reason).
        <li key={i} className="whitespace-pre-line break-words">
          {l}
        </li>
      ))}
    </ul>
  );
}
