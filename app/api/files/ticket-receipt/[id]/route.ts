import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { readTicketImage } from "@/lib/tickets/images";
import { imageIdParams } from "@/lib/tickets/schemas";

const query = z.object({ size: z.enum(["full", "thumb"]).default("full") });

/** Download a ticket image, only for someone who may see its ticket. */
export const GET = withApi(
  { access: "tickets.read", params: imageIdParams, query },
  async ({ params, query, actor }) => {
    const file = await readTicketImage(params.id, actor, query.size);
    return new Response(new Uint8Array(file.data), {
      headers: {
        "content-type": file.mime,
        "content-length": String(file.data.length),
        "content-disposition": `inline; filename="${file.fileName}"`,
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
