import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/** Both drivers give the same query builder; services only ever see this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A statement can run on the database or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

export interface OpenDatabase {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export interface OpenOptions {
  /** postgres:// URL; without it the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder, or "memory://". */
  dataDir?: string;
  /** A migrated database image to start an in-memory PGlite from (tests clone one per file). */
  pgliteImage?: Blob;
  /** Apply pending migrations after opening. */
  migrate?: boolean;
  /** postgres.js pool size. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  if (options.url) return openPostgres(options.url, options);
  return openPglite(options);
}

/**
 * Session settings for every app connection. Many small queries: JIT compiling and parallel workers
 * cost more to start than they save. (The benchmark's SQL baseline uses the same.)
 */
export const postgresSessionSettings = { jit: "off", max_parallel_workers_per_gather: "0" } as const;

async function openPostgres(url: string, options: OpenOptions): Promise<OpenDatabase> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: options.poolSize ?? 10,
    onnotice: () => {},
    connection: postgresSessionSettings,
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  if (options.migrate) {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(drizzle(client), { migrationsFolder });
  }
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

async function openPglite(options: OpenOptions): Promise<OpenDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = options.dataDir ?? "memory://";
  const releaseLock = dataDir.startsWith("memory://") ? () => {} : lockDataDir(dataDir);
  try {
    const client = await PGlite.create({
      dataDir: options.pgliteImage ? undefined : dataDir,
      loadDataDir: options.pgliteImage,
      extensions: { pg_trgm },
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    if (options.migrate) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(drizzle(client), { migrationsFolder });
    }
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (e) {
    releaseLock();
    throw e;
  }
}

/**
 * PGlite does not lock its folder, and two processes writing one folder corrupt it. A pid file next
 * to the folder keeps a second process (a CLI while the dev server runs) out with a clear message.
 */
function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockFile = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedDatabaseBusyError(dir, holder);
      }
      fs.rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new EmbeddedDatabaseBusyError(dir, 0);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is open in another process (pid ${pid}). ` +
        "PGlite allows one process at a time: stop the other one (the dev server?) or set DATABASE_URL to use PostgreSQL.",
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}
