import { randomInt } from "node:crypto";
import { apiBaseUrl } from "./server";

/** Parsed JSON of any shape: tests assert on it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiCallOptions {
  /** API token, sent as `Authorization: Bearer …`. */
  token?: string;
  /**
   * Raw Cookie header, e.g. an Auth.js session cookie. Like a browser on one of the app's pages, a call
   * with a cookie sends `Origin: <the test server>` unless `headers` set one or `origin` is null.
   */
  cookie?: string;
  /** With `cookie`: null sends no Origin (what a non-browser client or an old form post does). */
  origin?: null;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as multipart/form-data (fetch writes the boundary). */
  form?: FormData;
  /** A raw body; set the content type yourself in `headers`. A stream is sent chunked. */
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: Json;
  bytes: Buffer;
}

/**
 * One request to the test API server. Unless the caller sets X-Forwarded-For, each call comes from its
 * own random private address, so the public booking limit per IP does not couple unrelated tests.
 */
export async function api(method: string, path: string, opts: ApiCallOptions = {}): Promise<ApiResult> {
  const headers = new Headers(opts.headers);
  if (!headers.has("x-forwarded-for"))
    headers.set("x-forwarded-for", `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.cookie) {
    headers.set("cookie", opts.cookie);
    if (opts.origin !== null && !headers.has("origin")) headers.set("origin", apiBaseUrl());
  }
  let body: BodyInit | undefined = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  } else if (opts.form) {
    body = opts.form;
  }
  const res = await fetch(`${apiBaseUrl()}${path}`, {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get("content-type") ?? "";
  let parsed: Json = bytes.toString("utf8");
  if (type.includes("json") && bytes.length) parsed = JSON.parse(parsed as string);
  return { status: res.status, headers: res.headers, body: parsed, bytes };
}
