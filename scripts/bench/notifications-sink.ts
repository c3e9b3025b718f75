/**
 * The SMS gateway the notification benchmark sends to, in its own process so its work is not counted
 * against either side: `POST /sms` (Bearer key) refuses a random 20 % of requests with 503 and accepts
 * the rest, counting each message id it accepted; `GET /stats` says how many requests arrived, how many
 * were refused, how many distinct messages were delivered and how many were delivered twice;
 * `POST /reset` starts over. Prints `LISTENING <port>` once ready.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

const apiKey = process.env.SINK_API_KEY ?? "";
let requests = 0;
let refused = 0;
let delivered = new Map<string, number>();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/stats") {
      const twice = [...delivered.values()].filter((n) => n > 1).length;
      return answer(200, { requests, refused, delivered: delivered.size, delivered_twice: twice });
    }
    if (req.method === "POST" && req.url === "/reset") {
      requests = 0;
      refused = 0;
      delivered = new Map();
      return answer(200, { ok: true });
    }
    if (req.method !== "POST" || req.url !== "/sms") return answer(404, { error: "not found" });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(401, { error: "invalid api key" });
    requests++;
    // Random, not every fifth: workers in lockstep would otherwise meet the refusals on the same message.
    if (Math.random() < 0.2) {
      refused++;
      return answer(503, { error: "temporarily unavailable" });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id?: string; to?: string };
    const id = body.id ?? req.headers["idempotency-key"];
    if (typeof id !== "string") return answer(400, { error: "id is required" });
    delivered.set(id, (delivered.get(id) ?? 0) + 1);
    answer(200, { id: `sms-${requests}`, status: "queued" });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`LISTENING ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
