/**
 * `npm run bench:notifications`: the notification delivery against a bare loop, on real PostgreSQL.
 *
 *  1. creates a fresh database (migrated), starts an SMS gateway in its own process that refuses 20 % of
 *     requests (scripts/bench/notifications-sink.ts), and configures it as the SMS channel;
 *  2. baseline: a bare loop renders the same 10,000 messages and posts them to the gateway, with the same
 *     concurrency (5, the SMS delivery function's) and retries (up to the same number of attempts);
 *  3. the product: 10,000 `notifications` rows (written beforehand, as the fan-out writes them) delivered
 *     by `deliverNotification` — claim, render from the saved template, send, settle — by 5 workers; rows
 *     that failed are retried in rounds until none is left. The product waits out its backoff (30 s and
 *     more) between attempts; here the bench moves each failed row's due time to now instead, so the
 *     figure is the work per message, not the wait (the bare loop does not wait either);
 *  4. checks at the gateway that every message arrived exactly once, on both sides;
 *  5. writes bench/results/notifications-<timestamp>.json and notifications-latest.md; exits 1 when the
 *     target (product throughput ≥ 0.5× the bare loop's) is missed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { Cleanup, runBenchmarkCli, step, wasInterrupted, withDatabase } from "./harness";

interface Options {
  adminUrl: string;
  messages: number;
  concurrency: number;
  keepDb: boolean;
  resultsDir: string;
}

const usage = `Usage: npm run bench:notifications -- [--messages 10000] [--concurrency 5] [--admin-url <postgres url>] [--keep-db]`;

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      messages: { type: "string" },
      concurrency: { type: "string" },
      "admin-url": { type: "string" },
      "keep-db": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return null;
  }
  const int = (name: string, raw: string | undefined, fallback: number) => {
    const value = raw === undefined ? fallback : Number(raw.replaceAll("_", ""));
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${raw})`);
    return value;
  };
  return {
    adminUrl: values["admin-url"] ?? process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    messages: int("messages", values.messages ?? process.env.BENCH_MESSAGES, 10_000),
    concurrency: int("concurrency", values.concurrency, 5),
    keepDb: Boolean(values["keep-db"]),
    resultsDir: "bench/results",
  };
}

const MAX_ATTEMPTS = 8;
const SINK_KEY = `bench-${randomBytes(8).toString("hex")}`;

interface SinkStats {
  requests: number;
  refused: number;
  delivered: number;
  delivered_twice: number;
}

async function startSink(cleanup: Cleanup): Promise<{ url: string; stats(): Promise<SinkStats>; reset(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/bench/notifications-sink.ts"], {
    env: { ...process.env, SINK_API_KEY: SINK_KEY },
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanup.add("stop the gateway", async () => void child.kill("SIGTERM"));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the gateway exited (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /LISTENING (\d+)/.exec(String(chunk));
      if (match) resolve(Number(match[1]));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/sms`,
    stats: async () => (await fetch(`${base}/stats`)).json() as Promise<SinkStats>,
    reset: async () => void (await fetch(`${base}/reset`, { method: "POST" })),
  };
}

/** `concurrency` workers taking items off one list until it is empty. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length && !wasInterrupted()) await work(items[next++]!);
    }),
  );
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(opts: Options, cleanup: Cleanup): Promise<number> {
  const dbName = `servicehub_bench_notifications_${Date.now()}`;
  const dbUrl = withDatabase(opts.adminUrl, dbName);
  Object.assign(process.env, {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    HASH_KEY: randomBytes(32).toString("base64url"),
    LINK_SIGNING_SECRET: randomBytes(32).toString("base64url"),
    DATABASE_URL: dbUrl,
    LOG_LEVEL: "silent",
    PUBLIC_BASE_URL: "https://hub.example.com",
  });
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`ServiceHub notification benchmark: ${opts.messages.toLocaleString("en")} SMS, concurrency ${opts.concurrency}, a gateway refusing 20 %`);
  console.log(`Machine: ${machine}`);

  step(`Database ${dbName}`);
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: () => {} });
  cleanup.add("admin connection", () => admin.end({ timeout: 5 }));
  await admin.unsafe(`create database ${dbName}`);
  cleanup.add(opts.keepDb ? "keep bench database" : "drop bench database", async () => {
    if (!opts.keepDb) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  });
  const { openDatabase } = await import("@/db/client");
  const { installDatabase, closeDb, getDb } = await import("@/lib/db");
  installDatabase(await openDatabase({ url: dbUrl, migrate: true }));
  cleanup.add("bench pool", () => closeDb());

  const { createUser, loadActor } = await import("@/lib/auth/users");
  const { saveChannelSettings } = await import("@/lib/notifications/channel-settings");
  const { deliverNotification } = await import("@/lib/notifications/delivery");
  const { defaultTemplates, renderTemplate, placeholdersIn } = await import("@/lib/notifications/templates");
  const { encryptSecret } = await import("@/lib/crypto");
  const { maskPhone } = await import("@/lib/tickets/phone");
  const { notifications } = await import("@/db/schema");
  const { eq, sql } = await import("drizzle-orm");

  step("Gateway and channel");
  const sink = await startSink(cleanup);
  const user = await createUser({ email: "bench@servicehub.local", name: "bench", role: "admin", password: randomBytes(12).toString("hex") });
  const actor = (await loadActor(user.id))!;
  await saveChannelSettings(
    {
      sms: { enabled: true, provider: "http", sign_name: "ServiceHub", url: sink.url, api_key: SINK_KEY },
      delivery: { max_attempts: MAX_ATTEMPTS, locale: "zh-CN" },
    },
    actor,
  );
  console.log(`  gateway at ${sink.url}; SMS channel configured (max ${MAX_ATTEMPTS} attempts)`);

  // The same 10,000 messages on both sides: the booking SMS with plausible values.
  const template = defaultTemplates.find((t) => t.event === "ticket.booked" && t.channel === "sms" && t.locale === "zh-CN")!;
  const messages = Array.from({ length: opts.messages }, (_, i) => {
    const phone = `138${String(i).padStart(8, "0")}`;
    const code = `TK261204${String(i).padStart(5, "0")}`;
    return {
      id: crypto.randomUUID(),
      phone,
      values: {
        customer_name: `客户${i}`,
        ticket_code: code,
        appliance: "油烟机",
        appointment_date: "2026-12-04",
        appointment_window: "14:00-16:00",
        tracking_link: `https://hub.example.com/s/${randomBytes(8).toString("base64url").slice(0, 10)}`,
      },
    };
  });

  step("Baseline: a bare loop posting the same messages");
  const bare = async (list = messages) => {
    await sink.reset();
    let attempts = 0;
    let gaveUp = 0;
    const started = performance.now();
    await pool(list, opts.concurrency, async (m) => {
      const text = renderTemplate(template.body, m.values);
      const params = Object.fromEntries(placeholdersIn(template.body).map((name) => [name, m.values[name as keyof typeof m.values] ?? ""]));
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        attempts++;
        const res = await fetch(sink.url, {
          method: "POST",
          headers: { authorization: `Bearer ${SINK_KEY}`, "content-type": "application/json", "idempotency-key": m.id },
          body: JSON.stringify({ id: m.id, to: m.phone, sign_name: "ServiceHub", template_code: "", params, text }),
        });
        await res.arrayBuffer();
        if (res.ok) return;
      }
      gaveUp++;
    });
    const ms = performance.now() - started;
    const stats = await sink.stats();
    return { ms: round(ms, 0), attempts, gave_up: gaveUp, per_second: round((list.length / ms) * 1000, 1), sink: stats };
  };
  // Warm-up (not reported): the loop's first second pays for compiling and opening connections.
  await bare(messages.slice(0, Math.min(500, messages.length)).map((m) => ({ ...m, id: crypto.randomUUID() })));
  const baselineBefore = await bare();
  console.log(`  ${baselineBefore.per_second} messages/s (${baselineBefore.attempts} requests, gateway: ${JSON.stringify(baselineBefore.sink)})`);

  step("Product: deliverNotification on the same messages as outbox rows");
  const db = await getDb();
  const rows = messages.map((m) => ({
    id: m.id,
    dedupeKey: `bench:${m.id}`,
    event: "ticket.booked",
    channel: "sms",
    locale: "zh-CN",
    subjectType: "ticket" as const,
    subjectRef: m.values.ticket_code,
    recipientRole: "customer",
    recipientName: m.values.customer_name,
    recipientMasked: maskPhone(m.phone),
    recipientEncrypted: encryptSecret(m.phone),
    valuesEncrypted: encryptSecret(JSON.stringify(m.values)),
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(notifications).values(rows.slice(i, i + 1000));
  await admin.unsafe(`vacuum analyze`).catch(() => {});
  console.log(`  ${rows.length.toLocaleString("en")} rows written (not timed)`);
  await sink.reset();
  let rounds = 0;
  const started = performance.now();
  let ids = messages.map((m) => m.id);
  while (ids.length && rounds < MAX_ATTEMPTS && !wasInterrupted()) {
    rounds++;
    await pool(ids, opts.concurrency, async (id) => void (await deliverNotification(id)));
    // The product would wait out the backoff here; the bench moves the clock instead (see the header).
    const failed = await db
      .update(notifications)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(notifications.status, "failed"))
      .returning({ id: notifications.id });
    ids = failed.map((r) => r.id);
  }
  const productMs = performance.now() - started;
  const counts = await countRows(dbUrl);
  const product = {
    ms: round(productMs, 0),
    rounds,
    rows: counts,
    per_second: round((opts.messages / productMs) * 1000, 1),
    sink: await sink.stats(),
  };
  console.log(`  ${product.per_second} rows/s in ${rounds} rounds (rows: ${JSON.stringify(product.rows)}, gateway: ${JSON.stringify(product.sink)})`);

  step("Baseline again (the machine's speed drifts)");
  const baselineAfter = await bare();
  console.log(`  ${baselineAfter.per_second} messages/s`);

  const baselineRate = (baselineBefore.per_second + baselineAfter.per_second) / 2;
  const ratio = round(product.per_second / baselineRate, 3);
  const checks = [
    { name: "product: every message delivered, none twice (at the gateway)", pass: product.sink.delivered === opts.messages && product.sink.delivered_twice === 0 && product.rows.sent === opts.messages },
    { name: "baseline: every message delivered, none twice (at the gateway)", pass: baselineBefore.sink.delivered === opts.messages && baselineBefore.sink.delivered_twice === 0 },
  ];
  const targets = [{ name: "product throughput ≥ 0.5× the bare loop's", value: ratio, limit: 0.5, pass: ratio >= 0.5 }];
  const report = {
    at: new Date().toISOString(),
    machine,
    messages: opts.messages,
    concurrency: opts.concurrency,
    refused_share: 0.2,
    max_attempts: MAX_ATTEMPTS,
    baseline: [baselineBefore, baselineAfter],
    product,
    checks,
    targets,
  };
  write(opts.resultsDir, report);
  console.table([...checks.map((c) => ({ name: c.name, result: c.pass ? "pass" : "FAIL" })), ...targets.map((t) => ({ name: t.name, result: `${t.value} (${t.pass ? "pass" : "FAIL"})` }))]);
  return checks.every((c) => c.pass) && targets.every((t) => t.pass) ? 0 : 1;
}

async function countRows(dbUrl: string) {
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ sent: number; dead: number; other: number; attempts: number }[]>`
      select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'dead')::int as dead,
             count(*) filter (where status not in ('sent', 'dead'))::int as other, coalesce(sum(attempts), 0)::int as attempts
        from notifications`;
    return row!;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function write(dir: string, report: {
  at: string;
  machine: string;
  messages: number;
  concurrency: number;
  baseline: { ms: number; attempts: number; per_second: number; sink: SinkStats }[];
  product: { ms: number; rounds: number; per_second: number; rows: { sent: number; dead: number; attempts: number }; sink: SinkStats };
  checks: { name: string; pass: boolean }[];
  targets: { name: string; value: number; limit: number; pass: boolean }[];
}) {
  fs.mkdirSync(dir, { recursive: true });
  // Only the latest run is kept (older runs are in git history).
  for (const f of fs.readdirSync(dir)) if (/^notifications-.*\.json$/.test(f)) fs.rmSync(path.join(dir, f));
  const stamp = report.at.replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(dir, `notifications-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const [before, after] = report.baseline;
  const md = [
    `# Notification benchmark (${report.at})`,
    "",
    `Machine: ${report.machine}. ${report.messages.toLocaleString("en")} SMS to an HTTP gateway in its own process that refuses a random 20 % of requests (503); concurrency ${report.concurrency}; PostgreSQL on the same machine.`,
    "",
    "| run | time | requests to the gateway | delivered (distinct) | delivered twice | messages/s |",
    "|---|---|---|---|---|---|",
    `| bare loop, before | ${(before!.ms / 1000).toFixed(1)} s | ${before!.sink.requests.toLocaleString("en")} | ${before!.sink.delivered.toLocaleString("en")} | ${before!.sink.delivered_twice} | ${before!.per_second} |`,
    `| product (deliverNotification, ${report.product.rounds} rounds) | ${(report.product.ms / 1000).toFixed(1)} s | ${report.product.sink.requests.toLocaleString("en")} | ${report.product.sink.delivered.toLocaleString("en")} | ${report.product.sink.delivered_twice} | ${report.product.per_second} |`,
    `| bare loop, after | ${(after!.ms / 1000).toFixed(1)} s | ${after!.sink.requests.toLocaleString("en")} | ${after!.sink.delivered.toLocaleString("en")} | ${after!.sink.delivered_twice} | ${after!.per_second} |`,
    "",
    "| check or target | measured | limit | result |",
    "|---|---|---|---|",
    ...report.checks.map((c) => `| ${c.name} | | | ${c.pass ? "pass" : "FAIL"} |`),
    ...report.targets.map((t) => `| ${t.name} | ${t.value} | ${t.limit} | ${t.pass ? "pass" : "FAIL"} |`),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "notifications-latest.md"), md);
  console.log(`\nResults: ${dir}/notifications-${stamp}.json and notifications-latest.md`);
}

await runBenchmarkCli({ parseOptions, main, stopping: "the gateway, dropping the bench database" });
