"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  ticketSorts as TICKET_SORTS,
  ticketStatuses as TICKET_STATUSES,
  type TicketSort,
  type TicketStatus,
} from "@/lib/tickets/enums";
import { DEFAULT_SORT, LIST_PAGE_SIZE } from "./constants";

/** The list's filters, as they live in the URL (shareable, and the back button walks through them). */
export interface TicketFilters {
  status?: TicketStatus;
  technician_id?: string;
  center_id?: string;
  date_from?: string;
  date_to?: string;
  q?: string;
  sort: TicketSort;
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const pick = <T extends string>(value: string | null, ok: (v: string) => boolean): T | undefined =>
  value && ok(value) ? (value as T) : undefined;

/** Reads filters leniently: a hand-edited or outdated link drops what it cannot use instead of failing. */
export function parseTicketFilters(sp: Pick<URLSearchParams, "get">): TicketFilters {
  const page = Number(sp.get("page"));
  const q = sp.get("q")?.trim().slice(0, 100);
  return {
    status: pick<TicketStatus>(sp.get("status")?.toUpperCase() ?? null, (v) =>
      (TICKET_STATUSES as readonly string[]).includes(v),
    ),
    technician_id: pick(sp.get("technician_id"), (v) => v === "unassigned" || UUID.test(v)),
    center_id: pick(sp.get("center_id"), (v) => UUID.test(v)),
    date_from: pick(sp.get("date_from"), (v) => ISO_DATE.test(v)),
    date_to: pick(sp.get("date_to"), (v) => ISO_DATE.test(v)),
    q: q || undefined,
    sort: pick<TicketSort>(sp.get("sort"), (v) => (TICKET_SORTS as readonly string[]).includes(v)) ?? DEFAULT_SORT,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL form: defaults are left out so a plain list has a plain URL. */
export function serializeTicketFilters(f: TicketFilters): string {
  const sp = new URLSearchParams();
  if (f.status) sp.set("status", f.status);
  if (f.technician_id) sp.set("technician_id", f.technician_id);
  if (f.center_id) sp.set("center_id", f.center_id);
  if (f.date_from) sp.set("date_from", f.date_from);
  if (f.date_to) sp.set("date_to", f.date_to);
  if (f.q) sp.set("q", f.q);
  if (f.sort !== DEFAULT_SORT) sp.set("sort", f.sort);
  if (f.page > 1) sp.set("page", String(f.page));
  return sp.toString();
}

/** The filters the API understands (shared by the list and the status counts). */
export function apiParams(f: TicketFilters): Record<string, string | number | undefined> {
  return {
    status: f.status,
    technician_id: f.technician_id,
    center_id: f.center_id,
    date_from: f.date_from,
    date_to: f.date_to,
    q: f.q,
    sort: f.sort,
    page: f.page,
    page_size: LIST_PAGE_SIZE,
  };
}

export function toQueryString(params: Record<string, string | number | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") sp.set(k, String(v));
  return sp.toString();
}

export const hasActiveFilters = (f: TicketFilters) =>
  Boolean(f.status || f.technician_id || f.center_id || f.date_from || f.date_to || f.q);

/**
 * Filters from the URL plus a setter. Changes go through the History API, which Next.js keeps in
 * sync with useSearchParams, so filtering needs no server round trip; each change is a history entry.
 */
export function useTicketFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parseTicketFilters(searchParams), [searchParams]);

  const setFilters = useCallback(
    (patch: Partial<TicketFilters>, options?: { replace?: boolean }) => {
      // Read the live URL, not a render's snapshot, so quick successive changes do not undo each other.
      const current = parseTicketFilters(new URLSearchParams(window.location.search));
      const next: TicketFilters = { ...current, page: 1, ...patch };
      const qs = serializeTicketFilters(next);
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (options?.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );

  const clearFilters = useCallback(() => {
    const current = parseTicketFilters(new URLSearchParams(window.location.search));
    const qs = serializeTicketFilters({ sort: current.sort, page: 1 });
    window.history.pushState(null, "", qs ? `${pathname}?${qs}` : pathname);
  }, [pathname]);

  return { filters, setFilters, clearFilters };
}
