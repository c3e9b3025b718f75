import { maxUploadBytes } from "@/lib/files/images";
import { withApi } from "@/lib/http/with-api";
import { cleanFormImages, uploadReceipts } from "@/lib/tickets/images";
import { ticketIdParams } from "@/lib/tickets/schemas";

/** Upload one receipt photo (multipart, one `file` part). The same photo twice is stored once. */
export const POST = withApi(
  { access: "tickets.upload", params: ticketIdParams, multipartLimitBytes: () => maxUploadBytes() + 256 * 1024 },
  async ({ params, formData, actor }) => {
    const images = await cleanFormImages(formData!, "file", 1);
    return Response.json(await uploadReceipts(params.id, images, actor), { status: 201 });
  },
);
