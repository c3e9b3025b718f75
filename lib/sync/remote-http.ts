import "server-only";

/**
 * HTTP to external systems, for every adapter: timeouts, `Retry-After` on 429/503, bounded exponential
 * backoff with jitter on 5xx and timeouts, an abort signal, and errors in plain words. A message never
 * carries a credential: whatever the remote echoes is scrubbed of the secrets the caller names.
 */

export type RemoteErrorKind =
  | "credentials"
  | "not_found"
  | "rate_limited"
  | "server"
  | "unreachable"
  | "tls"
  | "timeout"
  | "invalid_response"
  | "bad_request"
  | "aborted";

export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterSeconds?: number; url?: string } = {},
  ) {
    super(message);
    this.name = "RemoteError";
  }
}

export interface RemoteRequestOptions {
  method?: "GET" | "POST" | "PUT";
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 5xx, 429/503 and timeouts. */
  retries?: number;
  /** The longest Retry-After we wait out in place; a longer one fails the request as rate_limited. */
  maxRetryAfterMs?: number;
  /** Strings that must never appear in an error message (the credentials). */
  secrets?: (string | null | undefined)[];
  /**
   * false for writes that have no idempotency key (a Jira comment): then only answers that prove the
   * request was not processed (429/503, connection refused) are retried, never a timeout or a 5xx.
   */
  idempotent?: boolean;
  /** Called once per attempt actually sent (the adapters count requests). */
  onAttempt?: () => void;
  /** Name of the remote in messages ("Jira", "Zendesk"). */
  remoteName: string;
}

export interface RemoteResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

const DEFAULTS = { timeoutMs: 20_000, retries: 3, maxRetryAfterMs: 60_000 };

export async function remoteJson<T = unknown>(url: string, options: RemoteRequestOptions): Promise<RemoteResponse<T>> {
  // An option passed as `undefined` keeps its default.
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
  const idempotent = options.idempotent ?? true;
  const scrub = scrubber(options.secrets ?? []);
  const where = describeUrl(url);
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new RemoteError("aborted", "The sync was stopped");
    options.onAttempt?.();
    let response: Response;
    try {
      response = await fetch(url, {
        method: options.method ?? "GET",
        headers: {
          accept: "application/json",
          ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
          ...options.headers,
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
        redirect: "follow",
      });
    } catch (e) {
      if (options.signal?.aborted) throw new RemoteError("aborted", "The sync was stopped");
      const failure = networkFailure(e, options.remoteName, where, timeoutMs);
      const neverArrived = failure.message.includes("connection refused");
      if ((failure.kind === "timeout" || failure.kind === "unreachable") && attempt < retries && (idempotent || neverArrived)) {
        await sleep(backoffMs(attempt), options.signal);
        continue;
      }
      throw failure;
    }

    if (response.status === 429 || response.status === 503) {
      const waitMs = retryAfterMs(response.headers.get("retry-after")) ?? backoffMs(attempt);
      await response.body?.cancel();
      if (attempt < retries && waitMs <= maxRetryAfterMs) {
        await sleep(waitMs, options.signal);
        continue;
      }
      throw new RemoteError(
        "rate_limited",
        `${options.remoteName} is limiting our requests (HTTP ${response.status}); try again in ${Math.ceil(waitMs / 1000)} s`,
        { status: response.status, retryAfterSeconds: Math.ceil(waitMs / 1000), url: where },
      );
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      if (attempt < retries && idempotent) {
        await sleep(backoffMs(attempt), options.signal);
        continue;
      }
      throw new RemoteError(
        "server",
        `${options.remoteName} had a server error (HTTP ${response.status}) at ${where}${attempt ? `, ${attempt + 1} times in a row` : ""}`,
        { status: response.status, url: where },
      );
    }

    const text = await readText(response, options, where, timeoutMs);
    if (response.status === 401 || response.status === 403) {
      throw new RemoteError(
        "credentials",
        `${options.remoteName} refused the credentials (HTTP ${response.status}): check the user name and API key or token`,
        { status: response.status, url: where },
      );
    }
    if (response.status === 404) {
      throw new RemoteError(
        "not_found",
        `${options.remoteName} answered 404 for ${where}: check the API URL (and the project or record)`,
        { status: 404, url: where },
      );
    }
    if (response.status >= 400) {
      const remoteSays = scrub(remoteMessage(text)).slice(0, 300);
      throw new RemoteError(
        "bad_request",
        `${options.remoteName} refused the request (HTTP ${response.status})${remoteSays ? `: ${remoteSays}` : ""}`,
        { status: response.status, url: where },
      );
    }
    if (response.status === 204 || text === "") return { status: response.status, data: undefined as T, headers: response.headers };
    try {
      return { status: response.status, data: JSON.parse(text) as T, headers: response.headers };
    } catch {
      throw new RemoteError(
        "invalid_response",
        `${options.remoteName} sent an answer that is not valid JSON (${text.length} bytes) from ${where}`,
        { status: response.status, url: where },
      );
    }
  }
}

async function readText(response: Response, options: RemoteRequestOptions, where: string, timeoutMs: number) {
  try {
    return await response.text();
  } catch (e) {
    if (options.signal?.aborted) throw new RemoteError("aborted", "The sync was stopped");
    throw networkFailure(e, options.remoteName, where, timeoutMs);
  }
}

/** The HTTP Basic header for `user:secret`. */
export const basicAuth = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`, "utf8").toString("base64")}`;

/** A URL for messages: origin and path, never the query (it may carry a token). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

function networkFailure(e: unknown, remote: string, where: string, timeoutMs: number): RemoteError {
  const err = e as { name?: string; cause?: { code?: string; name?: string } };
  if (err.name === "TimeoutError" || err.cause?.name === "TimeoutError" || err.cause?.code === "UND_ERR_HEADERS_TIMEOUT" || err.cause?.code === "UND_ERR_BODY_TIMEOUT") {
    return new RemoteError("timeout", `${remote} did not answer within ${Math.round(timeoutMs / 1000)} s (${where})`, { url: where });
  }
  const code = err.cause?.code ?? "";
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) {
    return new RemoteError("tls", `The TLS certificate of ${where} could not be verified (${code})`, { url: where });
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new RemoteError("unreachable", `The host of ${where} could not be found (DNS: ${code})`, { url: where });
  }
  if (code === "ECONNREFUSED") {
    return new RemoteError("unreachable", `Nothing is listening at ${where} (connection refused)`, { url: where });
  }
  return new RemoteError(
    "unreachable",
    `${remote} could not be reached at ${where}${code ? ` (${code})` : ""}`,
    { url: where },
  );
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** 0.5 s, 1 s, 2 s … capped at 8 s, each with up to 50% jitter, so retrying clients do not march in step. */
export function backoffMs(attempt: number): number {
  const base = Math.min(8_000, 500 * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RemoteError("aborted", "The sync was stopped"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RemoteError("aborted", "The sync was stopped"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The human part of a remote's error body (Jira `errorMessages`, Zendesk `error`/`description`). */
function remoteMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const parts: string[] = [];
    if (Array.isArray(body.errorMessages)) parts.push(...body.errorMessages.map(String));
    if (body.errors && typeof body.errors === "object") parts.push(...Object.values(body.errors).map(String));
    if (typeof body.error === "string") parts.push(body.error);
    if (typeof body.description === "string") parts.push(body.description);
    // Zendesk's 422: `details: { status: [{ description: "Status: closed prevents ticket update" }] }`.
    if (body.details && typeof body.details === "object") {
      for (const list of Object.values(body.details as Record<string, unknown>)) {
        if (Array.isArray(list)) for (const d of list) if (d && typeof d.description === "string") parts.push(d.description);
      }
    }
    if (body.error && typeof body.error === "object") {
      const e = body.error as Record<string, unknown>;
      if (typeof e.message === "string") parts.push(e.message);
    }
    return parts.join("; ");
  } catch {
    return "";
  }
}

function scrubber(secrets: (string | null | undefined)[]) {
  const list = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  return (text: string) => list.reduce((t, s) => t.split(s).join("[redacted]"), text);
}
