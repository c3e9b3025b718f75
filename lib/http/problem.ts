import "server-only";
import { ZodError } from "zod";
import { AppError, isUniqueViolation, isUntypableText } from "../errors";
import { getLogger } from "../logger";

export interface ProblemBody {
  error: { code: string; message: string; details?: Record<string, unknown>; request_id?: string };
}

/**
 * zod issues as `{ path: "appointment_date", message }`, the shape clients show next to fields. An
 * unknown key is reported at its own path (`owner`), not at the object that holds it.
 */
export function zodFieldErrors(error: ZodError) {
  return error.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((key) => ({ path: [...i.path, key].join("."), message: `Unknown field "${key}"` }))
      : [{ path: i.path.join(".") || "(root)", message: i.message }],
  );
}

/** Maps any thrown value to the one error body. Unknown errors are logged and answered generically. */
export function problemFromError(e: unknown, requestId: string): { status: number; body: ProblemBody } {
  if (e instanceof AppError) {
    return {
      status: e.status,
      body: { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } },
    };
  }
  if (e instanceof ZodError) {
    const fields = zodFieldErrors(e);
    return {
      status: 422,
      body: {
        error: {
          code: "invalid_input",
          message: `Invalid input: ${fields.map((f) => `${f.path}: ${f.message}`).join("; ")}`.slice(0, 500),
          details: { fields },
        },
      },
    };
  }
  if (isUntypableText(e)) {
    return {
      status: 422,
      body: {
        error: { code: "invalid_input", message: "The input contains characters that cannot be stored (such as NUL)" },
      },
    };
  }
  if (isUniqueViolation(e)) {
    return { status: 409, body: { error: { code: "conflict", message: "That record already exists" } } };
  }
  getLogger().error({ err: e, requestId }, "unhandled error");
  return {
    status: 500,
    body: {
      error: {
        code: "internal",
        message: "Something went wrong on our side. Quote the request id when reporting it.",
        request_id: requestId,
      },
    },
  };
}

export function problemResponse(e: unknown, requestId: string): Response {
  const { status, body } = problemFromError(e, requestId);
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (e instanceof AppError && e.code === "rate_limited" && typeof e.details?.retry_after_seconds === "number") {
    headers["retry-after"] = String(e.details.retry_after_seconds);
  }
  return Response.json(body, { status, headers });
}
