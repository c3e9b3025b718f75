import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer, readBody } from "./wecom-sink";

/**
 * Stand-ins for the two SMS providers, each a real HTTP server on 127.0.0.1 (port 0).
 *
 * `startHttpSmsGateway`: our documented generic gateway. `POST /` (any path) with
 * `Authorization: Bearer {apiKey}` and a JSON body; answers 200 `{"id":"sms-1","status":"queued"}`,
 * 401 `{"error":"invalid api key"}` for a missing or wrong key, or whatever `failNext` queued.
 *
 * `startAliyunSmsSink`: Aliyun Dysmsapi as the official SDK (@alicloud/dysmsapi20170525 4.x over
 * @alicloud/openapi-core 1.x) reaches it: `POST /?PhoneNumbers=…&SignName=…&TemplateCode=…&TemplateParam=…`
 * with an empty body, the action in the `x-acs-action` header and an ACS3-HMAC-SHA256 `Authorization`
 * header carrying `Credential={AccessKeyId}`. The older RPC style (`Action=SendSms&AccessKeyId=…&Signature=…`
 * in the query or a form body) is read too. The signature is not verified, only recorded as present.
 * Answers like Aliyun: HTTP 200 `{"Code":"OK","Message":"OK","BizId","RequestId"}`; HTTP 200 with an
 * `isv.*` Code for business refusals (a number that is not a mainland mobile → isv.MOBILE_NUMBER_ILLEGAL,
 * TemplateParam that is not JSON → isv.INVALID_JSON_PARAM); 404 `InvalidAccessKeyId.NotFound` for an
 * AccessKeyId other than the configured one; any Code queued with `failNext`.
 */

// ---------------------------------------------------------------------------------------------------

export interface HttpSmsReceived {
  authorization: string | null;
  /** The JSON body (`null` when it was not JSON). */
  body: { to: string; sign_name: string; template_code: string; params: Record<string, string>; text: string } | null;
  status: number;
  ok: boolean;
}

export interface HttpFailure {
  status: number;
  /** Sent as Retry-After. */
  retryAfterSeconds?: number;
  /** The answer's body, JSON-encoded unless a string. */
  body?: unknown;
}

export interface HttpSmsGateway {
  /** `http://127.0.0.1:port/sms`. */
  url: string;
  /** Every request that arrived, in order, whatever it was answered. */
  received: HttpSmsReceived[];
  /** Answer the next `times` (default 1) authorised requests with this failure. */
  failNext(failure: HttpFailure & { times?: number }): void;
  close(): Promise<void>;
}

export async function startHttpSmsGateway(options: { apiKey: string }): Promise<HttpSmsGateway> {
  const received: HttpSmsReceived[] = [];
  const queue: HttpFailure[] = [];
  let sent = 0;

  const server = http.createServer(async (req, res) => {
    const text = await readBody(req);
    let body: HttpSmsReceived["body"] = null;
    try {
      body = JSON.parse(text) as HttpSmsReceived["body"];
    } catch {
      body = null;
    }
    const record: HttpSmsReceived = { authorization: req.headers.authorization ?? null, body, status: 200, ok: false };
    received.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      record.ok = status >= 200 && status < 300;
      const isText = typeof payload === "string";
      res
        .writeHead(status, { "content-type": isText ? "text/plain" : "application/json", ...headers })
        .end(isText ? payload : JSON.stringify(payload));
    };

    if (req.method !== "POST") return answer(405, { error: "method not allowed" });
    if (record.authorization !== `Bearer ${options.apiKey}`) return answer(401, { error: "invalid api key" });
    const failure = queue.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterSeconds !== undefined ? { "retry-after": String(failure.retryAfterSeconds) } : {};
      return answer(failure.status, failure.body ?? { error: `failure ${failure.status}` }, headers);
    }
    if (!body || typeof body.to !== "string" || typeof body.template_code !== "string") {
      return answer(400, { error: "to and template_code are required" });
    }
    answer(200, { id: `sms-${++sent}`, status: "queued" });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    failNext({ times = 1, ...failure }) {
      for (let i = 0; i < times; i++) queue.push(failure);
    },
    close: () => closeServer(server),
  };
}

// ---------------------------------------------------------------------------------------------------

export interface AliyunSmsReceived {
  /** `SendSms` (from `x-acs-action` or the `Action` parameter). */
  action: string | null;
  /** From the ACS3 `Authorization: … Credential=…` or the `AccessKeyId` parameter. */
  accessKeyId: string | null;
  /** A signature was sent (`ACS3-HMAC-SHA256` header or `Signature` parameter); never checked. */
  signature: "ACS3-HMAC-SHA256" | "HMAC-SHA1" | null;
  phoneNumbers: string | null;
  signName: string | null;
  templateCode: string | null;
  /** TemplateParam parsed as JSON; the raw string when it is not JSON. */
  templateParam: unknown;
  /** Every parameter as sent (query and form body). */
  params: Record<string, string>;
  status: number;
  code: string;
  ok: boolean;
}

export interface AliyunFailure {
  code: string;
  message?: string;
  /** Default: 200 for `isv.*` (Aliyun's business refusals), 404 for `*.NotFound`, 503 for `ServiceUnavailable`, else 400. */
  status?: number;
}

export interface AliyunSmsSink {
  /** `http://127.0.0.1:port`, for `SmsConfig.endpoint`. */
  endpoint: string;
  /** The same as `endpoint`. */
  url: string;
  received: AliyunSmsReceived[];
  /** Answer the next `times` (default 1) requests with this Code (e.g. isv.BUSINESS_LIMIT_CONTROL, Throttling.User). */
  failNext(failure: AliyunFailure & { times?: number }): void;
  close(): Promise<void>;
}

const ALIYUN_MESSAGES: Record<string, string> = {
  "isv.MOBILE_NUMBER_ILLEGAL": "非法手机号",
  "isv.INVALID_JSON_PARAM": "JSON参数不合法，只接受字符串值",
  "isv.BUSINESS_LIMIT_CONTROL": "触发分钟级流控Permits:1",
  "isv.SMS_TEMPLATE_ILLEGAL": "该账号下找不到对应模板",
  "InvalidAccessKeyId.NotFound": "Specified access key is not found.",
  SignatureDoesNotMatch: "Specified signature is not matched with our calculation.",
  "Throttling.User": "Request was denied due to user flow control.",
  ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
};

function defaultStatus(code: string): number {
  if (code === "OK" || code.startsWith("isv.")) return 200;
  if (code.endsWith(".NotFound")) return 404;
  if (code === "ServiceUnavailable") return 503;
  return 400;
}

export async function startAliyunSmsSink(options: { accessKeyId: string }): Promise<AliyunSmsSink> {
  const received: AliyunSmsReceived[] = [];
  const queue: AliyunFailure[] = [];
  let sent = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const text = await readBody(req);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
      Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
    }
    const authorization = req.headers.authorization ?? "";
    const acs3 = /^ACS3-HMAC-SHA256 Credential=([^,]*),.*Signature=\w+/.exec(authorization);
    let templateParam: unknown = params.TemplateParam ?? null;
    let paramIsJson = true;
    if (typeof templateParam === "string") {
      try {
        templateParam = JSON.parse(templateParam);
      } catch {
        paramIsJson = false;
      }
    }
    const record: AliyunSmsReceived = {
      action: (req.headers["x-acs-action"] as string | undefined) ?? params.Action ?? null,
      accessKeyId: acs3?.[1] ?? params.AccessKeyId ?? null,
      signature: acs3 ? "ACS3-HMAC-SHA256" : params.Signature ? "HMAC-SHA1" : null,
      phoneNumbers: params.PhoneNumbers ?? null,
      signName: params.SignName ?? null,
      templateCode: params.TemplateCode ?? null,
      templateParam,
      params,
      status: 200,
      code: "OK",
      ok: false,
    };
    received.push(record);
    const requestId = randomUUID().toUpperCase();
    const answer = (code: string, status = defaultStatus(code), message = ALIYUN_MESSAGES[code] ?? code) => {
      record.status = status;
      record.code = code;
      record.ok = code === "OK";
      const body =
        code === "OK"
          ? {
              Code: "OK",
              Message: "OK",
              BizId: `${Date.now()}${String(++sent).padStart(6, "0")}^0`,
              RequestId: requestId,
            }
          : {
              Code: code,
              Message: message,
              RequestId: requestId,
              ...(status === 200 ? {} : { HostId: "dysmsapi.aliyuncs.com", Recommend: "" }),
            };
      res.writeHead(status, { "content-type": "application/json;charset=utf-8" }).end(JSON.stringify(body));
    };

    if (record.accessKeyId !== options.accessKeyId) return answer("InvalidAccessKeyId.NotFound");
    if (!record.signature) return answer("MissingSignature", 400, "Signature is mandatory for this action.");
    if (record.action !== "SendSms")
      return answer("InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method.");
    const failure = queue.shift();
    if (failure) return answer(failure.code, failure.status, failure.message);
    if (!record.phoneNumbers) return answer("MissingPhoneNumbers", 400, "PhoneNumbers is mandatory for this action.");
    if (!record.phoneNumbers.split(",").every((n) => /^(\+?86|0086)?1[3-9]\d{9}$/.test(n.trim())))
      return answer("isv.MOBILE_NUMBER_ILLEGAL");
    if (!paramIsJson) return answer("isv.INVALID_JSON_PARAM");
    answer("OK");
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    received,
    failNext({ times = 1, ...failure }) {
      for (let i = 0; i < times; i++) queue.push(failure);
    },
    close: () => closeServer(server),
  };
}
