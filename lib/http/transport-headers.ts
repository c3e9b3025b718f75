import { getTransportConfig } from "../env";

/** One year, subdomains included: the usual HSTS policy once a site is served over https only. */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Response headers that depend on how the app is deployed (read at run time, unlike next.config's
 * static headers): when the public URL (PUBLIC_BASE_URL, else AUTH_URL) is https, browsers are told
 * to use nothing else from then on, so a session cookie never travels in clear text.
 */
export function transportHeaders(): Record<string, string> {
  const { PUBLIC_BASE_URL, AUTH_URL } = getTransportConfig();
  const publicUrl = PUBLIC_BASE_URL ?? AUTH_URL;
  return publicUrl && new URL(publicUrl).protocol === "https:" ? { "Strict-Transport-Security": HSTS_VALUE } : {};
}
