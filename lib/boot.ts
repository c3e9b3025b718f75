import "server-only";
import { getEnv } from "./env";
import { startInlineScheduler } from "./jobs/inline-scheduler";
import { getLogger } from "./logger";

/**
 * Server start-up (instrumentation.ts): validate the configuration first, so a production server with
 * a missing secret refuses to start and names the variable, then start the inline job clock.
 */
export function bootServer() {
  const env = getEnv(); // throws EnvError listing every missing or invalid variable
  if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
    getLogger().warn("DATABASE_URL is not set: running on the embedded PGlite database (one server process only)");
  }
  if (env.JOB_DRIVER === "inline") startInlineScheduler();
  getLogger().info({ database: env.DATABASE_URL ? "postgres" : "pglite", jobs: env.JOB_DRIVER }, "ServiceHub started");
}

/** A server that cannot run correctly should not run at all: print why and stop. */
export function bootServerOrExit() {
  try {
    bootServer();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
