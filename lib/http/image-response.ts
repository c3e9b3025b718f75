/** A stored image as a download: shown inline, never sniffed, kept in this browser's cache only. */
export function imageResponse(
  file: { data: Uint8Array; mime: string; fileName: string },
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(new Uint8Array(file.data), {
    headers: {
      "content-type": file.mime,
      "content-length": String(file.data.length),
      "content-disposition": `inline; filename="${file.fileName}"`,
      "cache-control": "private, max-age=3600",
      "x-content-type-options": "nosniff",
      ...extraHeaders,
    },
  });
}
