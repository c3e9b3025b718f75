import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll } from "vitest";

/**
 * A real HTTP server on 127.0.0.1 that serves the app's route handlers (app/api/**\/route.ts) the way
 * `next start` calls them: a web Request with the full URL, headers and streamed body, and
 * `{ params: Promise<…> }`. It runs inside the test process, so the handlers share the database that
 * `withTestDatabase()` installed and tests can look at the rows behind every answer.
 */

const APP_API_DIR = path.resolve(import.meta.dirname, "../../app/api");
/** Served by Auth.js and Inngest themselves, not by our wrapper: not part of the REST surface. */
const SKIPPED_ROUTES = ["auth/[...nextauth]", "inngest"];
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "catchAll"; name: string };
type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface RouteEntry {
  /** The folder path under app/api, e.g. `tickets/[id]/assign`. */
  route: string;
  segments: Segment[];
  /** The route module's exports by HTTP method. */
  handlers: Partial<Record<(typeof HTTP_METHODS)[number], RouteHandler>>;
}

/** Every route.ts under app/api except the skipped ones, as folder paths relative to app/api. */
export function discoverRouteFiles(dir = APP_API_DIR): string[] {
  const found: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (SKIPPED_ROUTES.includes(childRel)) continue;
        walk(path.join(abs, entry.name), childRel);
      } else if (entry.name === "route.ts" && rel) {
        found.push(rel);
      }
    }
  };
  walk(dir, "");
  return found.sort();
}

function toSegments(route: string): Segment[] {
  return route
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s)) // route groups do not appear in URLs
    .map((s): Segment => {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(s);
      if (catchAll) return { kind: "catchAll", name: catchAll[1]! };
      const param = /^\[(\w+)\]$/.exec(s);
      if (param) return { kind: "param", name: param[1]! };
      return { kind: "static", value: s };
    });
}

/** Static segments win over params, params over catch-alls, position by position (Next's precedence). */
const rank = (s: Segment) => (s.kind === "static" ? 0 : s.kind === "param" ? 1 : 2);
function bySpecificity(a: RouteEntry, b: RouteEntry): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const sa = a.segments[i];
    const sb = b.segments[i];
    if (!sa || !sb) return sa ? 1 : -1;
    if (rank(sa) !== rank(sb)) return rank(sa) - rank(sb);
  }
  return 0;
}

export async function loadRoutes(): Promise<RouteEntry[]> {
  const routes: RouteEntry[] = [];
  for (const route of discoverRouteFiles()) {
    const handlers = (await import(/* @vite-ignore */ path.join(APP_API_DIR, route, "route.ts"))) as RouteEntry["handlers"];
    routes.push({ route, segments: toSegments(route), handlers });
  }
  return routes.sort(bySpecificity);
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The route and params for a path under /api, or null. `/x/` and `/x` match alike. */
export function matchRoute(
  routes: RouteEntry[],
  pathname: string,
): { entry: RouteEntry; params: Record<string, string | string[]> } | null {
  if (!pathname.startsWith("/api/")) return null;
  const parts = pathname.slice("/api/".length).replace(/\/+$/, "").split("/").map(decodeSegment);
  if (parts.length === 1 && parts[0] === "") return null;
  for (const entry of routes) {
    const params: Record<string, string | string[]> = {};
    let ok = true;
    let i = 0;
    for (const seg of entry.segments) {
      if (seg.kind === "catchAll") {
        if (i >= parts.length) ok = false;
        else params[seg.name] = parts.slice(i);
        i = parts.length;
        break;
      }
      const part = parts[i++];
      if (part === undefined || part === "") {
        ok = false;
        break;
      }
      if (seg.kind === "static" && seg.value !== part) {
        ok = false;
        break;
      }
      if (seg.kind === "param") params[seg.name] = part;
    }
    if (ok && i === parts.length) return { entry, params };
  }
  return null;
}

function jsonError(res: http.ServerResponse, status: number, code: string, message: string, extra?: http.OutgoingHttpHeaders) {
  res.writeHead(status, { "content-type": "application/json", ...extra });
  res.end(JSON.stringify({ error: { code, message } }));
}

function toWebRequest(req: http.IncomingMessage, origin: string, method: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // `next start` fills these in when no proxy did; client-ip.ts and base-url.ts read them.
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", req.socket.remoteAddress ?? "127.0.0.1");
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", "http");
  if (!headers.has("x-forwarded-host") && headers.has("host")) headers.set("x-forwarded-host", headers.get("host")!);
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
}

async function writeWebResponse(res: http.ServerResponse, response: Response, withBody: boolean) {
  const headers: http.OutgoingHttpHeaders = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!withBody || !response.body) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
  await new Promise<void>((resolve, reject) => {
    body.on("error", reject);
    res.on("finish", resolve);
    res.on("error", reject);
    body.pipe(res);
  });
}

export interface ApiServer {
  url: string;
  routes: RouteEntry[];
  close(): Promise<void>;
}

export async function startApiServer(): Promise<ApiServer> {
  const routes = await loadRoutes();
  let origin = "";
  const server = http.createServer((req, res) => {
    void (async () => {
      const method = (req.method ?? "GET").toUpperCase();
      const pathname = new URL(req.url ?? "/", origin).pathname;
      const match = matchRoute(routes, pathname);
      if (!match) {
        req.resume();
        return jsonError(res, 404, "not_found", `No API route for ${pathname}`);
      }
      const allowed = HTTP_METHODS.filter((m) => match.entry.handlers[m] || (m === "HEAD" && match.entry.handlers.GET));
      // Like Next: HEAD falls back to GET without a body; OPTIONS is answered with the allowed methods.
      const handler = match.entry.handlers[method as (typeof HTTP_METHODS)[number]] ?? (method === "HEAD" ? match.entry.handlers.GET : undefined);
      if (!handler) {
        req.resume();
        if (method === "OPTIONS") {
          res.writeHead(204, { allow: [...allowed, "OPTIONS"].join(", ") });
          return res.end();
        }
        return jsonError(res, 405, "method_not_allowed", `${method} is not allowed on ${pathname}`, {
          allow: allowed.join(", "),
        });
      }
      const response = await handler(toWebRequest(req, origin, method === "HEAD" ? "GET" : method), {
        params: Promise.resolve(match.params),
      });
      await writeWebResponse(res, response, method !== "HEAD");
      // A handler may answer without reading the body (413 on the declared length): discard the rest,
      // as Node does for unread bodies, so the client can finish sending and read the answer.
      if (!req.complete) {
        req.removeAllListeners("data");
        req.resume();
      }
    })().catch((err: unknown) => {
      // The wrapper answers every error itself; reaching here is a harness or handler bug worth seeing.
      console.error("test api server:", err);
      if (!res.headersSent) jsonError(res, 500, "harness_error", String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    routes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

let current: ApiServer | undefined;

/** Starts the API server for the calling test file (after `withTestDatabase()`) and stops it afterwards. */
export function withApiServer(): { url: () => string; server: () => ApiServer } {
  beforeAll(async () => {
    current = await startApiServer();
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return { url: () => current!.url, server: () => current! };
}

export function apiBaseUrl(): string {
  if (!current) throw new Error("Call withApiServer() in the test file first");
  return current.url;
}
