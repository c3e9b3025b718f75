/**
 * The ticket vocabulary, in one browser-safe module: no imports at all, so client components, the zod
 * schemas (lib/tickets/schemas.ts) and the database schema (db/schema/tickets.ts) take the same lists
 * from here, and the browser bundle never pulls in the database layer to read a status name.
 * test/client-imports.test.ts keeps client code away from server-only modules.
 */

export const ticketStatuses = ["BOOKED", "CONFIRMED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "CANCELED"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketImageKinds = ["RECEIPT", "ISSUE"] as const;
export type TicketImageKind = (typeof ticketImageKinds)[number];

/** Appointment slots in the service's time zone (see lib/tickets/slots.ts). */
export const timeSlots = ["09:00-11:00", "11:00-13:00", "14:00-16:00", "16:00-18:00"] as const;
export type TimeSlot = (typeof timeSlots)[number];

export const applianceTypes = [
  "integrated_stove",
  "range_hood",
  "gas_stove",
  "water_heater",
  "dishwasher",
  "steam_oven",
  "other",
] as const;
export type ApplianceType = (typeof applianceTypes)[number];

export const ticketSorts = ["-created_at", "created_at", "appointment_date", "-appointment_date"] as const;
export type TicketSort = (typeof ticketSorts)[number];
