import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/content-security-policy";
import { transportHeaders } from "@/lib/http/transport-headers";

/**
 * Runs before every page and API request: sets the Content-Security-Policy with a fresh nonce (on the
 * request too, where Next.js reads the nonce to put on its scripts) and the deployment-dependent headers
 * (HSTS when the public URL is https). It authorizes nothing: every page, handler and action checks
 * access itself.
 */
export function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy(newNonce());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(transportHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build files and icons need no per-request headers (a browser keeps HSTS from any page).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest).*)"],
};
