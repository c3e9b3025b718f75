import { getTransportConfig } from "../env";

/**
 * The Content-Security-Policy of every page, with this request's nonce (proxy.ts makes one per request
 * and hands it to Next.js on the request's own CSP header: Next.js reads the nonce there and puts it on
 * every script it renders, its inline bootstrap included).
 *
 * - Scripts: only those carrying the nonce, and what they load ('strict-dynamic': Next.js adds its
 *   chunks at run time). No host list, no 'unsafe-inline': an injected <script> has no nonce and does
 *   not run. Development adds 'unsafe-eval', which React's dev tooling needs (never in production).
 * - Styles: our own files, plus inline style attributes ('unsafe-inline'): React and the chart library
 *   set element styles, which a nonce cannot cover; a style cannot run code.
 * - Images: our own, plus blob: and data: (photo previews before upload, generated thumbnails).
 * - Nothing may frame us, forms post only to us, and <base> cannot be redirected elsewhere.
 */
export function contentSecurityPolicy(nonce: string): string {
  const { NODE_ENV, PUBLIC_BASE_URL, AUTH_URL } = getTransportConfig();
  const publicUrl = PUBLIC_BASE_URL ?? AUTH_URL;
  const https = publicUrl !== undefined && new URL(publicUrl).protocol === "https:";
  const directives: string[] = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only where the site is https: over plain http (a local run) it would send every request nowhere.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh nonce: 128 random bits, base64 (what a CSP nonce-source allows). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
