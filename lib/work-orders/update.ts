import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { syncRuns, workOrders } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { workOrderAdapterFor } from "../sync/adapters/registry";
import { upsertWorkOrders } from "../sync/engine";
import { RemoteError } from "../sync/remote-http";
import { toRunDto, type SyncRunDto } from "../sync/run-dto";
import { connectionOf, systemRowOrThrow } from "../sync/systems";
import type { StatusOption } from "../sync/types";
import { getWorkOrderOrThrow, type WorkOrderDto } from "./queries";
import type { updateExternalBody, updateWorkOrderBody } from "./schemas";

async function workOrderRowOrThrow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(workOrders).where(eq(workOrders.id, id)).limit(1);
  if (!row) throw new AppError("not_found", `No work order with id ${id}`);
  return row;
}

/** Our own fields (note, local assignee, tags); a sync never overwrites them. */
export async function updateLocalFields(
  id: number,
  body: z.output<typeof updateWorkOrderBody>,
  actor: Actor,
): Promise<WorkOrderDto> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(workOrders)
      .set({
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(body.local_assignee !== undefined ? { localAssignee: body.local_assignee || null } : {}),
        ...(body.tags !== undefined ? { tags: [...new Set(body.tags)] } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(workOrders.id, id))
      .returning({ id: workOrders.id, key: workOrders.externalKey });
    if (!row) throw new AppError("not_found", `No work order with id ${id}`);
    await writeAudit(tx, {
      actorUserId: actor.userId,
      actorLabel: actor.email,
      action: "work_order.updated",
      targetType: "work_order",
      targetId: String(id),
      details: { key: row.key, fields: Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined) },
    });
  });
  return getWorkOrderOrThrow(id);
}

/** The statuses the remote allows the work order to move to now (the push-back form's choices). */
export async function externalStatusOptions(id: number): Promise<StatusOption[]> {
  const row = await workOrderRowOrThrow(id);
  const db = await getDb();
  const system = await systemRowOrThrow(db, row.systemId);
  try {
    return await workOrderAdapterFor(connectionOf(system)).statusOptions(row.externalId, AbortSignal.timeout(30_000));
  } catch (e) {
    if (e instanceof RemoteError) throw new AppError("upstream_unavailable", e.message);
    throw e;
  }
}

/**
 * Seed 000's update_external: pushes a status and/or a comment to the remote through the adapter,
 * refreshes our row from the remote's answer, and logs it as a `manual` run (failed ones too).
 */
export async function updateExternal(
  id: number,
  body: z.output<typeof updateExternalBody>,
  actor: Actor,
): Promise<{ work_order: WorkOrderDto; run: SyncRunDto }> {
  const row = await workOrderRowOrThrow(id);
  const db = await getDb();
  const system = await systemRowOrThrow(db, row.systemId);
  const [run] = await db
    .insert(syncRuns)
    .values({
      systemId: system.id,
      systemName: system.name,
      syncType: "manual",
      trigger: "manual",
      status: "processing",
      startedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    })
    .returning();
  const started = performance.now();
  const adapter = workOrderAdapterFor(connectionOf(system));
  const what = [body.status ? `status → ${body.status}` : null, body.comment ? "a comment" : null].filter(Boolean).join(" and ");
  try {
    const fresh = await adapter.pushUpdate(row.externalId, body, AbortSignal.timeout(60_000));
    const written = await upsertWorkOrders(db, system.id, [fresh]);
    const [finished] = await db
      .update(syncRuns)
      .set({
        status: "success",
        totalCount: 1,
        successCount: 1,
        updatedCount: written.length,
        unchangedCount: 1 - written.length,
        requestCount: adapter.requestCount(),
        message: `${row.externalKey}: pushed ${what} by ${actor.email}`,
        details: { work_order_id: id, external_key: row.externalKey, ...body, comment: body.comment ? "(sent)" : undefined },
        completedAt: sql`now()`,
        durationMs: Math.round(performance.now() - started),
      })
      .where(eq(syncRuns.id, run!.id))
      .returning();
    await writeAudit(db, {
      actorUserId: actor.userId,
      actorLabel: actor.email,
      action: "work_order.pushed",
      targetType: "work_order",
      targetId: String(id),
      details: { key: row.externalKey, status: body.status ?? null, comment: body.comment !== undefined },
    });
    return { work_order: await getWorkOrderOrThrow(id), run: toRunDto(finished!) };
  } catch (e) {
    const message = e instanceof RemoteError ? e.message : "Internal error while pushing the change";
    await db
      .update(syncRuns)
      .set({
        status: "failed",
        totalCount: 1,
        failedCount: 1,
        requestCount: adapter.requestCount(),
        message: `${row.externalKey}: could not push ${what}: ${message}`.slice(0, 2000),
        errorDetail: e instanceof RemoteError ? JSON.stringify({ kind: e.kind, ...e.details }) : null,
        details: { work_order_id: id, external_key: row.externalKey },
        completedAt: sql`now()`,
        durationMs: Math.round(performance.now() - started),
      })
      .where(eq(syncRuns.id, run!.id));
    if (e instanceof RemoteError) {
      // The remote said no (a status it does not allow now) → 422; it could not be reached → 502.
      if (e.kind === "bad_request")
        throw new AppError("invalid_input", e.message, { fields: [{ path: "status", message: e.message }], run_id: run!.id });
      throw new AppError("upstream_unavailable", message, { run_id: run!.id });
    }
    throw e;
  }
}
