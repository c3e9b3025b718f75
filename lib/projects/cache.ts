import "server-only";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { projects, projectStatusChanges } from "@/db/schema";
import { encryptSecret, sha256Hex } from "../crypto";
import { executeRows, type DbOrTx, type Tx } from "../db";
import type { Emit } from "../jobs/outbox";
import { maskPhone } from "../tickets/phone";
import type { MappedProject, ProjectPerson, ProjectStatus } from "./types";

/**
 * Writing the project cache: the one path by which library data enters `projects`, for the sync and
 * for a view that asks the library itself. Status changes are found here, under row locks, so two
 * writers that see the same change (a scheduled sync and a customer's refresh) report it once.
 */

export interface StatusChange {
  changeId: number;
  projectId: string;
  oldStatus: ProjectStatus;
  newStatus: ProjectStatus;
  notified: boolean;
}

export interface WriteOptions {
  systemId: number | null;
  ttlMinutes: number;
  source: "sync" | "refresh";
  runId?: number | null;
  /** Whether a change asks for notifications (project-sync config: notify_on_change with channels). */
  notify: { enabled: boolean; channels: string[] };
}

export interface WriteResult {
  created: number;
  updated: number;
  unchanged: number;
  changes: StatusChange[];
}

/** What may be shown about a person: masked phone, masked e-mail. */
export interface ShownPerson {
  role: ProjectPerson["role"];
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

export interface CachedProjectData {
  fields: MappedProject["fields"];
  people: ShownPerson[];
}

export const maskEmail = (email: string) => {
  const [user = "", domain = ""] = email.split("@");
  return `${user.slice(0, 1)}***@${domain}`;
};

/**
 * Writes mapped projects (unique by id) and reports what changed. Locks the existing rows first, so the
 * old status compared against is the committed one; a project seen for the first time is not a change.
 * Each real change gets a status-history row and a `project/status.changed` event in the caller's
 * transaction, so a rolled-back page reports nothing and a page written twice reports once.
 */
export async function writeProjects(tx: Tx, emit: Emit, records: MappedProject[], opts: WriteOptions): Promise<WriteResult> {
  if (!records.length) return { created: 0, updated: 0, unchanged: 0, changes: [] };
  const existing = await tx
    .select({ id: projects.id, status: projects.status, contentHash: projects.contentHash })
    .from(projects)
    .where(inArray(projects.id, records.map((r) => r.id)))
    .orderBy(projects.id)
    .for("update");
  const before = new Map(existing.map((e) => [e.id, e]));
  const hashed = records.map((r) => ({ record: r, hash: projectContentHash(r) }));
  const changed = hashed.filter((h) => before.get(h.record.id)?.contentHash !== h.hash);
  const unchangedIds = hashed.filter((h) => before.get(h.record.id)?.contentHash === h.hash).map((h) => h.record.id);
  const ttl = sql`make_interval(mins => ${opts.ttlMinutes})`;

  if (changed.length) {
    const page = changed.map(({ record: r, hash }) => ({
      id: r.id,
      type: r.type,
      title: r.title,
      status: r.status,
      customer_name: r.customerName,
      phone_masked: r.phone ? maskPhone(r.phone) : null,
      data: shownData(r),
      contacts_encrypted: encryptSecret(JSON.stringify(contactsOf(r))),
      content_hash: hash,
      remote_updated_at: r.updatedAt.toISOString(),
    }));
    await executeRows(
      tx,
      sql`insert into ${projects} (id, system_id, type, title, status, customer_name, phone_masked, data,
            contacts_encrypted, content_hash, remote_updated_at, fetched_at, cached_at, expires_at)
          select p.id, ${opts.systemId}::int, p.type, p.title, p.status, p.customer_name, p.phone_masked, p.data,
            p.contacts_encrypted, p.content_hash, p.remote_updated_at, now(), now(), now() + ${ttl}
          from jsonb_to_recordset(${JSON.stringify(page)}::jsonb) as p(id text, type text, title text, status text,
            customer_name text, phone_masked text, data jsonb, contacts_encrypted text, content_hash text,
            remote_updated_at timestamptz)
          on conflict (id) do update set
            system_id = excluded.system_id, type = excluded.type, title = excluded.title, status = excluded.status,
            customer_name = excluded.customer_name, phone_masked = excluded.phone_masked, data = excluded.data,
            contacts_encrypted = excluded.contacts_encrypted, content_hash = excluded.content_hash,
            remote_updated_at = excluded.remote_updated_at, fetched_at = now(), cached_at = now(),
            expires_at = excluded.expires_at`,
    );
  }
  if (unchangedIds.length) {
    // Seen again as it was: the copy is confirmed current, nothing else is written.
    await tx
      .update(projects)
      .set({ cachedAt: sql`now()`, expiresAt: sql`now() + ${ttl}` })
      .where(inArray(projects.id, unchangedIds));
  }

  const statusMoves = changed.filter(({ record }) => {
    const old = before.get(record.id);
    return old !== undefined && old.status !== record.status;
  });
  const notified = opts.notify.enabled && opts.notify.channels.length > 0;
  const changes: StatusChange[] = [];
  if (statusMoves.length) {
    const rows = await tx
      .insert(projectStatusChanges)
      .values(
        statusMoves.map(({ record }) => ({
          projectId: record.id,
          fromStatus: before.get(record.id)!.status,
          toStatus: record.status,
          source: opts.source,
          runId: opts.runId ?? null,
          notified,
          remoteUpdatedAt: record.updatedAt,
        })),
      )
      .returning();
    for (const row of rows) {
      const record = statusMoves.find((m) => m.record.id === row.projectId)!.record;
      await emit({
        name: "project/status.changed",
        data: {
          changeId: row.id,
          projectId: record.id,
          projectType: record.type,
          title: record.title,
          from: row.fromStatus,
          to: row.toStatus,
          notify: notified,
          channels: notified ? opts.notify.channels : [],
          people: record.people.map((p) => ({ role: p.role, id: p.id, name: p.name })),
          source: opts.source,
          at: row.detectedAt.toISOString(),
        },
      });
      changes.push({ changeId: row.id, projectId: record.id, oldStatus: row.fromStatus, newStatus: row.toStatus, notified });
    }
  }
  const created = changed.filter((c) => !before.has(c.record.id)).length;
  return { created, updated: changed.length - created, unchanged: unchangedIds.length, changes };
}

/**
 * A listing of `types` ran to its end at `listedFrom`: every copy of those types it did not rewrite is
 * still current as of then (the library would have listed a change), so the copies are confirmed
 * without rewriting each one. Records that failed to map are left as they were.
 */
export async function confirmCachedProjects(
  db: DbOrTx,
  opts: { systemId: number; types: readonly string[]; listedFrom: Date; ttlMinutes: number; exceptIds: string[] },
): Promise<number> {
  const from = sql`${opts.listedFrom.toISOString()}::timestamptz`;
  const rows = await db
    .update(projects)
    .set({ cachedAt: from, expiresAt: sql`${from} + make_interval(mins => ${opts.ttlMinutes})` })
    .where(
      and(
        eq(projects.systemId, opts.systemId),
        inArray(projects.type, opts.types as (typeof projects.type.enumValues)[number][]),
        sql`${projects.cachedAt} < ${from}`,
        opts.exceptIds.length ? notInArray(projects.id, opts.exceptIds) : undefined,
      ),
    )
    .returning({ id: projects.id });
  return rows.length;
}

function shownData(r: MappedProject): CachedProjectData {
  return {
    fields: r.fields,
    people: r.people.map((p) => ({
      role: p.role,
      id: p.id,
      name: p.name,
      phone: p.phone ? maskPhone(p.phone) : null,
      email: p.email ? maskEmail(p.email) : null,
    })),
  };
}

/** The full contact details, sealed at rest; only the notifications open them. */
export interface ProjectContacts {
  phone: string | null;
  people: { role: ProjectPerson["role"]; id: string; phone: string | null; email: string | null }[];
}

function contactsOf(r: MappedProject): ProjectContacts {
  return { phone: r.phone, people: r.people.map((p) => ({ role: p.role, id: p.id, phone: p.phone, email: p.email })) };
}

/** What changes when the project changes in the library (key order fixed). */
export function projectContentHash(r: MappedProject): string {
  const fields = Object.fromEntries(Object.entries(r.fields).sort(([a], [b]) => a.localeCompare(b)));
  return sha256Hex(
    JSON.stringify([
      r.id,
      r.type,
      r.title,
      r.status,
      r.customerName,
      r.phone,
      r.updatedAt.toISOString(),
      fields,
      r.people.map((p) => [p.role, p.id, p.name, p.phone, p.email]),
    ]),
  );
}
