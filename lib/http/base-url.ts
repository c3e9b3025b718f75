import "server-only";
import { getEnv } from "../env";

/**
 * Absolute origin for links we hand out in an answer (tracking links): PUBLIC_BASE_URL, which production
 * requires (lib/env.ts); on a development machine without it, the request's own origin.
 */
export function publicBaseUrl(headers: Headers, requestUrl?: string): string {
  const configured = getEnv().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/$/, "");
  return requestOrigin(headers, requestUrl);
}

/**
 * The origin the browser used to reach this request: the Host (or the proxy's X-Forwarded-Host) and
 * scheme. `next start` fills the X-Forwarded-* headers itself when no proxy did.
 */
export function requestOrigin(headers: Headers, requestUrl?: string): string {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  const proto =
    headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ??
    (requestUrl ? new URL(requestUrl).protocol.replace(":", "") : "http");
  if (host && /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host)) {
    return `${proto === "https" ? "https" : "http"}://${host.toLowerCase()}`;
  }
  return requestUrl ? new URL(requestUrl).origin : "http://localhost:3000";
}

/**
 * Every origin that is this app: the one the request came to, and the configured public and Auth.js
 * URLs (a deployment reached through an internal name and a public one answers both).
 */
export function appOrigins(headers: Headers, requestUrl?: string): Set<string> {
  const env = getEnv();
  const origins = new Set([requestOrigin(headers, requestUrl)]);
  for (const configured of [env.PUBLIC_BASE_URL, env.AUTH_URL]) {
    if (configured) origins.add(new URL(configured).origin);
  }
  return origins;
}

/** Absolute origin for links sent outside any request (notifications): PUBLIC_BASE_URL, else this machine. */
export function linkBaseUrl(): string {
  return (getEnv().PUBLIC_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
