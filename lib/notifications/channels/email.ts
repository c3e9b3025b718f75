import "server-only";
import nodemailer from "nodemailer";
import type { EmailConfig, EmailMessage, SendOutcome } from "./types";

const TIMEOUT_MS = 10_000;
/** Network trouble before or between SMTP replies: the server may well be back later. */
const NETWORK_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPIPE"]);

export async function sendEmail(config: EmailConfig, message: EmailMessage): Promise<SendOutcome> {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      ...(message.id && { messageId: `<${message.id}@servicehub>` }),
    });
    return { ok: true, providerMessage: String(info.response ?? "sent").slice(0, 200) };
  } catch (e) {
    return failure(e, config);
  } finally {
    transport.close();
  }
}

function failure(e: unknown, config: EmailConfig): SendOutcome {
  const err = e as { code?: string; responseCode?: number; message?: string };
  const server = `The mail server ${config.host}:${config.port}`;
  const said = err.message?.trim() ?? String(e);
  const status = err.responseCode;
  // SMTP: 4xx is "not now" (greylisting, a full queue), 5xx is "never" (no such mailbox, bad login).
  if (status !== undefined && status >= 400) {
    return { ok: false, retryable: status < 500, error: scrub(`${server} refused the message: ${said}`, config) };
  }
  if (/certificate|self.signed|CERT_|SSL routines|wrong version number/i.test(said)) {
    // A TLS mismatch or a certificate we do not trust stays that way until someone changes the settings.
    return {
      ok: false,
      retryable: false,
      error: scrub(
        `${server} failed the TLS handshake (check the port and the TLS setting): ${said.split("\n")[0]}`,
        config,
      ),
    };
  }
  if (err.code && NETWORK_CODES.has(err.code)) {
    return { ok: false, retryable: true, error: scrub(`${server} could not be reached: ${said}`, config) };
  }
  return { ok: false, retryable: false, error: scrub(`Sending through ${server} failed: ${said}`, config) };
}

/** The password, and the base64 forms AUTH PLAIN/LOGIN put on the wire, in case a server echoes them. */
function scrub(text: string, config: EmailConfig): string {
  const secrets: string[] = [];
  if (config.password && config.password.length >= 4) {
    secrets.push(
      config.password,
      Buffer.from(config.password, "utf8").toString("base64"),
      Buffer.from(`\u0000${config.user ?? ""}\u0000${config.password}`, "utf8").toString("base64"),
    );
  }
  return secrets.reduce((t, s) => t.split(s).join("[redacted]"), text);
}
