/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
import { loadProjectEnv } from "./load-env";

loadProjectEnv();
const { getEnv } = await import("@/lib/env");
const { migrateDatabase } = await import("@/db/migrate");
const env = getEnv();
try {
  await migrateDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DATA_DIR });
  console.log(`Migrations applied to ${env.DATABASE_URL ? "PostgreSQL" : `the embedded database at ${env.PGLITE_DATA_DIR}`}.`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
