/**
 * The baseline of `npm run bench:projects`: a bare `node:http` server that answers
 * `GET /api/projects/{id}?token=…` with the product's own work and nothing else — `getProjectByLink`
 * (lib/projects/project-view.ts: the link check `checkAccessToken`, jose HS256 verify + the SELECT of the
 * link's row (last_used_at is updated at most once a minute); the SELECT of the cached `projects` row; the time-display setting and the
 * DTO) on the same database, with the same pool (lib/db.ts `getDb`, sized by db/client.ts), answered with
 * `JSON.stringify`. No Next.js, no `withApi` (request id, zod parsing, request log line), no proxy.
 *
 * Started by scripts/bench/projects.ts as its own process (`node --conditions=react-server --import tsx`)
 * with the app server's environment. Listens on 127.0.0.1, port $PORT (0: any free one), and prints
 * `READY http://127.0.0.1:<port>` once listening. SIGTERM/SIGINT: stop listening, close the pool, exit
 * (so `--cpu-prof` writes its profile).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { closeDb } from "@/lib/db";
import { problemFromError } from "@/lib/http/problem";
import { requestLocale } from "@/lib/i18n/request-locale";
import { getProjectByLink } from "@/lib/projects/project-view";

const PATH = /^\/api\/projects\/([^/?]+)\/?$/;

/** requestLocale reads two headers through the Fetch `Headers` interface; node:http has them as an object. */
const headerView = (req: http.IncomingMessage) =>
  ({
    get: (name: string) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(", ") : (v ?? null);
    },
  }) as Headers;

function send(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (req.method === "GET" && url.pathname === "/api/health") return send(res, 200, { status: "ok" });
  const match = PATH.exec(url.pathname);
  const token = url.searchParams.get("token");
  if (req.method !== "GET" || !match || token === null) return send(res, 404, { error: { code: "not_found" } });
  try {
    const view = await getProjectByLink(decodeURIComponent(match[1]!), token, {
      useCache: true,
      forceSync: false,
      locale: requestLocale(headerView(req)),
      ip: req.socket.remoteAddress ?? "unknown",
    });
    send(res, 200, view);
  } catch (e) {
    const { status, body } = problemFromError(e, randomUUID());
    send(res, status, body);
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    if (!res.headersSent) send(res, 500, { error: { code: "internal", message: String(e) } });
    else res.destroy();
  });
});
// Like next start: keep-alive connections stay open between the load generator's requests.
server.keepAliveTimeout = 65_000;

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`READY http://127.0.0.1:${port}`);
});

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    server.close();
    void closeDb()
      .catch(() => {})
      .finally(() => process.exit(0));
  });
}
