import "server-only";

/**
 * The client's address for rate limits: the last X-Forwarded-For entry, which is the one added by the
 * nearest hop. `next start` fills the header with the socket address when it is absent; behind a
 * reverse proxy that appends to it (nginx `proxy_add_x_forwarded_for`, most load balancers), the last
 * entry is the address the proxy saw, which a client cannot forge. README, "Going to production".
 */
export function clientIp(headers: Headers): string {
  const last = headers.get("x-forwarded-for")?.split(",").pop()?.trim();
  return last ? last.slice(0, 64) : "unknown";
}
