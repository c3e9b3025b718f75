/**
 * The server the end-to-end tests drive: a fresh embedded database with the demo data, then
 * `next start` on the build in NEXT_DIST_DIR (.next-e2e). Secrets are random per run.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";

const port = process.argv[2] ?? "3300";
// Its own folder per concurrent run (E2E_DATA_DIR): the embedded database must never be opened twice.
const root = process.env.E2E_DATA_DIR ?? "./data/e2e";
fs.rmSync(root, { recursive: true, force: true });

Object.assign(process.env, {
  NODE_ENV: "production",
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
  PGLITE_DATA_DIR: `${root}/pglite`,
  UPLOAD_ROOT: `${root}/uploads`,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  HASH_KEY: randomBytes(32).toString("base64url"),
  LINK_SIGNING_SECRET: randomBytes(32).toString("base64url"),
  LOG_LEVEL: "warn",
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
});
delete process.env.DATABASE_URL;

const { getDb } = await import("@/lib/db");
const { shutdownApp } = await import("@/lib/shutdown");
const { seedDemoData } = await import("@/lib/demo-data/seed");
await getDb();
await seedDemoData();
await shutdownApp();

const server = spawn("npm", ["start", "--", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env: process.env });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
