import "server-only";
import Dysmsapi, { SendSmsRequest } from "@alicloud/dysmsapi20170525";
import { $OpenApiUtil, type AlibabaCloudError } from "@alicloud/openapi-core";
import { RetryOptions, RuntimeOptions } from "@darabonba/typescript";
import { describeUrl, retryAfterMs } from "@/lib/sync/remote-http";
import type { SendOutcome, SmsConfig, SmsMessage } from "./types";

const TIMEOUT_MS = 10_000;
const DEFAULT_ALIYUN_ENDPOINT = "dysmsapi.aliyuncs.com";

export async function sendSms(config: SmsConfig, message: SmsMessage): Promise<SendOutcome> {
  return config.provider === "aliyun" ? sendAliyun(config, message) : sendHttpGateway(config, message);
}

// ---------------------------------------------------------------------------------------------------
// Aliyun Dysmsapi SendSms (https://help.aliyun.com/document_detail/419273.html), through the official SDK.

type AliyunConfig = Extract<SmsConfig, { provider: "aliyun" }>;

// Node's own ESM loader hands over a CommonJS module's `exports` as the default import; bundlers and
// vitest unwrap `exports.default`. Either way we want the client class.
const DysmsapiClient: typeof Dysmsapi = (Dysmsapi as unknown as { default?: typeof Dysmsapi }).default ?? Dysmsapi;

/** Aliyun's per-number/per-minute send limits and its API throttling: they lift within the minute. */
const ALIYUN_LIMITED = /^(isv\.BUSINESS_LIMIT_CONTROL|Throttling(\..*)?)$/;
/** Aliyun's own faults, whatever the HTTP status they came with. */
const ALIYUN_FAULT = /^(isp\.SYSTEM_ERROR|ServiceUnavailable|InternalError)$/;

async function sendAliyun(config: AliyunConfig, message: SmsMessage): Promise<SendOutcome> {
  const scrub = scrubber([config.accessKeySecret]);
  try {
    const client = new DysmsapiClient(
      new $OpenApiUtil.Config({
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        regionId: "cn-hangzhou",
        ...aliyunEndpoint(config.endpoint),
        readTimeout: TIMEOUT_MS,
        connectTimeout: TIMEOUT_MS,
        // The SDK only ever retries per this (RuntimeOptions.autoretry is not read by openapi-core 1.x);
        // null already means one attempt, said out loud so an SDK default change cannot add retries.
        retryOptions: new RetryOptions({ retryable: false, retryCondition: [], noRetryCondition: [] }),
      }),
    );
    const response = await client.sendSmsWithOptions(
      new SendSmsRequest({
        phoneNumbers: message.to,
        signName: config.signName,
        templateCode: message.templateCode,
        templateParam: JSON.stringify(message.params),
        // Aliyun's own field for the caller's id (echoed in delivery reports).
        ...(message.id && { outId: message.id }),
      }),
      new RuntimeOptions({ autoretry: false, maxAttempts: 1, readTimeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS }),
    );
    const body = response.body;
    if (body?.code === "OK") return { ok: true, providerMessage: body.bizId || "OK" };
    return aliyunRefusal(body?.code ?? "(no code)", body?.message ?? "", response.statusCode, scrub);
  } catch (e) {
    if (isAliyunError(e)) {
      // The SDK throws for HTTP 4xx/5xx; its message repeats the status and the request id, the body has the words.
      const said = (e.data as { Message?: string } | undefined)?.Message ?? e.message;
      return aliyunRefusal(e.code, said, e.statusCode, scrub);
    }
    const failed = transportFailure(e, "Aliyun SMS", config.endpoint ?? DEFAULT_ALIYUN_ENDPOINT);
    return { ...failed, error: scrub(failed.error) };
  }
}

function aliyunRefusal(
  code: string,
  said: string,
  status: number | undefined,
  scrub: (t: string) => string,
): SendOutcome {
  const error = scrub(
    `Aliyun SMS refused the message: ${code}${said ? ` (${said})` : ""}${status && status !== 200 ? `, HTTP ${status}` : ""}`,
  );
  if (ALIYUN_LIMITED.test(code)) return { ok: false, retryable: true, retryAfterSeconds: 60, error };
  if (ALIYUN_FAULT.test(code) || (status !== undefined && status >= 500)) return { ok: false, retryable: true, error };
  return { ok: false, retryable: false, error };
}

/** By name rather than instanceof: a second copy of openapi-core in node_modules would have its own classes. */
function isAliyunError(e: unknown): e is AlibabaCloudError {
  return (
    e instanceof Error &&
    ["AlibabaCloudError", "ClientError", "ServerError", "ThrottlingError"].includes(e.name) &&
    typeof (e as AlibabaCloudError).code === "string"
  );
}

/** `host`, `https://host` or `http://host:port` (a local sink): the SDK wants the host and the protocol apart. */
function aliyunEndpoint(endpoint: string | null): { endpoint: string; protocol: string } {
  const value = endpoint?.trim() || DEFAULT_ALIYUN_ENDPOINT;
  if (!/^https?:\/\//i.test(value)) return { endpoint: value, protocol: "https" };
  const url = new URL(value);
  return { endpoint: url.host, protocol: url.protocol === "http:" ? "http" : "https" };
}

// ---------------------------------------------------------------------------------------------------
// Our generic HTTP gateway (docs/notifications.md): one JSON POST with a bearer key.

type GatewayConfig = Extract<SmsConfig, { provider: "http" }>;

async function sendHttpGateway(config: GatewayConfig, message: SmsMessage): Promise<SendOutcome> {
  const scrub = scrubber([config.apiKey]);
  const where = describeUrl(config.url);
  let response: Response;
  let text: string;
  try {
    response = await fetch(config.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${config.apiKey}`,
        "content-type": "application/json",
        accept: "application/json",
        ...(message.id && { "idempotency-key": message.id }),
      },
      body: JSON.stringify({
        ...(message.id && { id: message.id }),
        to: message.to,
        sign_name: config.signName,
        template_code: message.templateCode,
        params: message.params,
        text: message.text,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (e) {
    const failed = transportFailure(e, "The SMS gateway", where);
    return { ...failed, error: scrub(failed.error) };
  }

  if (response.ok) return { ok: true, providerMessage: gatewayId(text) ?? `HTTP ${response.status}` };
  const excerpt = scrub(text.replace(/\s+/g, " ").trim()).slice(0, 200);
  const error = `The SMS gateway refused the message (HTTP ${response.status})${excerpt ? `: ${excerpt}` : ""}`;
  if (response.status === 429) {
    const waitMs = retryAfterMs(response.headers.get("retry-after"));
    return {
      ok: false,
      retryable: true,
      ...(waitMs !== null ? { retryAfterSeconds: Math.ceil(waitMs / 1000) } : {}),
      error,
    };
  }
  return { ok: false, retryable: response.status >= 500, error };
}

function gatewayId(text: string): string | null {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const field of ["id", "message"]) {
      const value = body[field];
      if (typeof value === "string" || typeof value === "number") return String(value).slice(0, 200);
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------

/** A request that got no answer: refused, reset, timed out, unknown host. Only a bad certificate is the user's to fix. */
function transportFailure(e: unknown, remote: string, where: string): Extract<SendOutcome, { ok: false }> {
  const err = e as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; name?: string; message?: string };
  };
  const code = err.cause?.code ?? err.code ?? "";
  if (err.name === "TimeoutError" || /Timeout/i.test(err.name ?? "") || err.cause?.name === "TimeoutError") {
    return { ok: false, retryable: true, error: `${remote} did not answer within ${TIMEOUT_MS / 1000} s (${where})` };
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return { ok: false, retryable: false, error: `The TLS certificate of ${where} could not be verified (${code})` };
  }
  if (code === "ECONNREFUSED")
    return { ok: false, retryable: true, error: `Nothing is listening at ${where} (connection refused)` };
  if (err.name === "SyntaxError") {
    // The SDK reads every answer as JSON; a proxy's HTML error page ends up here.
    return { ok: false, retryable: true, error: `${remote} sent an answer that is not JSON (${where})` };
  }
  if (code) return { ok: false, retryable: true, error: `${remote} could not be reached at ${where} (${code})` };
  // No network code: the request never left (a bad URL or value, an SDK complaint), so trying again repeats it.
  const detail = [err.message ?? String(e), err.cause?.message].filter(Boolean).join(": ");
  return { ok: false, retryable: false, error: `${remote} could not be used (${where}): ${detail}` };
}

function scrubber(secrets: string[]) {
  const list = secrets.filter((s) => s.length >= 4);
  return (text: string) => list.reduce((t, s) => t.split(s).join("[redacted]"), text);
}
