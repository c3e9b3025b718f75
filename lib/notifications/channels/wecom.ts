import "server-only";
import { describeUrl, retryAfterMs } from "@/lib/sync/remote-http";
import type { SendOutcome, WecomConfig, WecomMessage } from "./types";

/**
 * WeChat Work (企业微信) group bot: https://developer.work.weixin.qq.com/document/path/91770.
 * The bot answers HTTP 200 whatever happened; `errcode` says what did.
 */

const TIMEOUT_MS = 10_000;
const TEXT_MAX_BYTES = 2048;
/** 45009: over 20 messages a minute for this bot; the window is a minute. */
const RATE_LIMITED = 45009;

interface BotAnswer {
  errcode?: number;
  errmsg?: string;
}

export async function sendWecom(config: WecomConfig, message: WecomMessage): Promise<SendOutcome> {
  const key = webhookKey(config.webhookUrl);
  const sent = await post(config.webhookUrl, key, { msgtype: "markdown", markdown: { content: message.markdown } });
  if (!sent.ok || message.mentionMobiles.length === 0) return sent;

  // Markdown cannot @ anyone by mobile, so the mention is a second, short text message.
  const mention = await post(config.webhookUrl, key, {
    msgtype: "text",
    text: {
      content: truncateBytes(firstLine(message.markdown), TEXT_MAX_BYTES),
      mentioned_mobile_list: message.mentionMobiles,
    },
  });
  if (mention.ok) return sent;
  // The markdown is already in the group: a retry would post it twice, so the send stands and the
  // failed mention is only reported.
  return { ok: true, providerMessage: `${sent.providerMessage}; the @mention did not go out: ${mention.error}` };
}

async function post(url: string, key: string | null, body: unknown): Promise<SendOutcome> {
  const where = describeUrl(url);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (e) {
    return unreachable(e, where);
  }

  if (!response.ok) {
    const error = `The WeChat Work bot answered HTTP ${response.status} at ${where}`;
    if (response.status === 429) {
      const waitMs = retryAfterMs(response.headers.get("retry-after"));
      return {
        ok: false,
        retryable: true,
        ...(waitMs !== null ? { retryAfterSeconds: Math.ceil(waitMs / 1000) } : {}),
        error,
      };
    }
    // A 4xx from the webhook host means the URL is wrong (the bot itself refuses with errcodes).
    return { ok: false, retryable: response.status >= 500, error };
  }
  let answer: BotAnswer;
  try {
    answer = JSON.parse(text) as BotAnswer;
  } catch {
    return {
      ok: false,
      retryable: false,
      error: `${where} answered something that is not the WeChat Work bot (HTTP ${response.status}, not JSON)`,
    };
  }
  if (answer.errcode === 0) return { ok: true, providerMessage: answer.errmsg || "ok" };
  const said = scrub(`errcode ${answer.errcode ?? "missing"}${answer.errmsg ? `: ${answer.errmsg}` : ""}`, key);
  if (answer.errcode === RATE_LIMITED) {
    return {
      ok: false,
      retryable: true,
      retryAfterSeconds: 60,
      error: `The WeChat Work bot is over its 20 messages a minute (${said})`,
    };
  }
  return { ok: false, retryable: false, error: `The WeChat Work bot refused the message (${said})` };
}

/** No answer at all. `where` never carries the key: it is the URL without its query. */
function unreachable(e: unknown, where: string): SendOutcome {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? "";
  if (err.name === "TimeoutError")
    return {
      ok: false,
      retryable: true,
      error: `The WeChat Work bot did not answer within ${TIMEOUT_MS / 1000} s (${where})`,
    };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return { ok: false, retryable: false, error: `The TLS certificate of ${where} could not be verified (${code})` };
  }
  if (code === "ECONNREFUSED")
    return { ok: false, retryable: true, error: `Nothing is listening at ${where} (connection refused)` };
  if (code)
    return { ok: false, retryable: true, error: `The WeChat Work bot could not be reached at ${where} (${code})` };
  // No network code: the request never left (a malformed URL), so trying again repeats it.
  return {
    ok: false,
    retryable: false,
    error: `The WeChat Work webhook URL could not be used (${where}): ${err.cause?.message ?? err.message ?? String(e)}`,
  };
}

function webhookKey(url: string): string | null {
  try {
    return new URL(url).searchParams.get("key");
  } catch {
    return null;
  }
}

function scrub(text: string, key: string | null): string {
  return key && key.length >= 4 ? text.split(key).join("[redacted]") : text;
}

/** The markdown's first non-empty line as plain text: the heading, in practice. */
function firstLine(markdown: string): string {
  const line = markdown.split("\n").find((l) => l.trim() !== "") ?? "";
  return line
    .replace(/<[^>]*>/g, "")
    .replace(/^[\s#>]+/, "")
    .replace(/\*\*/g, "")
    .trim();
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let out = "";
  let bytes = 0;
  // By code point, so a multi-byte character is never cut in half.
  for (const ch of text) {
    const size = Buffer.byteLength(ch, "utf8");
    if (bytes + size > maxBytes - 3) break;
    out += ch;
    bytes += size;
  }
  return `${out}…`;
}
