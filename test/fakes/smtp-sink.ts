import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

/**
 * A mail server that keeps what it is sent: smtp-server on 127.0.0.1, port 0, plain SMTP (STARTTLS not
 * offered, so a client with `secure: false` talks plain). With `user`/`password` set, AUTH PLAIN/LOGIN is
 * required before MAIL FROM (530 otherwise) and wrong credentials get 535; without them, anyone may send,
 * with or without logging in.
 * `failNext` makes the next RCPT TO answer a given code: 550 (no such mailbox) or 451 (try later).
 */

export interface SmtpSinkOptions {
  user?: string;
  password?: string;
}

export interface ReceivedMail {
  /** The envelope, as MAIL FROM / RCPT TO gave it. */
  from: string | null;
  to: string[];
  /** The user that authenticated, or null. */
  user: string | null;
  subject: string | null;
  /** The text part, and the HTML part when there was one. */
  text: string | null;
  html: string | null;
  /** The From header as the client wrote it (`ServiceHub <noreply@example.com>`). */
  fromHeader: string | null;
  /** The whole message as it came over DATA. */
  raw: string;
}

export interface SmtpFailure {
  code: 550 | 451 | number;
  message?: string;
}

export interface SmtpSink {
  host: "127.0.0.1";
  port: number;
  /** `smtp://127.0.0.1:port`. */
  url: string;
  /** Every message accepted, in order. */
  received: ReceivedMail[];
  /** Every AUTH attempt: the user name and whether it was accepted (never the password). */
  authAttempts: { user: string | null; ok: boolean }[];
  /** Answer the next `times` (default 1) RCPT TO commands with this code. */
  failNext(failure: SmtpFailure & { times?: number }): void;
  close(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const authAttempts: SmtpSink["authAttempts"] = [];
  const queue: SmtpFailure[] = [];
  const requireAuth = options.user !== undefined;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: !requireAuth,
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = !requireAuth || (auth.username === options.user && auth.password === options.password);
      authAttempts.push({ user: auth.username ?? null, ok });
      if (!ok) return callback(Object.assign(new Error("Authentication credentials invalid"), { responseCode: 535 }));
      callback(null, { user: auth.username });
    },
    onRcptTo(_address, _session, callback) {
      const failure = queue.shift();
      if (!failure) return callback();
      const message =
        failure.message ?? (failure.code >= 500 ? "Mailbox unavailable" : "Requested action aborted: try again later");
      callback(Object.assign(new Error(message), { responseCode: failure.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", callback);
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        try {
          const parsed = await simpleParser(raw);
          const mailFrom = session.envelope.mailFrom;
          received.push({
            from: mailFrom ? mailFrom.address : null,
            to: session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address),
            user: typeof session.user === "string" ? session.user : null,
            subject: parsed.subject ?? null,
            text: parsed.text ?? null,
            html: typeof parsed.html === "string" ? parsed.html : null,
            fromHeader: headerLine(parsed.headerLines, "from"),
            raw,
          });
          callback(null, `OK: queued as sink-${received.length}`);
        } catch (e) {
          callback(e as Error);
        }
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    authAttempts,
    failNext({ times = 1, ...failure }) {
      for (let i = 0; i < times; i++) queue.push(failure);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header as the client wrote it, unfolded, without its name. */
function headerLine(lines: readonly { key: string; line: string }[], key: string): string | null {
  const found = lines.find((l) => l.key === key);
  return found
    ? found.line
        .slice(found.line.indexOf(":") + 1)
        .replace(/\r?\n\s+/g, " ")
        .trim()
    : null;
}
