"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
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
