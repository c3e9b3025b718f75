"use client";

import { useFormatter, useNow } from "next-intl";
import { createContext, useCallback, useContext, useMemo } from "react";
import { useTicketFormat } from "@/components/tickets/use-ticket-format";
import { DONE_STATUSES, DUE_SOON_DAYS, type WorkOrderDto } from "./constants";

export type DueState = "overdue" | "soon" | "later" | "none";

/**
 * Jira's due dates are calendar days, stored as 00:00 UTC of the day (lib/sync/adapters/jira/mapper.ts);
 * Zendesk's are instants. A due time of exactly midnight UTC is read as a day and shown in UTC so it
 * never shifts; anything else is an instant in the app's zone.
 */
const isDayOnly = (iso: string) => iso.endsWith("T00:00:00.000Z");

/** One clock for the whole list (set by the page), rather than a timer in every row. */
const NowContext = createContext<number | null>(null);

export function NowProvider({ children }: { children: React.ReactNode }) {
  const now = useNow({ updateInterval: 60_000 }).getTime();
  return <NowContext value={now}>{children}</NowContext>;
}

export function useWorkOrderFormat() {
  const format = useFormatter();
  const { dateTime, shortDateTime } = useTicketFormat();
  const fallback = useNow().getTime();
  const now = useContext(NowContext) ?? fallback;

  const due = useCallback(
    (iso: string) =>
      isDayOnly(iso)
        ? format.dateTime(new Date(iso), { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" })
        : dateTime(iso),
    [format, dateTime],
  );

  /** Overdue comes from the API (`is_overdue`); "soon" matches the statistics' window. */
  const dueState = useCallback(
    (w: Pick<WorkOrderDto, "due_at" | "is_overdue" | "status" | "deleted_at">): DueState => {
      if (!w.due_at) return "none";
      if (w.is_overdue) return "overdue";
      const at = Date.parse(w.due_at);
      const open = !DONE_STATUSES.includes(w.status) && !w.deleted_at;
      return open && at >= now && at <= now + DUE_SOON_DAYS * 86_400_000 ? "soon" : "later";
    },
    [now],
  );

  return useMemo(() => ({ due, dueState, dateTime, shortDateTime }), [due, dueState, dateTime, shortDateTime]);
}
