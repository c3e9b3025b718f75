import "server-only";
import { getEnv } from "../env";

/** Absolute origin for links we hand out (tracking links): PUBLIC_BASE_URL, else the request's own origin. */
export function publicBaseUrl(headers: Headers, requestUrl?: string): string {
  const configured = getEnv().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto =
    headers.get("x-forwarded-proto") ?? (requestUrl ? new URL(requestUrl).protocol.replace(":", "") : "http");
  if (host && /^[\w.-]+(:\d+)?$/.test(host)) return `${proto === "https" ? "https" : "http"}://${host}`;
  return requestUrl ? new URL(requestUrl).origin : "http://localhost:3000";
}
