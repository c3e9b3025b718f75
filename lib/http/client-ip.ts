import "server-only";
import { getEnv } from "../env";

/**
 * The client's address, for per-address limits (bookings, tracking lookups, sign-in failures).
 *
 * Each reverse proxy in front of the app appends the address it saw to X-Forwarded-For, so with
 * TRUSTED_PROXY_HOPS = n the n-th entry from the right is what the outermost trusted proxy saw: the
 * client, whatever the client itself wrote further left. With no proxy declared (0), `next start` fills
 * the header with the socket address only when the request has none — a client talking to the app
 * directly can send its own and pick any address. README, "Going to production".
 */
export function clientIp(headers: Headers): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const hops = getEnv().TRUSTED_PROXY_HOPS;
  // Fewer entries than declared hops: a proxy is missing or misconfigured; the leftmost is the best guess.
  const address = entries[Math.max(0, entries.length - Math.max(hops, 1))];
  if (address && hops === 0 && !isLoopback(address)) unverifiedClientSeen = true;
  return address ? address.slice(0, 64) : "unknown";
}

/** Set once a request from another machine arrived while no proxy hop is declared (see proxyReport). */
let unverifiedClientSeen = false;

const isLoopback = (address: string) =>
  /^127\./.test(address) || address === "::1" || address === "::ffff:127.0.0.1" || address === "localhost";

/**
 * For GET /api/health: how client addresses are decided, and a warning when per-address limits rest on
 * a header that clients can forge (requests from other machines seen, no proxy hop declared).
 */
export function proxyReport(headers: Headers) {
  const hops = getEnv().TRUSTED_PROXY_HOPS;
  clientIp(headers);
  return {
    trusted_proxy_hops: hops,
    ...(hops === 0 && unverifiedClientSeen
      ? {
          warning:
            "Requests arrive with no proxy hop declared: per-address limits (bookings, tracking, sign-in) trust " +
            "X-Forwarded-For as the client sent it, and a client can forge it. Serve the app behind a reverse " +
            "proxy that appends X-Forwarded-For and set TRUSTED_PROXY_HOPS to the number of such proxies.",
        }
      : {}),
  };
}

/** Tests: forget what was seen. */
export function resetClientIpObservations() {
  unverifiedClientSeen = false;
}
