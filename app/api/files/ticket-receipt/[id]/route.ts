import { z } from "zod";
import { imageResponse } from "@/lib/http/image-response";
import { withApi } from "@/lib/http/with-api";
import { readTicketImage } from "@/lib/tickets/images";
import { imageIdParams } from "@/lib/tickets/schemas";

const query = z.object({ size: z.enum(["full", "thumb"]).default("full") });

/** Download a ticket image, only for someone who may see its ticket. */
export const GET = withApi({ access: "tickets.read", params: imageIdParams, query }, async ({ params, query, actor }) =>
  imageResponse(await readTicketImage(params.id, actor, query.size)),
);
