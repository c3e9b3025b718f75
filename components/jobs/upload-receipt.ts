/** One receipt photo sent to POST /api/tickets/{id}/images with upload progress (fetch has none). */

export interface UploadedImage {
  id: string;
  duplicate: boolean;
  url: string;
  thumbnail_url: string;
}

export type UploadOutcome =
  | { ok: true; images: UploadedImage[]; receiptCount: number }
  | { ok: false; status: number; code: string; message: string };

export interface UploadHandle {
  promise: Promise<UploadOutcome>;
  abort: () => void;
}

const TIMEOUT_MS = 120_000;

export function uploadReceiptFile(ticketId: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", `/api/tickets/${encodeURIComponent(ticketId)}/images`);
    xhr.setRequestHeader("accept", "application/json");
    xhr.timeout = TIMEOUT_MS;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const ok = body as { images?: UploadedImage[]; receipt_count?: number } | null;
        resolve({ ok: true, images: ok?.images ?? [], receiptCount: ok?.receipt_count ?? 0 });
        return;
      }
      const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
      resolve({
        ok: false,
        status: xhr.status,
        code: err?.code ?? "http_error",
        message: err?.message ?? `Upload failed (${xhr.status})`,
      });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, code: "network", message: "Network error" });
    xhr.ontimeout = () => resolve({ ok: false, status: 0, code: "timeout", message: "Upload timed out" });
    xhr.onabort = () => resolve({ ok: false, status: 0, code: "aborted", message: "Upload canceled" });
    const form = new FormData();
    form.append("file", file, file.name || "photo.jpg");
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
