import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { externalSystems, syncRuns, type ExternalSystemType } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { decryptSecret, encryptSecret } from "../crypto";
import { getDb, type DbOrTx } from "../db";
import { getEnv } from "../env";
import { AppError, isUniqueViolation } from "../errors";
import { createProjectLibraryAdapter } from "../projects/library/adapter";
import { projectSyncConfigView } from "../projects/sync-config";
import { workOrderAdapterFor } from "./adapters/registry";
import { cronProblem, nextRuns } from "./schedule";
import {
  settingsSchemaFor,
  workOrderSystemTypes,
  type CreateSystemBody,
  type UpdateSystemBody,
} from "./schemas";
import type { ConnectionCheck, SystemConnection } from "./types";

export type SystemRow = typeof externalSystems.$inferSelect;

/** A system as the API shows it: credentials only as "set or not", never their values. */
export interface SystemDto {
  id: number;
  name: string;
  type: ExternalSystemType;
  api_url: string;
  username: string | null;
  api_key_set: boolean;
  password_set: boolean;
  is_active: boolean;
  sync_interval: number;
  cron_expression: string | null;
  settings: Record<string, unknown>;
  /** `project_sync`: the project library follows the project-sync config's cron, shown in `cron`. */
  schedule: { kind: "interval" | "cron" | "project_sync"; cron?: string; next_runs: string[] };
  last_sync_at: string | null;
  last_sync_status: string | null;
  last_run: { id: number; status: string; started_at: string | null; completed_at: string | null; message: string | null } | null;
  running_run_id: number | null;
  created_at: string;
  updated_at: string;
}

const fieldError = (path: string, message: string) => new AppError("invalid_input", message, { fields: [{ path, message }] });

/**
 * Seed 000's curl example creates `{"name": "jira", …}` with no type: a name that says which product it
 * is decides the type; anything else must name it.
 */
function inferType(name: string): (typeof workOrderSystemTypes)[number] {
  const lower = name.toLowerCase();
  const matches = workOrderSystemTypes.filter((t) => lower.includes(t));
  if (matches.length === 1) return matches[0]!;
  throw fieldError("type", "Say which kind of system this is: type must be jira, zendesk or project_library (the name does not tell)");
}

function checkedSettings(type: ExternalSystemType, settings: Record<string, unknown> | undefined) {
  const schema = settingsSchemaFor[type as keyof typeof settingsSchemaFor];
  const parsed = schema.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ["settings", ...issue.path.map(String), ...(issue.code === "unrecognized_keys" ? [issue.keys[0]!] : [])].join(".");
    const message =
      issue.code === "unrecognized_keys"
        ? `Unknown setting for ${type}: ${issue.keys.join(", ")}${type === "jira" ? " (known: jql, project_key)" : " (none needed)"}`
        : issue.message;
    throw fieldError(path, message);
  }
  return parsed.data as Record<string, unknown>;
}

function checkedCron(expression: string | null | undefined): string | null | undefined {
  if (expression === undefined || expression === null) return expression;
  if (expression.trim() === "") return null;
  const problem = cronProblem(expression, getEnv().APP_TIMEZONE);
  if (problem) throw fieldError("cron_expression", problem);
  return expression.trim();
}

export async function createSystem(body: CreateSystemBody, actor: Actor): Promise<SystemDto> {
  const type = body.type ?? inferType(body.name);
  const values = {
    name: body.name,
    type,
    apiUrl: body.api_url,
    username: body.username ?? null,
    apiKeyEncrypted: body.api_key ? encryptSecret(body.api_key) : null,
    passwordEncrypted: body.password ? encryptSecret(body.password) : null,
    isActive: body.is_active ?? true,
    syncIntervalSeconds: body.sync_interval ?? 300,
    cronExpression: checkedCron(body.cron_expression) ?? null,
    settings: checkedSettings(type, body.settings),
  };
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    if (type === "project_library") await refuseSecondProjectLibrary(tx);
    const [created] = await tx.insert(externalSystems).values(values).returning().catch(nameTaken(body.name));
    await audit(tx, actor, "integration.system_created", created!, { type, api_url: created!.apiUrl });
    return created!;
  });
  return toSystemDto(row, null, null);
}

export async function updateSystem(id: number, body: UpdateSystemBody, actor: Actor): Promise<SystemDto> {
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const current = await systemRowOrThrow(tx, id, { forUpdate: true });
    if (body.type && body.type !== current.type) {
      throw fieldError("type", "The type of a system cannot change; create a new system instead");
    }
    const patch: Partial<typeof externalSystems.$inferInsert> = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.api_url !== undefined) patch.apiUrl = body.api_url;
    if (body.username !== undefined) patch.username = body.username;
    // Write-only secrets: left out → unchanged; "" or null → cleared; a value → replaced.
    if (body.api_key !== undefined) patch.apiKeyEncrypted = body.api_key ? encryptSecret(body.api_key) : null;
    if (body.password !== undefined) patch.passwordEncrypted = body.password ? encryptSecret(body.password) : null;
    if (body.is_active !== undefined) patch.isActive = body.is_active;
    if (body.sync_interval !== undefined) patch.syncIntervalSeconds = body.sync_interval;
    if (body.cron_expression !== undefined) patch.cronExpression = checkedCron(body.cron_expression) ?? null;
    if (body.settings !== undefined) patch.settings = checkedSettings(current.type, body.settings);
    // Another account or project makes the stored cursor meaningless: the next sync is a full one.
    if (patch.apiUrl !== undefined && patch.apiUrl !== current.apiUrl) patch.cursor = null;
    if (patch.settings !== undefined && JSON.stringify(patch.settings) !== JSON.stringify(current.settings)) patch.cursor = null;
    const [updated] = await tx
      .update(externalSystems)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(externalSystems.id, id))
      .returning()
      .catch(nameTaken(body.name ?? current.name));
    await audit(tx, actor, "integration.system_updated", updated!, {
      fields: Object.keys(body).filter((k) => body[k as keyof UpdateSystemBody] !== undefined),
    });
    return updated!;
  });
  return (await systemDtos([row]))[0]!;
}

/** Deletes a system and its work orders; its runs stay in the log under the system's name. */
export async function deleteSystem(id: number, actor: Actor): Promise<{ deleted: number; name: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await systemRowOrThrow(tx, id, { forUpdate: true });
    const running = await activeRunId(tx, id);
    if (running) {
      throw new AppError("conflict", `A sync of ${row.name} is running (run ${running}); delete it when the run has finished`, {
        running_run_id: running,
      });
    }
    await tx.delete(externalSystems).where(eq(externalSystems.id, id));
    await audit(tx, actor, "integration.system_deleted", row, { type: row.type });
    return { deleted: id, name: row.name };
  });
}

export async function setSystemActive(id: number, isActive: boolean, actor: Actor): Promise<SystemDto> {
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    await systemRowOrThrow(tx, id, { forUpdate: true });
    const [updated] = await tx
      .update(externalSystems)
      .set({ isActive, updatedAt: sql`now()` })
      .where(eq(externalSystems.id, id))
      .returning();
    await audit(tx, actor, isActive ? "integration.system_enabled" : "integration.system_disabled", updated!, {});
    return updated!;
  });
  return (await systemDtos([row]))[0]!;
}

export async function listSystems(): Promise<SystemDto[]> {
  const db = await getDb();
  const rows = await db.select().from(externalSystems).orderBy(asc(externalSystems.name));
  return systemDtos(rows);
}

/** The systems a scheduled or "sync all" run covers: active Jira and Zendesk systems, oldest first. */
export async function activeWorkOrderSystemIds(): Promise<number[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: externalSystems.id })
    .from(externalSystems)
    .where(and(eq(externalSystems.isActive, true), inArray(externalSystems.type, ["jira", "zendesk"])))
    .orderBy(externalSystems.id);
  return rows.map((r) => r.id);
}

export async function getSystemOrThrow(id: number): Promise<SystemDto> {
  const db = await getDb();
  return (await systemDtos([await systemRowOrThrow(db, id)]))[0]!;
}

/** Calls the remote with the stored credentials and says, in plain words, whether it works. */
export async function testSystemConnection(id: number): Promise<ConnectionCheck> {
  const db = await getDb();
  const row = await systemRowOrThrow(db, id);
  const signal = AbortSignal.timeout(30_000);
  if (row.type === "project_library") return createProjectLibraryAdapter(connectionOf(row)).testConnection(signal);
  return workOrderAdapterFor(connectionOf(row)).testConnection(signal);
}

/** Links name a project by the library's id alone, so there is one library (a unique index holds it too). */
async function refuseSecondProjectLibrary(tx: DbOrTx) {
  const [existing] = await tx
    .select({ name: externalSystems.name })
    .from(externalSystems)
    .where(eq(externalSystems.type, "project_library"))
    .limit(1);
  if (existing) {
    throw new AppError("conflict", `There is already a project library (${existing.name}); edit it instead of adding another`);
  }
}

export async function systemRowOrThrow(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<SystemRow> {
  const query = db.select().from(externalSystems).where(eq(externalSystems.id, id)).limit(1);
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found", `No external system with id ${id}`);
  return row;
}

/** The system as its adapter needs it, credentials decrypted in memory. */
export function connectionOf(row: SystemRow): SystemConnection {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    apiUrl: row.apiUrl,
    username: row.username,
    apiKey: row.apiKeyEncrypted ? decryptSecret(row.apiKeyEncrypted) : null,
    password: row.passwordEncrypted ? decryptSecret(row.passwordEncrypted) : null,
    settings: row.settings,
  };
}

export async function activeRunId(db: DbOrTx, systemId: number): Promise<number | null> {
  const [run] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.systemId, systemId),
        inArray(syncRuns.status, ["pending", "processing"]),
        sql`${syncRuns.syncType} <> 'manual'`,
      ),
    )
    .limit(1);
  return run?.id ?? null;
}

async function systemDtos(rows: SystemRow[]): Promise<SystemDto[]> {
  if (!rows.length) return [];
  const db = await getDb();
  // The project library runs on the project-sync config's cron (config center → Project sync).
  const projectSchedule = rows.some((r) => r.type === "project_library") ? await projectSyncSchedule() : null;
  const ids = rows.map((r) => r.id);
  // The newest run of each system, and any run still going.
  const lastRuns = await db
    .selectDistinctOn([syncRuns.systemId])
    .from(syncRuns)
    .where(and(inArray(syncRuns.systemId, ids), sql`${syncRuns.syncType} <> 'manual'`))
    .orderBy(syncRuns.systemId, desc(syncRuns.id));
  const byId = new Map(lastRuns.map((r) => [r.systemId, r]));
  return rows.map((row) => {
    const last = byId.get(row.id) ?? null;
    const running = last && (last.status === "pending" || last.status === "processing") ? last.id : null;
    return toSystemDto(row, last, running, row.type === "project_library" ? projectSchedule : null);
  });
}

async function projectSyncSchedule(): Promise<SystemDto["schedule"]> {
  const view = await projectSyncConfigView();
  return { kind: "project_sync", cron: view.effective_cron, next_runs: view.next_runs };
}

function toSystemDto(
  row: SystemRow,
  last: typeof syncRuns.$inferSelect | null,
  runningRunId: number | null,
  scheduleOverride: SystemDto["schedule"] | null = null,
): SystemDto {
  const env = getEnv();
  const upcoming =
    row.isActive && !scheduleOverride
      ? nextRuns(
          { intervalSeconds: row.syncIntervalSeconds, cronExpression: row.cronExpression },
          { from: new Date(), lastRunAt: row.lastSyncAt, timeZone: env.APP_TIMEZONE },
        )
      : [];
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    api_url: row.apiUrl,
    username: row.username,
    api_key_set: row.apiKeyEncrypted !== null,
    password_set: row.passwordEncrypted !== null,
    is_active: row.isActive,
    sync_interval: row.syncIntervalSeconds,
    cron_expression: row.cronExpression,
    settings: row.settings,
    schedule: scheduleOverride
      ? { ...scheduleOverride, next_runs: row.isActive ? scheduleOverride.next_runs : [] }
      : { kind: row.cronExpression ? "cron" : "interval", next_runs: upcoming.map((d) => d.toISOString()) },
    last_sync_at: row.lastSyncAt?.toISOString() ?? null,
    last_sync_status: row.lastSyncStatus,
    last_run: last
      ? {
          id: last.id,
          status: last.status,
          started_at: last.startedAt?.toISOString() ?? null,
          completed_at: last.completedAt?.toISOString() ?? null,
          message: last.message,
        }
      : null,
    running_run_id: runningRunId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const nameTaken = (name: string) => (e: unknown) => {
  if (isUniqueViolation(e)) throw fieldError("name", `A system named "${name}" already exists`);
  throw e;
};

/** Audit entries name the system and what changed, never a credential. */
function audit(tx: DbOrTx, actor: Actor, action: string, row: SystemRow, details: Record<string, unknown>) {
  return writeAudit(tx, {
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action,
    targetType: "external_system",
    targetId: String(row.id),
    details: { name: row.name, ...details },
  });
}
