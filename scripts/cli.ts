/**
 * `npm run cli -- <command>`: management commands. Each command has --help.
 * Later issues add commands here (sync, cleanup…); each one is a thin call into lib/.
 */
import { parseArgs } from "node:util";
import { loadProjectEnv } from "./load-env";

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: "string" | "boolean"; description: string; required?: boolean }>;
  run(values: Record<string, string | boolean | undefined>): Promise<void>;
}

const commands: Record<string, Command> = {
  "users create": {
    summary: "Create a staff account",
    usage: "users create --email <email> --name <name> --role <admin|agent|ops_manager|technician> --password <password>",
    options: {
      email: { type: "string", description: "Sign-in email (unique)", required: true },
      name: { type: "string", description: "Display name", required: true },
      role: { type: "string", description: "admin, agent, ops_manager or technician", required: true },
      password: { type: "string", description: "At least 8 characters", required: true },
    },
    async run(v) {
      const { createUser } = await import("@/lib/auth/users");
      const user = await createUser({ email: String(v.email), name: String(v.name), role: v.role as never, password: String(v.password) });
      console.log(`Created ${user.role} ${user.email} (${user.id})`);
    },
  },
  "tokens create": {
    summary: "Create an API token for a user (printed once, on the last line)",
    usage: "tokens create --email <user email> --name <label> [--expires-days <n>]",
    options: {
      email: { type: "string", description: "Whose token it is; it acts with that user's role", required: true },
      name: { type: "string", description: "A label to recognise it by", required: true },
      "expires-days": { type: "string", description: "Expire after n days (default and most: API_TOKEN_MAX_DAYS, 365)" },
    },
    async run(v) {
      const { findUserByEmailOrThrow } = await import("@/lib/auth/users");
      const { createApiToken } = await import("@/lib/auth/api-tokens");
      const user = await findUserByEmailOrThrow(String(v.email));
      const days = v["expires-days"] ? Number(v["expires-days"]) : undefined;
      const created = await createApiToken({ userId: user.id, name: String(v.name), expiresInDays: days }, "cli");
      console.log(`Token "${created.name}" for ${user.email} (${user.role}), expires ${created.expiresAt.toISOString()}.`);
      console.log("Store it now: it is not shown again. Use it as `Authorization: Bearer <token>`.");
      console.log(created.token);
    },
  },
  "tokens list": {
    summary: "List a user's API tokens (never the secrets)",
    usage: "tokens list --email <user email>",
    options: { email: { type: "string", description: "Whose tokens", required: true } },
    async run(v) {
      const { findUserByEmailOrThrow } = await import("@/lib/auth/users");
      const { listApiTokens } = await import("@/lib/auth/api-tokens");
      const user = await findUserByEmailOrThrow(String(v.email));
      const tokens = await listApiTokens(user.id);
      if (!tokens.length) console.log(`${user.email} has no API tokens.`);
      for (const t of tokens) {
        const state = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt < new Date() ? "expired" : "active";
        console.log(`${t.id}  ${t.prefix}…  ${state.padEnd(7)}  ${t.name}  last used ${t.lastUsedAt?.toISOString() ?? "never"}`);
      }
    },
  },
  "centers list": {
    summary: "List the service centers with their hotline",
    usage: "centers list",
    options: {},
    async run() {
      const { listCenters } = await import("@/lib/tickets/centers");
      for (const c of await listCenters())
        console.log(`${c.id}  ${(c.phone ?? "(no hotline)").padEnd(16)}  ${c.active ? "active  " : "inactive"}  ${c.name}`);
    },
  },
  "centers set-phone": {
    summary: "Set a service center's hotline (shown to customers as tap-to-call)",
    usage: 'centers set-phone --center <name or id> (--phone "021-5888-0001" | --clear)',
    options: {
      center: { type: "string", description: "The center's exact name or its id", required: true },
      phone: { type: "string", description: "Landline with area code, 400/800 number or mobile (5–15 digits)" },
      clear: { type: "boolean", description: "Remove the hotline instead" },
    },
    async run(v) {
      if ((v.phone === undefined) === (v.clear !== true)) throw new Error("Give either --phone <number> or --clear");
      const { setCenterPhone } = await import("@/lib/tickets/centers");
      const center = await setCenterPhone(String(v.center), v.clear === true ? null : String(v.phone));
      console.log(`${center.name}: hotline ${center.phone ?? "removed"}.`);
    },
  },
  sync: {
    summary: "Sync work orders now, show the sync status, or clean old sync logs (seed 000's sync_work_orders)",
    usage: "sync --all | --system-id <id> | --status | --clean-logs [--days 30]",
    options: {
      all: { type: "boolean", description: "Sync every active system, one after another" },
      "system-id": { type: "string", description: "Sync this system (active or not)" },
      status: { type: "boolean", description: "List the systems with their schedule, last run and running runs" },
      "clean-logs": { type: "boolean", description: "Delete finished sync runs older than --days" },
      days: { type: "string", description: "With --clean-logs: the age in days (default SYNC_LOG_RETENTION_DAYS, 30)" },
    },
    async run(v) {
      const { runSyncCommand } = await import("./sync-command");
      process.exitCode = await runSyncCommand({
        all: v.all === true,
        systemId: v["system-id"] === undefined ? undefined : String(v["system-id"]),
        status: v.status === true,
        cleanLogs: v["clean-logs"] === true,
        days: v.days === undefined ? undefined : String(v.days),
      });
    },
  },
};

function printHelp() {
  console.log("Usage: npm run cli -- <command> [options]\n\nCommands:");
  for (const [name, c] of Object.entries(commands)) console.log(`  ${name.padEnd(16)} ${c.summary}`);
  console.log("\nRun `npm run cli -- <command> --help` for a command's options.");
}

function printCommandHelp(name: string, c: Command) {
  console.log(`${c.summary}\n\nUsage: npm run cli -- ${c.usage}\n\nOptions:`);
  for (const [opt, o] of Object.entries(c.options)) console.log(`  --${opt.padEnd(14)} ${o.description}${o.required ? " (required)" : ""}`);
}

async function main(argv: string[]) {
  // Two-word commands (`users create`) and one-word ones (`sync`).
  const name = commands[argv.slice(0, 2).join(" ")] ? argv.slice(0, 2).join(" ") : (argv[0] ?? "");
  const command = commands[name];
  if (!command) {
    if (argv.length && !argv[0]!.startsWith("-") && !["help"].includes(argv[0]!)) console.error(`Unknown command: ${argv.join(" ")}\n`);
    printHelp();
    process.exitCode = argv.length && !["--help", "-h", "help"].includes(argv[0]!) ? 1 : 0;
    return;
  }
  const rest = argv.slice(name.split(" ").length);
  if (rest.includes("--help") || rest.includes("-h")) return printCommandHelp(name, command);
  const { values } = parseArgs({ args: rest, options: Object.fromEntries(Object.entries(command.options).map(([k, o]) => [k, { type: o.type }])), strict: true });
  const missing = Object.entries(command.options).filter(([k, o]) => o.required && values[k] === undefined).map(([k]) => `--${k}`);
  if (missing.length) {
    console.error(`Missing ${missing.join(", ")}\n`);
    printCommandHelp(name, command);
    process.exitCode = 1;
    return;
  }
  loadProjectEnv();
  const { shutdownApp } = await import("@/lib/shutdown");
  try {
    await command.run(values as Record<string, string | boolean | undefined>);
  } finally {
    await shutdownApp();
  }
}

main(process.argv.slice(2)).catch(async (e) => {
  const { ZodError } = await import("zod");
  if (e instanceof ZodError) console.error(e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  else console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
