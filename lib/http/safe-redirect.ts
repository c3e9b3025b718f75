/**
 * Where to send a visitor after signing in, from a `callbackUrl` anyone can put in a link.
 *
 * Only a page of the app's own origin qualifies. The value is resolved the way a browser resolves a
 * Location header — against the app's origin, with the URL parser's rules for `\`, tabs, newlines and
 * `..` — and the resulting origin is compared with the app's. Prefix tests (`startsWith("/")`) are not
 * enough: `/\evil.example` and `/<TAB>/evil.example` both start with one slash and a browser reads both
 * as `//evil.example`, another host.
 *
 * The answer is a path (`/admin/tickets?status=BOOKED`), never starting with `//`, so it stays on this
 * origin wherever it is used as a Location.
 */
export function sameOriginPath(target: unknown, appOrigin: string, fallback = "/admin"): string {
  if (typeof target !== "string" || target.trim() === "" || target.length > 2000) return fallback;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(appOrigin).origin;
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  // `new URL("/a/..//evil.example", origin).pathname` is `//evil.example`: same origin as a URL, but a
  // protocol-relative reference once written back as a bare path. Collapse the leading slashes.
  const path = `/${url.pathname.replace(/^\/+/, "")}${url.search}${url.hash}`;
  return path;
}
