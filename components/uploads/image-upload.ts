/**
 * Sending one image to an upload endpoint (POST /api/tickets/{id}/images) from the browser: the check
 * before sending, the request with upload progress (fetch has none, hence XMLHttpRequest), and the
 * answer turned into an outcome the uploaders explain in their own words. Both receipt uploaders and
 * the booking photo picker use it; the pure parts are unit-tested (image-upload.test.ts).
 */
import type { ImageUploadRules } from "@/lib/files/image-types";

export interface UploadedImage {
  id: string;
  duplicate: boolean;
  url: string;
  thumbnail_url: string;
}

export type UploadOutcome =
  | { ok: true; images: UploadedImage[]; receiptCount: number }
  | { ok: false; status: number; code: string };

/** Why a file was not stored, in the terms a message can be chosen by. */
export type UploadProblem =
  | "not_image"
  | "empty"
  | "too_large"
  | "offline"
  | "timeout"
  | "closed"
  | "signed_out"
  | "not_yours"
  | "too_many"
  | "server";

/**
 * What the browser can tell before spending mobile data: the declared type (or, when a picker leaves it
 * empty, the file name's extension) and the size. The server checks the bytes again either way.
 */
export function precheckImage(file: Pick<File, "name" | "type" | "size">, rules: ImageUploadRules): UploadProblem | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  const typeOk = file.type ? rules.mimeTypes.includes(file.type) : !!extension && rules.extensions.includes(extension);
  if (!typeOk) return "not_image";
  if (file.size === 0) return "empty";
  if (file.size > rules.maxBytes) return "too_large";
  return null;
}

/** The endpoint's answer (status and body text) as an outcome; a proxy's HTML error page is a failure too. */
export function parseUploadResponse(status: number, text: string): UploadOutcome {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (status >= 200 && status < 300 && body) {
    const ok = body as { images?: UploadedImage[]; receipt_count?: number };
    return { ok: true, images: ok.images ?? [], receiptCount: ok.receipt_count ?? 0 };
  }
  const code = (body as { error?: { code?: string } } | null)?.error?.code;
  return { ok: false, status, code: code ?? "http_error" };
}

/** The server's stable error codes first, the HTTP status when the body said nothing usable. */
export function uploadProblem(outcome: Extract<UploadOutcome, { ok: false }>): UploadProblem {
  const { status, code } = outcome;
  if (code === "timeout") return "timeout";
  if (status === 0) return "offline";
  if (code === "payload_too_large" || status === 413) return "too_large";
  if (code === "invalid_input" || code === "unsupported_media_type" || status === 422) return "not_image";
  if (code === "invalid_transition") return "closed";
  if (code === "unauthorized" || status === 401) return "signed_out";
  if (code === "forbidden" || code === "not_found" || status === 403 || status === 404) return "not_yours";
  if (code === "rate_limited" || status === 429) return "too_many";
  return "server";
}

/** Worth sending again as is: the connection or the server failed, not the file. */
export const isRetryable = (problem: UploadProblem) =>
  problem === "offline" || problem === "timeout" || problem === "too_many" || problem === "server";

/** The job or ticket itself changed (closed, reassigned): the page should reload it. */
export const ticketChanged = (problem: UploadProblem) => problem === "closed" || problem === "not_yours";

export interface UploadHandle {
  promise: Promise<UploadOutcome>;
  abort: () => void;
}

const TIMEOUT_MS = 120_000;

/** One file, one request: each picture gets its own progress and its own success or failure. */
export function uploadImage(url: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.timeout = TIMEOUT_MS;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => resolve(parseUploadResponse(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ ok: false, status: 0, code: "network" });
    xhr.ontimeout = () => resolve({ ok: false, status: 0, code: "timeout" });
    xhr.onabort = () => resolve({ ok: false, status: 0, code: "aborted" });
    const form = new FormData();
    form.append("file", file, file.name || "photo.jpg");
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
