import "server-only";
import { randomUUID } from "node:crypto";
import { problemFromError } from "./problem";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: {
        code: string;
        message: string;
        fields?: { path: string; message: string }[];
        details?: Record<string, unknown>;
      };
    };

/**
 * Server actions return their outcome instead of throwing, so forms can show the same errors the
 * API answers with (field messages, conflicts with the fresh state) through useActionState.
 */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (isNextControlFlow(e)) throw e; // redirect() / notFound() must propagate
    const { body } = problemFromError(e, randomUUID());
    const fields = body.error.details?.fields as { path: string; message: string }[] | undefined;
    return {
      ok: false,
      error: { code: body.error.code, message: body.error.message, fields, details: body.error.details },
    };
  }
}

function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") ||
      digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") ||
      digest === "DYNAMIC_SERVER_USAGE")
  );
}
