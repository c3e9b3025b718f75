import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RemoteError } from "@/lib/sync/remote-http";
import type { SystemConnection } from "@/lib/sync/types";
import { createZendeskClient, zendeskAuthorization, zendeskBaseUrl } from "./client";

const decode = (header: string) => Buffer.from(header.replace(/^Basic /, ""), "base64").toString("utf8");

describe("zendeskAuthorization", () => {
  it("uses {email}/token with the API token as the password", () => {
    const header = zendeskAuthorization({ username: " agent@acme.com ", apiKey: "tok-123456", password: "pw" });
    expect(decode(header)).toBe("agent@acme.com/token:tok-123456");
    // Someone may have typed the /token suffix into the user name already.
    expect(
      decode(zendeskAuthorization({ username: "agent@acme.com/token", apiKey: "tok-123456", password: null })),
    ).toBe("agent@acme.com/token:tok-123456");
  });

  it("falls back to e-mail and password without an API token", () => {
    expect(decode(zendeskAuthorization({ username: "agent@acme.com", apiKey: null, password: "pw-secret" }))).toBe(
      "agent@acme.com:pw-secret",
    );
  });

  it("says what is missing as a credentials error", () => {
    for (const c of [
      { username: null, apiKey: "tok-123456", password: null },
      { username: "  ", apiKey: "tok-123456", password: null },
      { username: "agent@acme.com", apiKey: null, password: null },
    ]) {
      expect(() => zendeskAuthorization(c)).toThrow(RemoteError);
      try {
        zendeskAuthorization(c);
      } catch (e) {
        expect((e as RemoteError).kind).toBe("credentials");
      }
    }
  });
});

describe("zendeskBaseUrl", () => {
  it("drops trailing slashes and a pasted /api/v2", () => {
    expect(zendeskBaseUrl("https://acme.zendesk.com")).toBe("https://acme.zendesk.com");
    expect(zendeskBaseUrl(" https://acme.zendesk.com/// ")).toBe("https://acme.zendesk.com");
    expect(zendeskBaseUrl("https://acme.zendesk.com/api/v2/")).toBe("https://acme.zendesk.com");
  });

  it("refuses what is not an http(s) address", () => {
    expect(() => zendeskBaseUrl("acme.zendesk.com")).toThrow(/not a web address/);
    expect(() => zendeskBaseUrl("ftp://acme.zendesk.com")).toThrow(/must start with https:\/\//);
  });
});

describe("answers in a shape we do not know", () => {
  let server: http.Server | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  it("fails with invalid_response naming the field, and counts the request", async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ tickets: "not a list", end_of_stream: true }));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const connection: SystemConnection = {
      id: 1,
      name: "z",
      type: "zendesk",
      apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      username: "agent@acme.com",
      apiKey: "tok-123456",
      password: null,
      settings: {},
    };
    const client = createZendeskClient(connection);
    const error = await client.exportTickets({ startTime: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      kind: "invalid_response",
      message: "Zendesk answered the ticket export in a shape we do not know (tickets)",
    });
    expect(client.requestCount()).toBe(1);
  });
});
