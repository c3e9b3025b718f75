import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the WeChat Work group bot webhook (`POST /cgi-bin/webhook/send?key=…`) on 127.0.0.1,
 * port 0. Like the real bot it answers HTTP 200 with `{"errcode":0,"errmsg":"ok"}`, or 200 with another
 * errcode when it refuses: 93000 for a key it does not know (when `key` is given), 40008 for an unknown
 * `msgtype`, and whatever `failNext` queued. `failHttpNext` answers a bare HTTP status instead (a proxy
 * or an outage in front of the bot). Queued failures are used in order; one with a `msgtype` waits for
 * a request of that type, so a test can fail the @mention follow-up and let the markdown through.
 */

export interface WecomSinkOptions {
  /** The webhook key the bot accepts; any other key gets 93000. Leave out to accept every key. */
  key?: string;
}

export interface WecomReceived {
  key: string | null;
  /** The JSON body as sent (`null` when it was not JSON). */
  body: WecomBody | null;
  /** What the sink answered. */
  status: number;
  errcode: number | null;
  /** true when the bot would have posted it to the group. */
  ok: boolean;
}

export type WecomBody =
  | { msgtype: "markdown"; markdown: { content: string } }
  | { msgtype: "text"; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } }
  | { msgtype: string; [field: string]: unknown };

export interface FailOptions {
  /** Default 1. */
  times?: number;
  /** Only requests of this msgtype are failed ("text": the @mention follow-up); others pass. */
  msgtype?: string;
}

export interface WecomSink {
  /** The webhook URL, key included: `http://127.0.0.1:port/cgi-bin/webhook/send?key=…`. */
  url: string;
  /** Every request that arrived, in order, whatever it was answered. */
  received: WecomReceived[];
  /** Answer the next `times` requests (of `msgtype`, when given) with this errcode (HTTP 200), e.g. 45009, 93000. */
  failNext(errcode: number, options?: FailOptions & { errmsg?: string }): void;
  /** Answer the next `times` requests (of `msgtype`, when given) with this HTTP status; `retryAfterSeconds` sends Retry-After. */
  failHttpNext(status: number, options?: FailOptions & { retryAfterSeconds?: number }): void;
  close(): Promise<void>;
}

const ERRMSG: Record<number, string> = {
  45009: "api freq out of limit, more info at https://open.work.weixin.qq.com/devtool/query?e=45009",
  93000: "invalid webhook url, more info at https://open.work.weixin.qq.com/devtool/query?e=93000",
  40008: "invalid message type, more info at https://open.work.weixin.qq.com/devtool/query?e=40008",
};

type Queued = { msgtype?: string } & (
  { kind: "errcode"; errcode: number; errmsg?: string } | { kind: "http"; status: number; retryAfterSeconds?: number }
);

export async function startWecomSink(options: WecomSinkOptions = {}): Promise<WecomSink> {
  const received: WecomReceived[] = [];
  const queue: Queued[] = [];
  const key = options.key ?? "test-webhook-key-0000-1111";

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const text = await readBody(req);
    let body: WecomBody | null = null;
    try {
      body = JSON.parse(text) as WecomBody;
    } catch {
      body = null;
    }
    const record: WecomReceived = { key: url.searchParams.get("key"), body, status: 200, errcode: null, ok: false };
    received.push(record);

    const at = queue.findIndex((q) => q.msgtype === undefined || q.msgtype === body?.msgtype);
    const failure = at >= 0 ? queue.splice(at, 1)[0] : undefined;
    if (failure?.kind === "http") {
      record.status = failure.status;
      const headers: Record<string, string> = { "content-type": "text/plain" };
      if (failure.retryAfterSeconds !== undefined) headers["retry-after"] = String(failure.retryAfterSeconds);
      res.writeHead(failure.status, headers).end(`HTTP ${failure.status}`);
      return;
    }
    let errcode = 0;
    let errmsg = "ok";
    if (failure) {
      errcode = failure.errcode;
      errmsg = failure.errmsg ?? ERRMSG[failure.errcode] ?? "error";
    } else if (
      req.method !== "POST" ||
      url.pathname !== "/cgi-bin/webhook/send" ||
      (options.key && record.key !== options.key)
    ) {
      errcode = 93000;
      errmsg = ERRMSG[93000]!;
    } else if (!body || !["markdown", "text"].includes(body.msgtype)) {
      errcode = 40008;
      errmsg = ERRMSG[40008]!;
    }
    record.errcode = errcode;
    record.ok = errcode === 0;
    res.writeHead(200, { "content-type": "application/json; charset=UTF-8" }).end(JSON.stringify({ errcode, errmsg }));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    received,
    failNext(errcode, { times = 1, msgtype, errmsg } = {}) {
      for (let i = 0; i < times; i++) queue.push({ kind: "errcode", errcode, errmsg, msgtype });
    },
    failHttpNext(status, { times = 1, msgtype, retryAfterSeconds } = {}) {
      for (let i = 0; i < times; i++) queue.push({ kind: "http", status, retryAfterSeconds, msgtype });
    },
    close: () => closeServer(server),
  };
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Clients keep connections alive; drop them so the test does not wait for their idle timeout. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
