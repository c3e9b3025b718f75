"use server";

import { headers } from "next/headers";
import { requireActionActor } from "@/lib/auth/current-actor";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { publicBaseUrl } from "@/lib/http/base-url";
import type { TicketDto, TicketNoteDto } from "@/lib/tickets/dto";
import { revealCustomerPhone } from "@/lib/tickets/phone-reveal";
import { addTicketNote } from "@/lib/tickets/notes";
import { addNoteBody, assignBody, cancelBody, ticketIdParams, versionBody } from "@/lib/tickets/schemas";
import { rotateTrackingLink, getTrackingLinkForStaff } from "@/lib/tickets/tracking";
import { assignTicket, cancelTicket, completeTicket, confirmTicket, startTicket } from "@/lib/tickets/transitions";

/**
 * Ticket actions for the staff pages. Each one authenticates, parses with the API's own schemas and
 * calls the same service as the REST handler, returning the fresh ticket or the error (a stale
 * version comes back as code "conflict" with the current ticket in details.ticket).
 */

export async function confirmTicketAction(id: string, version: number): Promise<ActionResult<TicketDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.write");
    const p = ticketIdParams.parse({ id });
    return confirmTicket(p.id, versionBody.parse({ version }).version, actor);
  });
}

export async function assignTicketAction(
  id: string,
  input: { version: number; technician_id?: string; auto?: boolean },
): Promise<ActionResult<TicketDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.assign");
    return assignTicket(ticketIdParams.parse({ id }).id, assignBody.parse(input), actor);
  });
}

export async function startTicketAction(id: string, version: number): Promise<ActionResult<TicketDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.complete");
    return startTicket(ticketIdParams.parse({ id }).id, versionBody.parse({ version }).version, actor);
  });
}

export async function completeTicketAction(id: string, version: number): Promise<ActionResult<TicketDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.complete");
    return completeTicket(ticketIdParams.parse({ id }).id, versionBody.parse({ version }).version, actor);
  });
}

export async function cancelTicketAction(
  id: string,
  input: { version: number; reason: string },
): Promise<ActionResult<TicketDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.write");
    const body = cancelBody.parse(input);
    return cancelTicket(ticketIdParams.parse({ id }).id, body.version, body.reason, actor);
  });
}

/** The full phone number (audited on every call). */
export async function revealPhoneAction(id: string): Promise<ActionResult<{ phone: string }>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.reveal_phone");
    return revealCustomerPhone(ticketIdParams.parse({ id }).id, actor);
  });
}

export async function trackingLinkAction(
  id: string,
  rotate: boolean,
): Promise<ActionResult<{ url: string; expires_at: string }>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.write");
    const baseUrl = publicBaseUrl(await headers());
    const ticketId = ticketIdParams.parse({ id }).id;
    return rotate ? rotateTrackingLink(ticketId, actor, baseUrl) : getTrackingLinkForStaff(ticketId, actor, baseUrl);
  });
}

/** An internal note on the ticket (the same service as POST /api/tickets/{id}/notes). */
export async function addNoteAction(id: string, body: string): Promise<ActionResult<TicketNoteDto>> {
  return runAction(async () => {
    const actor = await requireActionActor("tickets.write");
    return addTicketNote(ticketIdParams.parse({ id }).id, addNoteBody.parse({ body }).body, actor);
  });
}
