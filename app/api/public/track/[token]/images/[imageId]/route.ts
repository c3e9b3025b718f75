import { z } from "zod";
import { imageResponse } from "@/lib/http/image-response";
import { withApi } from "@/lib/http/with-api";
import { trackImageParams } from "@/lib/tickets/schemas";
import { readTrackedImage } from "@/lib/tickets/tracking";

const query = z.object({ size: z.enum(["full", "thumb"]).default("full") });

/** A photo on the customer's tracking page, authorised by the tracking link (never by the image id alone). */
export const GET = withApi({ access: "public", params: trackImageParams, query }, async ({ params, query }) =>
  // The address carries the customer's key: never sent on as a Referer to another site.
  imageResponse(await readTrackedImage(params.token, params.imageId, query.size), { "referrer-policy": "same-origin" }),
);
