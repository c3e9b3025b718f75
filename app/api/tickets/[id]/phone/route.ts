import { withApi } from "@/lib/http/with-api";
import { revealCustomerPhone } from "@/lib/tickets/phone-reveal";
import { ticketIdParams } from "@/lib/tickets/schemas";

/** Reveal the customer's full phone number (audited). POST, because every call leaves a record. */
export const POST = withApi({ access: "tickets.reveal_phone", params: ticketIdParams }, async ({ params, actor }) =>
  revealCustomerPhone(params.id, actor),
);
