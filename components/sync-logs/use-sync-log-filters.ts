"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  DAY_OPTIONS,
  DEFAULT_DAYS,
  RUNS_PAGE_SIZE,
  SYNC_STATUSES,
  SYNC_TRIGGERS,
  SYNC_TYPES,
  type DayOption,
  type SyncRunStatus,
  type SyncTrigger,
  type SyncType,
} from "./constants";

/** The runs table's filters as they live in the URL (dates are calendar days in the app's time zone). */
export interface SyncLogFilters {
  system_id?: number;
  sync_type?: SyncType;
  status?: SyncRunStatus;
  trigger?: SyncTrigger;
  from?: string;
  to?: string;
  page: number;
}

/** Everything the page keeps in the URL: the filters, the chart window and the open run. */
export interface SyncLogUrlState {
  filters: SyncLogFilters;
  days: DayOption;
  run: number | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const positiveInt = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n >= 1 && n <= 2 ** 31 - 1 ? n : undefined;
};
const oneOf = <T extends string>(list: readonly T[], v: string | null) =>
  v && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** Reads the URL leniently: a hand-edited or outdated link drops what it cannot use instead of failing. */
export function parseSyncLogUrl(sp: Pick<URLSearchParams, "get">): SyncLogUrlState {
  const days = Number(sp.get("days"));
  return {
    filters: {
      system_id: positiveInt(sp.get("system_id")),
      sync_type: oneOf(SYNC_TYPES, sp.get("sync_type")),
      status: oneOf(SYNC_STATUSES, sp.get("status")),
      trigger: oneOf(SYNC_TRIGGERS, sp.get("trigger")),
      from: ISO_DATE.test(sp.get("from") ?? "") ? sp.get("from")! : undefined,
      to: ISO_DATE.test(sp.get("to") ?? "") ? sp.get("to")! : undefined,
      page: positiveInt(sp.get("page")) ?? 1,
    },
    days: (DAY_OPTIONS as readonly number[]).includes(days) ? (days as DayOption) : DEFAULT_DAYS,
    run: positiveInt(sp.get("run")),
  };
}

/** The URL form: defaults are left out so the plain page has a plain URL. */
export function serializeSyncLogUrl({ filters: f, days, run }: SyncLogUrlState): string {
  const sp = new URLSearchParams();
  if (f.system_id) sp.set("system_id", String(f.system_id));
  if (f.sync_type) sp.set("sync_type", f.sync_type);
  if (f.status) sp.set("status", f.status);
  if (f.trigger) sp.set("trigger", f.trigger);
  if (f.from) sp.set("from", f.from);
  if (f.to) sp.set("to", f.to);
  if (f.page > 1) sp.set("page", String(f.page));
  if (days !== DEFAULT_DAYS) sp.set("days", String(days));
  if (run) sp.set("run", String(run));
  return sp.toString();
}

export const hasActiveFilters = (f: SyncLogFilters) =>
  Boolean(f.system_id || f.sync_type || f.status || f.trigger || f.from || f.to);

/** Offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a calendar day starts in `timeZone` (`dayOffset` days later), e.g. 2025-03-01 → 2025-02-28T16:00:00.000Z in Shanghai. */
export function startOfZonedDay(isoDate: string, timeZone: string, dayOffset = 0): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + dayOffset);
  const first = wall - zoneOffsetMs(wall, timeZone);
  // Around a DST change the offset at the guessed instant can differ from the one at the result.
  return new Date(wall - zoneOffsetMs(first, timeZone));
}

/** The filters the API understands: calendar days become the ISO instants that bound them in the app's zone. */
export function apiFilterParams(f: SyncLogFilters, timeZone: string): Record<string, string | number | undefined> {
  return {
    system_id: f.system_id,
    sync_type: f.sync_type,
    status: f.status,
    trigger: f.trigger,
    from: f.from ? startOfZonedDay(f.from, timeZone).toISOString() : undefined,
    // Inclusive: up to the last millisecond of the chosen day.
    to: f.to ? new Date(startOfZonedDay(f.to, timeZone, 1).getTime() - 1).toISOString() : undefined,
  };
}

export const apiListParams = (f: SyncLogFilters, timeZone: string) => ({
  ...apiFilterParams(f, timeZone),
  page: f.page,
  page_size: RUNS_PAGE_SIZE,
});

/**
 * The URL state plus setters. Changes go through the History API, which Next.js keeps in sync with
 * useSearchParams, so nothing waits on the server; each change is a history entry the back button undoes.
 */
export function useSyncLogUrl() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseSyncLogUrl(searchParams), [searchParams]);

  const write = useCallback(
    (change: (current: SyncLogUrlState) => SyncLogUrlState, replace = false) => {
      // Read the live URL, not a render's snapshot, so quick successive changes do not undo each other.
      const next = change(parseSyncLogUrl(new URLSearchParams(window.location.search)));
      const qs = serializeSyncLogUrl(next);
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );

  /** Any filter change returns to page 1 unless the patch names a page. */
  const setFilters = useCallback(
    (patch: Partial<SyncLogFilters>) => write((s) => ({ ...s, filters: { ...s.filters, page: 1, ...patch } })),
    [write],
  );
  const clearFilters = useCallback(() => write((s) => ({ ...s, filters: { page: 1 } })), [write]);
  const setDays = useCallback((days: DayOption) => write((s) => ({ ...s, days }), true), [write]);
  const setRun = useCallback(
    (run: number | undefined, replace = false) => write((s) => ({ ...s, run }), replace),
    [write],
  );

  return { ...state, setFilters, clearFilters, setDays, setRun };
}
