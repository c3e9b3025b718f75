import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backoffMs, describeUrl, RemoteError, remoteJson, retryAfterMs } from "./remote-http";

const servers: (http.Server | https.Server)[] = [];
afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function listen<S extends http.Server | https.Server>(server: S, scheme: "http" | "https") {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as RemoteError,
  );

describe("remoteJson: remote trouble in plain words", () => {
  it("a certificate that cannot be verified is a TLS error, not 'unreachable'", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "servicehub-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-days",
        "1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const url = await listen(
      https.createServer(
        { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) },
        (_q, r) => r.end("{}"),
      ),
      "https",
    );
    const err = await failure(remoteJson(`${url}/rest/api/3/myself`, { remoteName: "Jira", retries: 0 }));
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({
      kind: "tls",
      message: expect.stringMatching(
        /TLS certificate of https:\/\/127\.0\.0\.1:\d+\/rest\/api\/3\/myself could not be verified/,
      ),
    });
  });

  it("what the remote echoes is scrubbed of the credentials", async () => {
    const secret = "ATATT-super-secret-token";
    const url = await listen(
      http.createServer((_q, r) => {
        r.writeHead(400, { "content-type": "application/json" });
        r.end(JSON.stringify({ errorMessages: [`token ${secret} is not allowed here`] }));
      }),
      "http",
    );
    const err = await failure(
      remoteJson(`${url}/x?token=${secret}`, { remoteName: "Jira", secrets: [secret], retries: 0 }),
    );
    expect(err).toMatchObject({
      kind: "bad_request",
      message: expect.stringContaining("token [redacted] is not allowed"),
    });
    expect(JSON.stringify({ m: err!.message, d: err!.details })).not.toContain(secret);
  });

  it("a write that is not idempotent is not retried after a 500", async () => {
    let calls = 0;
    const url = await listen(
      http.createServer((_q, r) => {
        calls++;
        r.writeHead(500).end();
      }),
      "http",
    );
    const err = await failure(
      remoteJson(`${url}/comment`, { remoteName: "Jira", method: "POST", body: {}, idempotent: false }),
    );
    expect(err).toMatchObject({ kind: "server" });
    expect(calls).toBe(1);
  });

  it("an option passed as undefined keeps its default (the adapters pass their tuning through as is)", async () => {
    let calls = 0;
    const url = await listen(
      http.createServer((_q, r) => {
        calls++;
        r.writeHead(calls < 3 ? 502 : 200, { "content-type": "application/json" }).end("{}");
      }),
      "http",
    );
    const res = await remoteJson(`${url}/x`, { remoteName: "Jira", retries: undefined, timeoutMs: undefined });
    expect(res.status).toBe(200);
    expect(calls).toBe(3); // the default retries, not 0 or NaN
  });
});

describe("helpers", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs("Wed, 02 Dec 2026 00:00:10 GMT", Date.parse("Wed, 02 Dec 2026 00:00:00 GMT"))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("backs off exponentially with jitter, capped at 8 s", () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const base = Math.min(8000, 500 * 2 ** attempt);
      const ms = backoffMs(attempt);
      expect(ms).toBeGreaterThanOrEqual(base / 2);
      expect(ms).toBeLessThanOrEqual(base);
    }
  });

  it("describes a URL without its query (it may carry a token)", () => {
    expect(describeUrl("https://acme.zendesk.com/api/v2/x.json?cursor=abc&token=t")).toBe(
      "https://acme.zendesk.com/api/v2/x.json",
    );
  });
});
