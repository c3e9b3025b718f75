/**
 * `npm test`: everything CI checks, in order, stopping at the first failure.
 *   1. lint (incl. the import-direction rule)   2. type check
 *   3. unit + database tests on embedded PGlite
 *   4. database tests again on PostgreSQL, when DATABASE_URL points at one
 *   5. production build + Playwright end-to-end tests in Chromium
 * Flags: --skip-e2e, --only <step> (lint|types|unit|postgres|e2e).
 */
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const skipE2e = args.includes("--skip-e2e");
const postgresUrl = process.env.DATABASE_URL;

function run(step: string, title: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env) {
  if (only && only !== step) return;
  const started = Date.now();
  console.log(`\n━━ ${title} ━━  ${command} ${commandArgs.join(" ")}`);
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${seconds}s)`);
}

const withoutDatabaseUrl = { ...process.env };
delete withoutDatabaseUrl.DATABASE_URL;

run("lint", "Lint", "npx", ["eslint", "."]);
run("types", "Type check", "npx", ["tsc", "--noEmit", "-p", "."]);
run("unit", "Unit and database tests (PGlite)", "npx", ["vitest", "run"], withoutDatabaseUrl);
if (postgresUrl) {
  run("postgres", "Database tests (PostgreSQL)", "npx", ["vitest", "run", ".db.test."], process.env);
} else if (!only) {
  console.log("\n(DATABASE_URL is not set: database tests ran on PGlite only. .ci/run also runs them on PostgreSQL.)");
}
if (!skipE2e) {
  const e2eEnv = { ...withoutDatabaseUrl, NEXT_DIST_DIR: ".next-e2e" };
  run("e2e", "Production build for end-to-end tests", "npx", ["next", "build"], e2eEnv);
  run("e2e", "End-to-end tests (Chromium)", "npx", ["playwright", "test", "-c", "e2e"], e2eEnv);
}
console.log("\nAll checks passed.");
