import "server-only";
import { auditLog } from "@/db/schema";
import type { DbOrTx } from "./db";

export interface AuditEntry {
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log, inside the caller's transaction when given one. Never put secrets in details. */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, targetId: entry.targetId ?? null, details: entry.details ?? {} });
}
