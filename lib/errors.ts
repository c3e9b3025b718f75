/**
 * The one error type services throw. `code` is stable and machine-readable; `message` is safe to show
 * to the caller; `details` carries structured, non-secret context (allowed actions, field paths…).
 */
export const errorStatus = {
  invalid_input: 422,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  slot_full: 409,
  receipt_required: 409,
  rate_limited: 429,
  upstream_unavailable: 502,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Postgres refusing text it cannot store: NUL characters (22P05) or invalid byte sequences (22021). */
export function isUntypableText(e: unknown): boolean {
  return hasPgCode(e, ["22P05", "22021"]);
}

function hasPgCode(e: unknown, codes: string[]): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    if (typeof cur === "object" && "code" in cur && codes.includes(String((cur as { code?: unknown }).code)))
      return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Postgres unique_violation, from postgres.js or PGlite (drizzle may wrap it in `cause`). */
export function isUniqueViolation(e: unknown): boolean {
  return hasPgCode(e, ["23505"]);
}
