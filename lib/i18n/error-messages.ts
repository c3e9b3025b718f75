import { errorStatus, type ErrorCode } from "../errors";

/**
 * The one map from a failure to the words a user reads: every AppError code, plus the two failures
 * that never got a code from the server. The words are the messages under `common.errors.<key>` (both
 * locales, checked by error-messages.test.ts). The API's own `message` is for developers and logs;
 * it is English, may name internals, and never reaches the screen.
 *
 * Pure and browser-safe: client components call it through `useErrorMessage`, server code through
 * `getTranslations("common.errors")`.
 */
export const clientOnlyErrorKeys = [
  /** The request never got an answer (offline, server down, a server action that threw on the wire). */
  "network",
  /** An answer without a code this app knows (a proxy's error page, a future code). */
  "unknown",
] as const;

export type ErrorMessageKey = ErrorCode | (typeof clientOnlyErrorKeys)[number];

export const errorMessageKeys: readonly ErrorMessageKey[] = [
  ...(Object.keys(errorStatus) as ErrorCode[]),
  ...clientOnlyErrorKeys,
];

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === "string" && Object.hasOwn(errorStatus, code);

/** The first code answered with `status`, for answers that came without a body (a proxy, a crash). */
function codeForStatus(status: number): ErrorCode | undefined {
  return (Object.keys(errorStatus) as ErrorCode[]).find((code) => errorStatus[code] === status);
}

/**
 * Which message describes `error`: an action's `{ code }`, an `ApiError` (`code`, `status`), fetch's
 * TypeError (no connection) or `null`/`undefined` (the call itself failed).
 */
export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (error == null || error instanceof TypeError) return "network";
  const { code, status } = error as { code?: unknown; status?: unknown };
  if (isErrorCode(code)) return code;
  if (code === "network" || status === 0) return "network";
  return (typeof status === "number" && codeForStatus(status)) || "unknown";
}
