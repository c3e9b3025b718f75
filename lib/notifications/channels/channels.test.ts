import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startAliyunSmsSink,
  startHttpSmsGateway,
  type AliyunSmsSink,
  type HttpSmsGateway,
} from "@/test/fakes/sms-sinks";
import { startSmtpSink, type SmtpSink } from "@/test/fakes/smtp-sink";
import { startWecomSink, type WecomSink } from "@/test/fakes/wecom-sink";
import { sendEmail } from "./email";
import { sendSms } from "./sms";
import type { EmailConfig, SendOutcome, SmsConfig } from "./types";
import { sendWecom } from "./wecom";

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function failed(outcome: SendOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("sendWecom", () => {
  const KEY = "wk-5f1c9a7e-3b2d-4c8e-9f00-a1b2c3d4e5f6";
  let sink: WecomSink;
  beforeAll(async () => {
    sink = await startWecomSink({ key: KEY });
  });
  afterAll(() => sink.close());
  const since = () => {
    const start = sink.received.length;
    return () => sink.received.slice(start);
  };

  it("posts the markdown, then a text message that @-mentions the mobiles", async () => {
    const arrived = since();
    const outcome = await sendWecom(
      { webhookUrl: sink.url },
      {
        markdown: '## Ticket **T-42** assigned to you\n> Priority: <font color="warning">high</font>',
        mentionMobiles: ["13800138000", "13900139000"],
      },
    );
    expect(outcome).toEqual({ ok: true, providerMessage: "ok" });
    expect(arrived().map((r) => [r.key, r.ok, r.body])).toEqual([
      [
        KEY,
        true,
        {
          msgtype: "markdown",
          markdown: { content: '## Ticket **T-42** assigned to you\n> Priority: <font color="warning">high</font>' },
        },
      ],
      [
        KEY,
        true,
        {
          msgtype: "text",
          text: { content: "Ticket T-42 assigned to you", mentioned_mobile_list: ["13800138000", "13900139000"] },
        },
      ],
    ]);
  });

  it("sends only the markdown when nobody is to be mentioned", async () => {
    const arrived = since();
    expect((await sendWecom({ webhookUrl: sink.url }, { markdown: "# Hi", mentionMobiles: [] })).ok).toBe(true);
    expect(arrived().map((r) => r.body?.msgtype)).toEqual(["markdown"]);
  });

  it("keeps the mention text within 2048 bytes", async () => {
    const arrived = since();
    await sendWecom({ webhookUrl: sink.url }, { markdown: `# ${"工单".repeat(600)}`, mentionMobiles: ["13800138000"] });
    const text = arrived()[1]?.body as { text: { content: string } };
    expect(Buffer.byteLength(text.text.content, "utf8")).toBeLessThanOrEqual(2048);
    expect(text.text.content.startsWith("工单工单")).toBe(true);
  });

  it("45009 (over 20 a minute) is retryable after 60 s, after exactly one request", async () => {
    const arrived = since();
    sink.failNext(45009);
    const outcome = failed(
      await sendWecom({ webhookUrl: sink.url }, { markdown: "# Hi", mentionMobiles: ["13800138000"] }),
    );
    expect(outcome).toMatchObject({ retryable: true, retryAfterSeconds: 60 });
    expect(outcome.error).toContain("45009");
    expect(arrived()).toHaveLength(1);
  });

  it("93000 (a key the bot does not know) is not retryable and never shows the key", async () => {
    const wrongKey = "wk-0000aaaa-bbbb-cccc-dddd-eeeeffff0000";
    const outcome = failed(
      await sendWecom({ webhookUrl: sink.url.replace(KEY, wrongKey) }, { markdown: "# Hi", mentionMobiles: [] }),
    );
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("93000");
    expect(outcome.error).toContain("invalid webhook url");
    expect(outcome.error).not.toContain(wrongKey);
  });

  it("an errcode that echoes the key has it scrubbed", async () => {
    sink.failNext(40008, { errmsg: `invalid message type, hint: key=${KEY}` });
    const outcome = failed(await sendWecom({ webhookUrl: sink.url }, { markdown: "# Hi", mentionMobiles: [] }));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("40008");
    expect(outcome.error).not.toContain(KEY);
  });

  it("HTTP 429 is retryable with the Retry-After it sent", async () => {
    sink.failHttpNext(429, { retryAfterSeconds: 7 });
    const outcome = failed(await sendWecom({ webhookUrl: sink.url }, { markdown: "# Hi", mentionMobiles: [] }));
    expect(outcome).toMatchObject({ retryable: true, retryAfterSeconds: 7 });
    expect(outcome.error).not.toContain(KEY);
  });

  it("HTTP 500 is retryable, after exactly one request", async () => {
    const arrived = since();
    sink.failHttpNext(500);
    const outcome = failed(await sendWecom({ webhookUrl: sink.url }, { markdown: "# Hi", mentionMobiles: [] }));
    expect(outcome.retryable).toBe(true);
    expect(outcome.error).toContain("500");
    expect(outcome.error).not.toContain(KEY);
    expect(arrived()).toHaveLength(1);
  });

  it("a failed mention does not undo the markdown that went out", async () => {
    const arrived = since();
    sink.failNext(45009, { msgtype: "text" });
    const outcome = await sendWecom({ webhookUrl: sink.url }, { markdown: "# Hi", mentionMobiles: ["13800138000"] });
    // Failing the send would have the caller post the markdown a second time.
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.providerMessage).toContain("45009");
    expect(arrived().map((r) => [r.body?.msgtype, r.ok])).toEqual([
      ["markdown", true],
      ["text", false],
    ]);
  });

  it("connection refused is retryable and never shows the key", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/cgi-bin/webhook/send?key=${KEY}`;
    const outcome = failed(await sendWecom({ webhookUrl: url }, { markdown: "# Hi", mentionMobiles: [] }));
    expect(outcome.retryable).toBe(true);
    expect(outcome.error).toContain("connection refused");
    expect(outcome.error).not.toContain(KEY);
  });
});

describe("sendSms via Aliyun (the official SDK against a local sink)", () => {
  const ACCESS_KEY_ID = "LTAI5tTestAccessKeyId01";
  const SECRET = "s3cr3t-AccessKeySecret-9f8e7d6c5b4a";
  let sink: AliyunSmsSink;
  let config: Extract<SmsConfig, { provider: "aliyun" }>;
  beforeAll(async () => {
    sink = await startAliyunSmsSink({ accessKeyId: ACCESS_KEY_ID });
    config = {
      provider: "aliyun",
      signName: "服务中心",
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: SECRET,
      endpoint: sink.endpoint,
    };
  });
  afterAll(() => sink.close());
  const message = {
    to: "13800138000",
    templateCode: "SMS_123456789",
    params: { ticket: "T-42", name: "张三" },
    text: "工单 T-42 已分配给张三",
  };
  const since = () => {
    const start = sink.received.length;
    return () => sink.received.slice(start);
  };

  it("sends SendSms with the number, sign, template and params, signed with the key", async () => {
    const arrived = since();
    const outcome = await sendSms(config, message);
    expect(outcome.ok).toBe(true);
    const [got] = arrived();
    expect(got).toMatchObject({
      action: "SendSms",
      accessKeyId: ACCESS_KEY_ID,
      signature: "ACS3-HMAC-SHA256",
      phoneNumbers: "13800138000",
      signName: "服务中心",
      templateCode: "SMS_123456789",
      templateParam: { ticket: "T-42", name: "张三" },
      ok: true,
    });
    expect(outcome.ok && outcome.providerMessage).toMatch(/^\d+\^0$/);
    expect(JSON.stringify(got)).not.toContain(SECRET);
  });

  it("a refused number is not retryable and says Aliyun's code", async () => {
    const outcome = failed(await sendSms(config, { ...message, to: "12345" }));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("isv.MOBILE_NUMBER_ILLEGAL");
    expect(outcome.error).not.toContain(SECRET);
  });

  it("an unknown AccessKeyId (HTTP 404) is not retryable", async () => {
    const outcome = failed(await sendSms({ ...config, accessKeyId: "LTAI5tSomebodyElse" }, message));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("InvalidAccessKeyId.NotFound");
    expect(outcome.error).not.toContain(SECRET);
  });

  it("Aliyun's business limit and its throttling are retryable after 60 s", async () => {
    sink.failNext({ code: "isv.BUSINESS_LIMIT_CONTROL" });
    expect(failed(await sendSms(config, message))).toMatchObject({ retryable: true, retryAfterSeconds: 60 });
    sink.failNext({ code: "Throttling.User" });
    const throttled = failed(await sendSms(config, message));
    expect(throttled).toMatchObject({ retryable: true, retryAfterSeconds: 60 });
    expect(throttled.error).toContain("Throttling.User");
  });

  it("a template Aliyun does not know is not retryable", async () => {
    sink.failNext({ code: "isv.SMS_TEMPLATE_ILLEGAL" });
    const outcome = failed(await sendSms(config, message));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("isv.SMS_TEMPLATE_ILLEGAL");
  });

  it("HTTP 503 is retryable, and the SDK did not retry by itself", async () => {
    const arrived = since();
    sink.failNext({ code: "ServiceUnavailable" });
    const outcome = failed(await sendSms(config, message));
    expect(outcome.retryable).toBe(true);
    expect(outcome.error).toContain("ServiceUnavailable");
    expect(arrived()).toHaveLength(1);
  });

  it("connection refused is retryable", async () => {
    const outcome = failed(await sendSms({ ...config, endpoint: `http://127.0.0.1:${await closedPort()}` }, message));
    expect(outcome.retryable).toBe(true);
    expect(outcome.error).not.toContain(SECRET);
  });
});

describe("sendSms via the HTTP gateway", () => {
  const API_KEY = "gw-key-7c1f0e9d8b7a6c5d4e3f";
  let gateway: HttpSmsGateway;
  let config: Extract<SmsConfig, { provider: "http" }>;
  beforeAll(async () => {
    gateway = await startHttpSmsGateway({ apiKey: API_KEY });
    config = { provider: "http", signName: "ServiceHub", url: gateway.url, apiKey: API_KEY };
  });
  afterAll(() => gateway.close());
  const message = {
    to: "+8613800138000",
    templateCode: "ticket_assigned",
    params: { ticket: "T-42" },
    text: "Ticket T-42 is yours",
  };
  const since = () => {
    const start = gateway.received.length;
    return () => gateway.received.slice(start);
  };

  it("posts the documented body with the bearer key and answers the gateway's id", async () => {
    const arrived = since();
    const outcome = await sendSms(config, message);
    expect(outcome).toEqual({ ok: true, providerMessage: expect.stringMatching(/^sms-\d+$/) });
    expect(arrived()).toEqual([
      {
        authorization: `Bearer ${API_KEY}`,
        body: {
          to: "+8613800138000",
          sign_name: "ServiceHub",
          template_code: "ticket_assigned",
          params: { ticket: "T-42" },
          text: "Ticket T-42 is yours",
        },
        status: 200,
        ok: true,
      },
    ]);
  });

  it("any 2xx is a success; without a JSON id the status says it", async () => {
    gateway.failNext({ status: 202, body: "accepted" });
    expect(await sendSms(config, message)).toEqual({ ok: true, providerMessage: "HTTP 202" });
  });

  it("a wrong key (401) is not retryable and never shows the key", async () => {
    const wrong = "gw-key-wrong-0000111122223333";
    const outcome = failed(await sendSms({ ...config, apiKey: wrong }, message));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("401");
    expect(outcome.error).toContain("invalid api key");
    expect(outcome.error).not.toContain(wrong);
  });

  it("a 400 that echoes the key has it scrubbed", async () => {
    gateway.failNext({ status: 400, body: { error: `bad template for key ${API_KEY}` } });
    const outcome = failed(await sendSms(config, message));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("bad template");
    expect(outcome.error).not.toContain(API_KEY);
  });

  it("503 is retryable after exactly one request; 429 carries Retry-After", async () => {
    const arrived = since();
    gateway.failNext({ status: 503 });
    expect(failed(await sendSms(config, message)).retryable).toBe(true);
    expect(arrived()).toHaveLength(1);
    gateway.failNext({ status: 429, retryAfterSeconds: 30 });
    expect(failed(await sendSms(config, message))).toMatchObject({ retryable: true, retryAfterSeconds: 30 });
  });

  it("connection refused is retryable", async () => {
    const outcome = failed(await sendSms({ ...config, url: `http://127.0.0.1:${await closedPort()}/sms` }, message));
    expect(outcome.retryable).toBe(true);
    expect(outcome.error).toContain("connection refused");
  });
});

describe("sendEmail", () => {
  const PASSWORD = "smtp-pa55word-4e3d2c1b";
  let sink: SmtpSink;
  let config: EmailConfig;
  beforeAll(async () => {
    sink = await startSmtpSink({ user: "mailer", password: PASSWORD });
    config = {
      host: sink.host,
      port: sink.port,
      secure: false,
      user: "mailer",
      password: PASSWORD,
      from: "ServiceHub <noreply@example.com>",
    };
  });
  afterAll(() => sink.close());
  const message = {
    to: "agent@example.com",
    subject: "工单 T-42 已分配",
    text: "Ticket T-42 is yours.",
    html: "<p>Ticket <b>T-42</b> is yours.</p>",
  };

  it("logs in and delivers subject, text and html to the recipient", async () => {
    const before = sink.received.length;
    const outcome = await sendEmail(config, message);
    expect(outcome).toEqual({ ok: true, providerMessage: expect.stringMatching(/^250 /) });
    expect(sink.received.slice(before)).toEqual([
      expect.objectContaining({
        from: "noreply@example.com",
        to: ["agent@example.com"],
        user: "mailer",
        subject: "工单 T-42 已分配",
        text: "Ticket T-42 is yours.",
        html: "<p>Ticket <b>T-42</b> is yours.</p>",
        fromHeader: "ServiceHub <noreply@example.com>",
      }),
    ]);
    expect(sink.authAttempts.at(-1)).toEqual({ user: "mailer", ok: true });
  });

  it("550 (mailbox unavailable) is not retryable", async () => {
    sink.failNext({ code: 550 });
    const outcome = failed(await sendEmail(config, message));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("550");
  });

  it("451 (try later) is retryable", async () => {
    sink.failNext({ code: 451 });
    const outcome = failed(await sendEmail(config, message));
    expect(outcome.retryable).toBe(true);
    expect(outcome.error).toContain("451");
  });

  it("a wrong password (535) is not retryable and never shows the password", async () => {
    const wrong = "not-the-pa55word-0000";
    const outcome = failed(await sendEmail({ ...config, password: wrong }, message));
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toContain("535");
    expect(outcome.error).not.toContain(wrong);
    expect(outcome.error).not.toContain(Buffer.from(wrong).toString("base64"));
    expect(sink.authAttempts.at(-1)).toEqual({ user: "mailer", ok: false });
  });

  it("connection refused is retryable", async () => {
    const outcome = failed(await sendEmail({ ...config, port: await closedPort() }, message));
    expect(outcome.retryable).toBe(true);
    expect(outcome.error).not.toContain(PASSWORD);
  });
});
