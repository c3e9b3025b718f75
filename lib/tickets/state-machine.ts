import type { TicketStatus } from "@/db/schema";
import type { Permission } from "../auth/permissions";

/**
 * The one transition table (docs/architecture.md). Each action names the states it may start from, the state
 * it leads to (null: the status stays, e.g. adding a receipt), and the permission it needs.
 */
export const ticketActions = ["confirm", "assign", "start", "upload_receipt", "complete", "cancel"] as const;
export type TicketAction = (typeof ticketActions)[number];

interface Rule {
  from: readonly TicketStatus[];
  to: TicketStatus | null;
  permission: Permission;
}

export const transitionTable: Record<TicketAction, Rule> = {
  confirm: { from: ["BOOKED"], to: "CONFIRMED", permission: "tickets.write" },
  // Re-assigning an ASSIGNED ticket hands it to another technician (illness, reshuffle).
  assign: { from: ["CONFIRMED", "ASSIGNED"], to: "ASSIGNED", permission: "tickets.assign" },
  start: { from: ["ASSIGNED"], to: "IN_PROGRESS", permission: "tickets.complete" },
  upload_receipt: { from: ["ASSIGNED", "IN_PROGRESS"], to: null, permission: "tickets.upload" },
  // Seed 001: completion from ASSIGNED or IN_PROGRESS, and only with a receipt (checked by the service).
  complete: { from: ["ASSIGNED", "IN_PROGRESS"], to: "COMPLETED", permission: "tickets.complete" },
  cancel: { from: ["BOOKED", "CONFIRMED", "ASSIGNED", "IN_PROGRESS"], to: "CANCELED", permission: "tickets.write" },
};

/** Customers may cancel from their tracking link until a technician is assigned. */
export const customerCancellableStatuses: readonly TicketStatus[] = ["BOOKED", "CONFIRMED"];

export const isTerminal = (status: TicketStatus) => status === "COMPLETED" || status === "CANCELED";

export function canApply(action: TicketAction, status: TicketStatus): boolean {
  return transitionTable[action].from.includes(status);
}

/** Actions the state allows, regardless of who asks. */
export function actionsAllowedIn(status: TicketStatus): TicketAction[] {
  return ticketActions.filter((a) => canApply(a, status));
}

/** The status after `action`, or null when the state does not allow it. */
export function nextStatus(action: TicketAction, status: TicketStatus): TicketStatus | null {
  if (!canApply(action, status)) return null;
  return transitionTable[action].to ?? status;
}
