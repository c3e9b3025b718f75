"use client";

import { useTimeZone } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT,
  DUE_SOON_DAYS,
  QUICK_VIEWS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUSES,
  type QuickView,
  type WorkOrderPriority,
  type WorkOrderSort,
  type WorkOrderStatus,
} from "./constants";
import { endOfDayIso, isIsoDate, startOfDayIso } from "./zoned-day";

/**
 * The page's state as it lives in the URL: shareable, and the back button walks through it. Due dates
 * are calendar days here (YYYY-MM-DD); they become instants in the app's zone only for the API.
 */
export interface WorkOrderFilters {
  /** A summary number's list (overdue / due soon); the other filters do not apply to it. */
  view?: QuickView;
  system_id?: number;
  status?: WorkOrderStatus;
  priority?: WorkOrderPriority;
  q?: string;
  due_from?: string;
  due_to?: string;
  include_deleted: boolean;
  sort: WorkOrderSort;
  page: number;
  page_size: number;
  /** The work order shown in the detail dialog. */
  open?: number;
}

type Params = Record<string, string | number | undefined>;

const positiveInt = (v: string | null, max = Number.MAX_SAFE_INTEGER) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
};
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
const day = (v: string | null) => (v && isIsoDate(v) ? v : undefined);

/** Lenient: a hand-edited or outdated link drops what it cannot use instead of failing. */
export function parseWorkOrderFilters(sp: Pick<URLSearchParams, "get">): WorkOrderFilters {
  const q = sp.get("q")?.trim().slice(0, 200);
  return {
    view: oneOf(QUICK_VIEWS, sp.get("view")),
    system_id: positiveInt(sp.get("system_id")),
    status: oneOf(WORK_ORDER_STATUSES, sp.get("status")),
    priority: oneOf(WORK_ORDER_PRIORITIES, sp.get("priority")),
    q: q || undefined,
    due_from: day(sp.get("due_from")),
    due_to: day(sp.get("due_to")),
    include_deleted: sp.get("include_deleted") === "true",
    sort: oneOf(WORK_ORDER_SORTS, sp.get("sort")) ?? DEFAULT_SORT,
    page: positiveInt(sp.get("page"), 100_000) ?? 1,
    page_size: positiveInt(sp.get("page_size"), 200) ?? DEFAULT_PAGE_SIZE,
    open: positiveInt(sp.get("open")),
  };
}

/** The URL form; defaults are left out so the plain list has a plain URL. */
export function serializeWorkOrderFilters(f: WorkOrderFilters): string {
  const sp = new URLSearchParams();
  const put = (k: string, v: string | number | undefined | false) => {
    if (v !== undefined && v !== false && v !== "") sp.set(k, String(v));
  };
  put("view", f.view);
  put("system_id", f.system_id);
  put("status", f.status);
  put("priority", f.priority);
  put("q", f.q);
  put("due_from", f.due_from);
  put("due_to", f.due_to);
  put("include_deleted", f.include_deleted && "true");
  put("sort", f.sort !== DEFAULT_SORT && f.sort);
  put("page", f.page > 1 && f.page);
  put("page_size", f.page_size !== DEFAULT_PAGE_SIZE && f.page_size);
  put("open", f.open);
  return sp.toString();
}

export const dueRangeInvalid = (f: Pick<WorkOrderFilters, "due_from" | "due_to">) =>
  Boolean(f.due_from && f.due_to && f.due_from > f.due_to);

export const hasActiveFilters = (f: WorkOrderFilters) =>
  Boolean(f.view || f.system_id || f.status || f.priority || f.q || f.due_from || f.due_to || f.include_deleted);

/**
 * What to ask the API for: the endpoint and its parameters (which are also the query key), or null
 * when the due range runs backwards, which is explained on the page and never sent.
 */
export function listRequest(f: WorkOrderFilters, timeZone: string): { url: string; params: Params } | null {
  const paging = { page: f.page, page_size: f.page_size };
  if (f.view === "overdue") return { url: "/api/work-orders/overdue/", params: { view: f.view, ...paging } };
  if (f.view === "due_soon") {
    return { url: "/api/work-orders/upcoming_deadline/", params: { view: f.view, days: DUE_SOON_DAYS, ...paging } };
  }
  if (dueRangeInvalid(f)) return null;
  return {
    url: "/api/work-orders/",
    params: {
      system_id: f.system_id,
      status: f.status,
      priority: f.priority,
      q: f.q,
      due_after: f.due_from && startOfDayIso(f.due_from, timeZone),
      due_before: f.due_to && endOfDayIso(f.due_to, timeZone),
      include_deleted: f.include_deleted ? "true" : undefined,
      sort: f.sort,
      ...paging,
    },
  };
}

export function toQueryString(params: Params): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (k !== "view" && v !== undefined && v !== "") sp.set(k, String(v));
  return sp.toString();
}

/** The live URL, not a render's snapshot, so quick successive changes do not undo each other. */
const live = () => parseWorkOrderFilters(new URLSearchParams(window.location.search));

/** Keys that narrow the full list; changing one leaves a quick view. */
const LIST_KEYS = ["system_id", "status", "priority", "q", "due_from", "due_to", "include_deleted", "sort"] as const;

/**
 * Filters from the URL plus setters. Changes go through the History API, which Next.js keeps in sync
 * with useSearchParams, so filtering needs no server round trip; each change is a history entry.
 */
export function useWorkOrderFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const timeZone = useTimeZone() ?? "Asia/Shanghai";
  const filters = useMemo(() => parseWorkOrderFilters(searchParams), [searchParams]);

  const go = useCallback(
    (next: WorkOrderFilters, replace?: boolean) => {
      const qs = serializeWorkOrderFilters(next);
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );
  const setFilters = useCallback(
    (patch: Partial<WorkOrderFilters>, options?: { replace?: boolean }) => {
      const current = live();
      const leavesView = LIST_KEYS.some((k) => k in patch);
      go({ ...current, page: 1, ...(leavesView ? { view: undefined } : {}), ...patch }, options?.replace);
    },
    [go],
  );

  /** A quick view starts from a clean list (its endpoint takes no other filters). */
  const showView = useCallback(
    (view: QuickView | undefined) => {
      const { sort, page_size } = live();
      go({ view, sort, page_size, include_deleted: false, page: 1 });
    },
    [go],
  );

  const clearFilters = useCallback(() => showView(undefined), [showView]);

  const openDetail = useCallback((id: number) => go({ ...live(), open: id }), [go]);
  /** Arrived through a shared link or after a reload: drop the id in place rather than leave the page. */
  const dropDetail = useCallback(() => go({ ...live(), open: undefined }, true), [go]);

  const request = useMemo(() => listRequest(filters, timeZone), [filters, timeZone]);

  return { filters, request, setFilters, showView, clearFilters, openDetail, dropDetail };
}
