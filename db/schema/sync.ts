import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Kinds of external system. Jira and Zendesk bring work orders; later issues add the other two. */
export const externalSystemTypes = ["jira", "zendesk", "project_library", "supplier"] as const;
export type ExternalSystemType = (typeof externalSystemTypes)[number];

/**
 * An external system we sync with (seed 000's WorkOrderSystem). Credentials are AES-GCM sealed
 * (lib/crypto.ts) and never leave the server; the API only says whether each is set. The schedule is an
 * interval in seconds, or a cron expression when one is set. `cursor` is where the next incremental
 * sync starts, committed together with each page.
 */
export const externalSystems = pgTable(
  "external_systems",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    type: text("type", { enum: externalSystemTypes }).notNull(),
    apiUrl: text("api_url").notNull(),
    username: text("username"),
    apiKeyEncrypted: text("api_key_encrypted"),
    passwordEncrypted: text("password_encrypted"),
    isActive: boolean("is_active").notNull().default(true),
    syncIntervalSeconds: integer("sync_interval_seconds").notNull().default(300),
    cronExpression: text("cron_expression"),
    /** Type settings: Jira `{ jql?, project_key? }`; Zendesk `{}`. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    cursor: jsonb("cursor").$type<Record<string, unknown>>(),
    lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
    lastSyncStatus: text("last_sync_status"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("external_systems_name_idx").on(sql`lower(${t.name})`),
    // One project library: customers' links name a project by the library's id alone.
    uniqueIndex("external_systems_one_project_library_idx")
      .on(t.type)
      .where(sql`${t.type} = 'project_library'`),
    check(
      "external_systems_type_check",
      sql`${t.type} in ('jira','zendesk','project_library','supplier')`,
    ),
    check("external_systems_interval_check", sql`${t.syncIntervalSeconds} between 60 and 604800`),
  ],
);

/** Our normalized work-order statuses; the remote's own status is kept beside it (`raw_status`). */
export const workOrderStatuses = ["open", "in_progress", "waiting", "resolved", "closed"] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];
export const workOrderPriorities = ["low", "normal", "high", "urgent"] as const;
export type WorkOrderPriority = (typeof workOrderPriorities)[number];

/**
 * A work order mirrored from an external system; unique per (system, external id). Remote fields are
 * overwritten by every sync that sees a changed `content_hash`; the local fields (note, local
 * assignee, tags) belong to us and are never touched by a sync.
 */
export const workOrders = pgTable(
  "work_orders",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    systemId: integer("system_id")
      .notNull()
      .references(() => externalSystems.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    externalKey: text("external_key").notNull(),
    externalUrl: text("external_url"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: workOrderStatuses }).notNull(),
    rawStatus: text("raw_status").notNull(),
    priority: text("priority", { enum: workOrderPriorities }),
    rawPriority: text("raw_priority"),
    assignee: text("assignee"),
    requester: text("requester"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    externalCreatedAt: timestamp("external_created_at", { withTimezone: true }),
    externalUpdatedAt: timestamp("external_updated_at", { withTimezone: true }),
    /** The remote record as received (for support and re-mapping), without anything secret. */
    raw: jsonb("raw").$type<Record<string, unknown>>().notNull(),
    /** sha256 of the mapped remote fields: an unchanged record is not rewritten. */
    contentHash: text("content_hash").notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the remote deleted it: hidden from lists unless asked for. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    note: text("note"),
    localAssignee: text("local_assignee"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("work_orders_system_external_idx").on(t.systemId, t.externalId),
    index("work_orders_status_idx").on(t.status, t.dueAt),
    index("work_orders_due_idx").on(t.dueAt),
    index("work_orders_updated_idx").on(t.externalUpdatedAt),
    index("work_orders_search_trgm_idx").using("gin", sql`(${t.externalKey} || ' ' || ${t.title}) gin_trgm_ops`),
  ],
);

export const syncTypes = ["work_orders", "projects", "cleanup", "products", "prices", "stock", "order", "logistics", "manual"] as const;
export type SyncType = (typeof syncTypes)[number];
export const syncTriggers = ["auto", "manual", "api", "cli"] as const;
export type SyncTrigger = (typeof syncTriggers)[number];
export const syncRunStatuses = ["pending", "processing", "success", "failed", "partial"] as const;
export type SyncRunStatus = (typeof syncRunStatuses)[number];

/**
 * The one log of every sync run (seeds 000 and 002). `total = success + failed` always; success splits
 * into created, updated and unchanged. At most one pending/processing sync per system (the partial
 * unique index; `manual` write-backs excepted): a second start is refused with the running run's id. A run whose process died is
 * recognised by its stale heartbeat and closed as failed by the next start.
 */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null once the system is deleted; `system_name` keeps the history readable. */
    systemId: integer("system_id").references(() => externalSystems.id, { onDelete: "set null" }),
    systemName: text("system_name").notNull(),
    syncType: text("sync_type", { enum: syncTypes }).notNull(),
    trigger: text("trigger", { enum: syncTriggers }).notNull(),
    status: text("status", { enum: syncRunStatuses }).notNull().default("pending"),
    totalCount: integer("total_count").notNull().default(0),
    successCount: integer("success_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    unchangedCount: integer("unchanged_count").notNull().default(0),
    /** Remote requests made (pages fetched, write-backs). */
    requestCount: integer("request_count").notNull().default(0),
    message: text("message"),
    /** What went wrong, in plain words; never a credential. */
    errorDetail: text("error_detail"),
    /** Bounded details: records that failed to map, changes seen (sync types decide). */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sync_runs_one_active_idx")
      .on(t.systemId)
      .where(sql`${t.status} in ('pending', 'processing') and ${t.syncType} <> 'manual' and ${t.systemId} is not null`),
    index("sync_runs_created_idx").on(t.createdAt),
    index("sync_runs_system_created_idx").on(t.systemId, t.createdAt),
    check("sync_runs_counts_check", sql`${t.totalCount} = ${t.successCount} + ${t.failedCount}`),
  ],
);
