import "server-only";
import { canActOnTicket, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { decryptSecret } from "../crypto";
import { getDb } from "../db";
import { AppError } from "../errors";
import { getTicketRowOrThrow } from "./queries";

/** The customer's full phone number, for calling them. Needs tickets.reveal_phone and is always audited. */
export async function revealCustomerPhone(ticketId: string, actor: Actor): Promise<{ phone: string }> {
  const db = await getDb();
  const row = await getTicketRowOrThrow(db, ticketId, actor);
  if (!canActOnTicket(actor, "tickets.reveal_phone", row.ticket.technicianId)) {
    throw new AppError("forbidden", "You may not see this customer's phone number");
  }
  await writeAudit(db, {
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action: "ticket.phone_revealed",
    targetType: "ticket",
    targetId: ticketId,
    details: { code: row.ticket.code },
  });
  return { phone: decryptSecret(row.ticket.phoneEncrypted) };
}
