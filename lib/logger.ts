import "server-only";
import pino from "pino";
import { getEnv } from "./env";

const holder = globalThis as unknown as { __servicehubLogger?: pino.Logger };

const REDACTED = "[redacted]";

/**
 * Structured JSON logs. Secret-bearing keys are redacted wherever they appear, and URLs (`path`, `url`)
 * lose their tokens: a tracking token or a project link token travels in the path or the query, and a
 * log line is read by more people than the customer who holds the link.
 */
export function getLogger(): pino.Logger {
  holder.__servicehubLogger ??= createLogger();
  return holder.__servicehubLogger;
}

/** The app's logger configuration, writing to `destination` (stdout by default; tests capture lines). */
export function createLogger(destination?: pino.DestinationStream, level = levelFromEnv()): pino.Logger {
  return pino(
    {
      level,
      base: { app: "servicehub" },
      serializers: { path: redactUrl, url: redactUrl, href: redactUrl, callbackUrl: redactUrl },
      redact: {
        paths: [
          "password",
          "*.password",
          "token",
          "*.token",
          "authorization",
          "*.authorization",
          "cookie",
          "*.cookie",
          "phone",
          "*.phone",
          "credentials",
          "*.credentials",
          "api_key",
          "*.api_key",
          "secret",
          "*.secret",
        ],
        censor: REDACTED,
      },
    },
    destination,
  );
}

/** Replaces the logger (tests that read what was logged). */
export function setLogger(logger: pino.Logger | undefined): void {
  holder.__servicehubLogger = logger;
}

/** Query parameters whose values are secrets whatever they look like. */
const SENSITIVE_PARAMS = new Set([
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "api_key",
  "apikey",
  "key",
  "secret",
  "client_secret",
  "password",
  "signature",
  "sig",
  "code",
  "jwt",
  "session",
  "auth",
]);

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * A path segment or query value that looks like a credential: a JWT, one of our API tokens, or a long
 * run of letters and digits (random tokens, signatures). UUIDs are record ids, not secrets: kept, so a
 * log line still says which ticket a request was about.
 */
export function looksLikeToken(value: string): boolean {
  if (value.startsWith("eyJ") && value.split(".").length === 3) return true;
  if (value.startsWith("shk_")) return true;
  if (value.length < 20 || UUID.test(value)) return false;
  return /^[\w\-.~+/=%]+$/.test(value) && /\d/.test(value) && /[a-z]/i.test(value);
}

/** A path or URL with token-shaped path segments and sensitive query values replaced by `[redacted]`. */
export function redactUrl(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const queryAt = value.indexOf("?");
  const hashAt = value.indexOf("#");
  const pathEnd = Math.min(queryAt === -1 ? value.length : queryAt, hashAt === -1 ? value.length : hashAt);
  const pathPart = value
    .slice(0, pathEnd)
    .split("/")
    .map((segment) => (looksLikeToken(segment) ? REDACTED : segment))
    .join("/");
  if (queryAt === -1 || (hashAt !== -1 && hashAt < queryAt)) return pathPart;
  const query = value.slice(queryAt + 1, hashAt > queryAt ? hashAt : undefined);
  const params = query.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    if (eq === -1) return pair;
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw.replaceAll("+", " "));
    } catch {
      // keep the raw value for the shape test
    }
    const sensitive = SENSITIVE_PARAMS.has(name.toLowerCase()) || looksLikeToken(decoded);
    return sensitive && raw !== "" ? `${name}=${REDACTED}` : pair;
  });
  return `${pathPart}?${params.join("&")}`;
}

function levelFromEnv(): pino.LevelWithSilent {
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    return "info"; // configuration errors are reported by whoever needs the missing value
  }
}
