import "server-only";
import { randomUUID } from "node:crypto";
import { z, type ZodType } from "zod";
import { authenticateRequest } from "../auth/current-actor";
import { hasPermission, type Actor, type Permission } from "../auth/permissions";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import { clientIp } from "./client-ip";
import { problemResponse } from "./problem";
import { assertSameOriginRequest, isSafeMethod } from "./same-origin";

const JSON_BODY_LIMIT_BYTES = 256 * 1024;

type Access = "public" | "signed_in" | Permission;

interface ApiOptions<P extends ZodType, Q extends ZodType, B extends ZodType> {
  /** `public`: no login; `signed_in`: any staff; a permission: the role must hold it. */
  access: Access;
  params?: P;
  query?: Q;
  /** JSON body schema. Requests must send `Content-Type: application/json`. */
  body?: B;
  /** Accept multipart/form-data up to this many bytes (a function: limits come from env at request time). */
  multipartLimitBytes?: () => number;
  /**
   * A GET that reveals a secret or changes something (issuing a link): checked for a same-origin caller
   * like a POST when the session cookie authenticates it. Every other method is checked anyway.
   */
  sensitive?: boolean;
  /** Refuse API tokens: only a signed-in person (or the CLI, which does not come through HTTP) may do this. */
  signedInOnly?: boolean;
}

export interface ApiContext<P, Q, B, A> {
  req: Request;
  requestId: string;
  /** The client's address (client-ip.ts), for per-address limits. */
  ip: string;
  actor: A;
  params: P;
  query: Q;
  body: B;
  formData: FormData | null;
}

type Infer<T> = T extends ZodType ? z.output<T> : undefined;
type ActorFor<A extends Access> = A extends "public" ? Actor | null : Actor;

/**
 * Every route handler goes through here: request id, client address, authentication, the same-origin
 * check for cookie sessions (docs/security.md), permission, zod parsing of params/query/body, one error
 * shape and one log line. Handlers return a Response or a JSON-serialisable value.
 */
export function withApi<
  A extends Access,
  P extends ZodType = ZodType<undefined>,
  Q extends ZodType = ZodType<undefined>,
  B extends ZodType = ZodType<undefined>,
>(
  options: ApiOptions<P, Q, B> & { access: A },
  handler: (ctx: ApiContext<Infer<P>, Infer<Q>, Infer<B>, ActorFor<A>>) => Promise<unknown>,
) {
  return async (req: Request, routeCtx: { params: Promise<unknown> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    const ip = clientIp(req.headers);
    const started = performance.now();
    let response: Response;
    try {
      const actor = await authenticate(req, options);
      const params = options.params ? options.params.parse(refuseNul(await routeCtx.params)) : undefined;
      const query = options.query
        ? options.query.parse(refuseNul(Object.fromEntries(new URL(req.url).searchParams)))
        : undefined;
      const { body, formData } = await readBody(req, options);
      const result = await handler({
        req,
        requestId,
        ip,
        actor: actor as ActorFor<A>,
        params,
        query,
        body,
        formData,
      } as ApiContext<Infer<P>, Infer<Q>, Infer<B>, ActorFor<A>>);
      response = result instanceof Response ? result : Response.json(result);
      response.headers.set("x-request-id", requestId);
    } catch (e) {
      response = problemResponse(e, requestId);
    }
    const ms = Math.round(performance.now() - started);
    const { pathname, search } = new URL(req.url);
    // The logger's `path` serializer takes the tokens out (tracking links carry one in the path).
    const path = pathname + search;
    getLogger()[response.status >= 500 ? "error" : response.status >= 400 ? "info" : "debug"](
      { requestId, method: req.method, path, status: response.status, ms },
      "api request",
    );
    return response;
  };
}

async function authenticate(req: Request, options: ApiOptions<ZodType, ZodType, ZodType>): Promise<Actor | null> {
  const { access } = options;
  const identity = await authenticateRequest(req);
  // Public routes do not act for anyone: the cookie neither helps nor needs checking there.
  if (access === "public") return identity?.actor ?? null;
  if (!identity) throw new AppError("unauthorized", "Sign in or send `Authorization: Bearer <api token>`");
  const { actor, via } = identity;
  if (via === "token" && options.signedInOnly) {
    throw new AppError("forbidden", "API tokens cannot do this; sign in to the app (or use the CLI) instead");
  }
  if (via === "session" && (options.sensitive || !isSafeMethod(req.method))) assertSameOriginRequest(req);
  if (access !== "signed_in" && !hasPermission(actor.role, access)) {
    throw new AppError("forbidden", `Your role (${actor.role}) lacks the ${access} permission`);
  }
  return actor;
}

async function readBody(req: Request, options: ApiOptions<ZodType, ZodType, ZodType>) {
  if (!options.body && !options.multipartLimitBytes) return { body: undefined, formData: null };
  // The multipart boundary is case-sensitive: compare a lower-cased copy, parse with the original.
  const rawType = req.headers.get("content-type") ?? "";
  const type = rawType.toLowerCase();
  const declaredLength = Number(req.headers.get("content-length") ?? "0");

  if (options.multipartLimitBytes && type.startsWith("multipart/form-data")) {
    const limit = options.multipartLimitBytes();
    if (declaredLength > limit) throw tooLarge(limit);
    const bytes = await readLimited(req, limit);
    let formData: FormData;
    try {
      formData = await new Response(bytes, { headers: { "content-type": rawType } }).formData();
    } catch {
      throw new AppError("invalid_input", "The multipart body could not be read");
    }
    refuseNul(Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")));
    return { body: undefined, formData };
  }
  if (options.body && type.startsWith("application/json")) {
    if (declaredLength > JSON_BODY_LIMIT_BYTES) throw tooLarge(JSON_BODY_LIMIT_BYTES);
    const text = new TextDecoder().decode(await readLimited(req, JSON_BODY_LIMIT_BYTES));
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new AppError("invalid_json", "The request body is not valid JSON");
    }
    return { body: options.body.parse(refuseNul(json)), formData: null };
  }
  const accepted = [
    options.body ? "application/json" : null,
    options.multipartLimitBytes ? "multipart/form-data" : null,
  ].filter(Boolean);
  throw new AppError("unsupported_media_type", `Send the body as ${accepted.join(" or ")}`, { accepted });
}

/**
 * Postgres text cannot hold U+0000, so a string with one would fail in the database (a 500): refuse it
 * here with the field's path instead. Iterative, so deeply nested JSON cannot exhaust the stack.
 */
function refuseNul<T>(value: T): T {
  type Node = { value: unknown; key: string; parent: Node | null };
  const pathOf = (n: Node) => {
    const keys: string[] = [];
    for (let cur: Node | null = n; cur?.parent; cur = cur.parent) keys.push(cur.key);
    return keys.reverse().join(".").slice(0, 200) || "(root)";
  };
  const found: string[] = [];
  const stack: Node[] = [{ value, key: "", parent: null }];
  while (stack.length && found.length < 10) {
    const node = stack.pop()!;
    if (typeof node.value === "string") {
      if (node.value.includes("\u0000")) found.push(pathOf(node));
    } else if (node.value && typeof node.value === "object") {
      for (const [key, child] of Object.entries(node.value)) stack.push({ value: child, key, parent: node });
    }
  }
  if (found.length) {
    throw new AppError("invalid_input", `Text must not contain NUL (\\u0000) characters: ${found.join(", ")}`, {
      fields: found.map((path) => ({ path, message: "Contains a NUL (\\u0000) character" })),
    });
  }
  return value;
}

/**
 * The body, but never more than `limit` bytes of it: a chunked body (no Content-Length) is cut off
 * with a 413 as soon as it passes the limit, instead of being buffered whole (or forever) first.
 */
async function readLimited(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Stop reading without cancelling: the server discards the rest, and the client still gets the 413.
    if (total > limit) throw tooLarge(limit);
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const tooLarge = (limit: number) =>
  new AppError(
    "payload_too_large",
    `The request body is larger than ${Math.round((limit / 1024 / 1024) * 10) / 10} MB`,
    { limit_bytes: limit },
  );
