import "server-only";
import { eq } from "drizzle-orm";
import { tickets } from "@/db/schema";
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
  const [sealed] = await db.select({ phone: tickets.phoneEncrypted }).from(tickets).where(eq(tickets.id, ticketId));
  return { phone: decryptSecret(sealed!.phone) };
}
