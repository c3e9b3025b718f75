import { NextResponse } from "next/server";
import { transportHeaders } from "@/lib/http/transport-headers";

/**
 * Runs before every page and API request: adds the deployment-dependent headers (HSTS when the public
 * URL is https). It authorizes nothing: every page, handler and action checks access itself.
 */
export function proxy() {
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(transportHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build files and icons need no per-request headers (a browser keeps HSTS from any page).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest).*)"],
};
