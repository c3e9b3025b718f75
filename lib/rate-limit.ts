import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { rateLimitBuckets } from "@/db/schema";
import { getDb, type DbOrTx } from "./db";

/**
 * Fixed-window counter in the database, so the limit holds across every app instance.
 * Returns false once `limit` hits are used in the current window. `limit` 0 means unlimited.
 * Inside a caller's transaction (`db`), the hit counts only if that transaction commits.
 */
export async function consumeRateLimit(
  key: string,
  opts: { limit: number; windowSeconds: number },
  db?: DbOrTx,
): Promise<boolean> {
  if (opts.limit <= 0) return true;
  db ??= await getDb();
  const windowStart = currentWindowStart(opts.windowSeconds);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitBuckets.key, rateLimitBuckets.windowStart],
      set: { count: sql`${rateLimitBuckets.count} + 1` },
    })
    .returning({ count: rateLimitBuckets.count });
  return (row?.count ?? 1) <= opts.limit;
}

/** Whether `key` has room left in its current window, without using any of it (a look before costly work). */
export async function rateLimitAllows(key: string, opts: { limit: number; windowSeconds: number }): Promise<boolean> {
  if (opts.limit <= 0) return true;
  const db = await getDb();
  const [row] = await db
    .select({ count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(and(eq(rateLimitBuckets.key, key), eq(rateLimitBuckets.windowStart, currentWindowStart(opts.windowSeconds))));
  return (row?.count ?? 0) < opts.limit;
}

const currentWindowStart = (windowSeconds: number) => {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(Date.now() / windowMs) * windowMs);
};

/** Drops windows that ended long ago; run from the periodic tick. */
export async function pruneRateLimits(olderThanSeconds = 2 * 86_400): Promise<void> {
  const db = await getDb();
  await db
    .delete(rateLimitBuckets)
    .where(lt(rateLimitBuckets.windowStart, new Date(Date.now() - olderThanSeconds * 1000)));
}
