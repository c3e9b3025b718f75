import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { settings } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { getDb, type DbOrTx } from "../db";
import { getLogger } from "../logger";

/**
 * Settings the admins edit (project sync, time display, …): one row per key, validated by its zod
 * schema on the way in and on the way out. A stored value that no longer parses (an older shape) falls
 * back to the defaults for the fields it lacks rather than failing every page that reads it.
 */
export interface SettingDefinition<T extends Record<string, unknown>> {
  key: string;
  /** The full value; strict, so an unknown field is refused with its path. */
  schema: z.ZodType<T>;
  defaults: T;
}

export interface StoredSetting<T> {
  value: T;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function readSetting<T extends Record<string, unknown>>(
  def: SettingDefinition<T>,
  db?: DbOrTx,
): Promise<StoredSetting<T>> {
  db ??= await getDb();
  const [row] = await db.select().from(settings).where(eq(settings.key, def.key)).limit(1);
  if (!row) return { value: def.defaults, updatedAt: null, updatedBy: null };
  const parsed = def.schema.safeParse({ ...def.defaults, ...row.value });
  if (!parsed.success) {
    getLogger().warn({ key: def.key, issues: parsed.error.issues.slice(0, 3) }, "stored setting does not parse; using defaults");
    return { value: def.defaults, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }
  return { value: parsed.data, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/**
 * Saves a whole value (already validated by the caller's schema) and audits which fields changed, with
 * their old and new values — callers must not put secrets in a setting saved through here.
 */
export async function saveSetting<T extends Record<string, unknown>>(
  tx: DbOrTx,
  def: SettingDefinition<T>,
  value: T,
  actor: Actor,
): Promise<{ changed: string[] }> {
  const current = await readSetting(def, tx);
  const changed = Object.keys(value).filter(
    (k) => JSON.stringify(value[k]) !== JSON.stringify((current.value as Record<string, unknown>)[k]),
  );
  await tx
    .insert(settings)
    .values({ key: def.key, value, updatedBy: actor.userId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: actor.userId, updatedAt: sql`now()` } });
  await writeAudit(tx, {
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action: "settings.updated",
    targetType: "setting",
    targetId: def.key,
    details: {
      changed: Object.fromEntries(
        changed.map((k) => [k, { from: (current.value as Record<string, unknown>)[k] ?? null, to: value[k] }]),
      ),
    },
  });
  return { changed };
}
