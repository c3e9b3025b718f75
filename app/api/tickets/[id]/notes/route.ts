import { withApi } from "@/lib/http/with-api";
import { addTicketNote } from "@/lib/tickets/notes";
import { addNoteBody, ticketIdParams } from "@/lib/tickets/schemas";

/** Adds an internal note (staff only; never shown to the customer) → 201 `{ id, body, author, created_at }`. */
export const POST = withApi({ access: "tickets.write", params: ticketIdParams, body: addNoteBody }, async ({ params, body, actor }) =>
  Response.json(await addTicketNote(params.id, body.body, actor), { status: 201 }),
);
