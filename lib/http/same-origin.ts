import "server-only";
import { AppError } from "../errors";
import { appOrigins } from "./base-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/**
 * CSRF defence for requests authenticated by the session cookie: the browser attaches the cookie to
 * requests that other sites start (a form post, a fetch from a sibling subdomain), so a cookie alone
 * does not show that our own page sent the request. The browser does say who started it: `Origin` on
 * every POST/PUT/PATCH/DELETE (and on cross-origin fetches), and `Sec-Fetch-Site` on everything it
 * sends. A request with neither header did not come from a current browser page of ours: refused too.
 * Requests with a bearer token are not checked — a token is never attached by the browser on its own.
 */
export function assertSameOriginRequest(req: Request): void {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (origin !== "null" && appOrigins(req.headers, req.url).has(origin.toLowerCase())) return;
    throw crossSite(`it was sent from ${origin === "null" ? "an opaque origin" : origin}`);
  }
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite === "same-origin") return;
  // "none": the person typed the address or used a bookmark; harmless for reading, never for changes.
  if (fetchSite === "none" && isSafeMethod(req.method)) return;
  throw crossSite(fetchSite ? `the browser marked it ${fetchSite}` : "it carries neither Origin nor Sec-Fetch-Site");
}

const crossSite = (why: string) =>
  new AppError(
    "forbidden",
    `Refused: a request signed in with the session cookie must come from this app's own pages (${why}). ` +
      "Scripts and other services use `Authorization: Bearer <api token>`.",
    { reason: "cross_site_request" },
  );
