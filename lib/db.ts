import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { openDatabase, type Db, type DbOrTx, type OpenDatabase } from "@/db/client";
import { getEnv } from "./env";

export type { Db, DbOrTx, Tx } from "@/db/client";

/**
 * The process-wide database. Kept on globalThis so `next dev` module reloads reuse one connection
 * pool (and one PGlite instance, which must never be opened twice).
 */
const holder = globalThis as unknown as { __servicehubDb?: Promise<OpenDatabase> };

export function getDb(): Promise<Db> {
  holder.__servicehubDb ??= openFromEnv();
  return holder.__servicehubDb.then((o) => o.db);
}

async function openFromEnv(): Promise<OpenDatabase> {
  const env = getEnv();
  if (env.DATABASE_URL) return openDatabase({ url: env.DATABASE_URL });
  // The embedded database migrates itself, so `npm run dev` and `next start` need no extra step.
  return openDatabase({ dataDir: env.PGLITE_DATA_DIR, migrate: true });
}

/** Tests and scripts hand in a database they opened themselves. */
export function installDatabase(opened: OpenDatabase): void {
  holder.__servicehubDb = Promise.resolve(opened);
}

export async function databaseKind(): Promise<OpenDatabase["kind"]> {
  holder.__servicehubDb ??= openFromEnv();
  return (await holder.__servicehubDb).kind;
}

export async function closeDb(): Promise<void> {
  const current = holder.__servicehubDb;
  holder.__servicehubDb = undefined;
  if (current) await (await current).close();
}

export async function pingDatabase(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** The rows of a raw statement on either driver (postgres.js answers an array, PGlite `{ rows }`). */
export async function executeRows<T extends Record<string, unknown>>(db: DbOrTx, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
