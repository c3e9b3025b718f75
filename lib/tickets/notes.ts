import "server-only";
import { ticketEvents } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { getDb } from "../db";
import type { TicketNoteDto } from "./dto";
import { getTicketRowOrThrow, NOTE_ACTION, toNoteDto } from "./queries";

/**
 * Internal notes (staff with `tickets.write`): kept as a ticket event without a status change, so they
 * show in the staff timeline where they were written and never on the customer's tracking page (which
 * shows status changes only). Audited with their text. A ticket the actor cannot see is a 404.
 */
export async function addTicketNote(ticketId: string, body: string, actor: Actor): Promise<TicketNoteDto> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await getTicketRowOrThrow(tx, ticketId, actor);
    const [event] = await tx
      .insert(ticketEvents)
      .values({
        ticketId,
        action: NOTE_ACTION,
        actorType: "user",
        actorUserId: actor.userId,
        actorLabel: actor.name || actor.email,
        details: { body },
      })
      .returning();
    await writeAudit(tx, {
      actorUserId: actor.userId,
      actorLabel: actor.email,
      action: "ticket.note_added",
      targetType: "ticket",
      targetId: ticketId,
      details: { code: row.ticket.code, note_id: event!.id, body },
    });
    return toNoteDto(event!);
  });
}
