import type { TicketDto } from "@/lib/tickets/dto";

/**
 * Client-side copies of the ticket vocabulary. The canonical lists live in db/schema and
 * lib/tickets/schemas, which pull the database layer into the bundle, so components keep these
 * (typed against the DTO, so a renamed status fails to compile).
 */
export type TicketStatus = TicketDto["status"];

export const TICKET_STATUSES = [
  "BOOKED",
  "CONFIRMED",
  "ASSIGNED",
  "IN_PROGRESS",
  "COMPLETED",
  "CANCELED",
] as const satisfies readonly TicketStatus[];

export const TICKET_SORTS = ["-created_at", "created_at", "appointment_date", "-appointment_date"] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export const DEFAULT_SORT: TicketSort = "-created_at";

export const LIST_PAGE_SIZE = 20;

/** What the upload endpoint accepts (it re-checks the bytes; this only saves a pointless upload). */
export const RECEIPT_MIME_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
