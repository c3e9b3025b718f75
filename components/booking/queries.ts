"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import type { BookableDays } from "@/lib/tickets/availability";
import type { SlotAvailability } from "@/lib/tickets/booking";
import { slotHasStarted } from "@/lib/tickets/slots";

export interface ServiceArea {
  city: string;
  districts: string[];
}

export interface SlotsAnswer {
  center: string;
  /** `started`: the slot has already begun today (in the service's time zone), as of the answer. */
  slots: (SlotAvailability & { started: boolean })[];
}

/** The cities and districts we serve (GET /api/public/service-areas); they change rarely. */
export function useServiceAreas(initialData?: ServiceArea[]) {
  return useQuery({
    queryKey: queryKeys.publicAreas,
    queryFn: async () => (await fetchJson<{ areas: ServiceArea[] }>("/api/public/service-areas")).areas,
    initialData,
    staleTime: 10 * 60_000,
  });
}

/** A day's time slots for a district (GET /api/public/slots); kept fresh because others book too. */
export function useSlots(city: string, district: string, date: string, timeZone: string) {
  return useQuery({
    queryKey: queryKeys.publicSlots(city, district, date),
    queryFn: async (): Promise<SlotsAnswer> => {
      const answer = await fetchJson<{ center: string; slots: SlotAvailability[] }>(
        `/api/public/slots?${new URLSearchParams({ city, district, date })}`,
      );
      const now = new Date();
      return {
        center: answer.center,
        slots: answer.slots.map((s) => ({ ...s, started: slotHasStarted(date, s.slot, now, timeZone) })),
      };
    },
    enabled: Boolean(city && district && date),
    staleTime: 20_000,
    refetchInterval: 60_000,
    // A rejected date or district will not get better by asking again.
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status < 500),
  });
}

/**
 * Which days of the booking window still have a free slot (GET /api/public/availability), for the
 * calendar. Refreshed with the slots: a booking elsewhere can fill a day while the form is open.
 */
export function useAvailability(city: string, district: string) {
  return useQuery({
    queryKey: queryKeys.publicAvailability(city, district),
    queryFn: () =>
      fetchJson<BookableDays>(`/api/public/availability?${new URLSearchParams({ city, district })}`),
    enabled: Boolean(city && district),
    staleTime: 30_000,
    refetchInterval: 120_000,
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status < 500),
  });
}
