import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { externalSystems, syncRuns } from "./sync";

/** Kept in step with lib/projects/types.ts (the check constraints below hold the database to them). */
const projectTypeList = ["presale", "aftersales", "sales"] as const;
const projectStatusList = ["pending", "processing", "resolved", "shipped", "completed"] as const;
const projectRoleList = ["customer", "engineer", "salesman"] as const;

/**
 * The cache of the remote project library (seed 003's project_cache). Customers' links read it; the
 * sync keeps it fresh. `data` holds what may be shown (type fields, people with masked phones);
 * the full phones and e-mails are sealed in `contacts_encrypted` (lib/crypto.ts) for the notifications.
 *
 * `fetched_at`: when the content last came from the library. `cached_at`: when the copy was last known
 * current — a sync that listed the project's type to the end confirms every copy of that type, changed
 * or not. `expires_at` = cached_at + the configured TTL; past it a view asks the library again.
 */
export const projects = pgTable(
  "projects",
  {
    /** The library's own id (e.g. P123456). */
    id: text("id").primaryKey(),
    systemId: integer("system_id").references(() => externalSystems.id, { onDelete: "cascade" }),
    type: text("type", { enum: projectTypeList }).notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: projectStatusList }).notNull(),
    customerName: text("customer_name").notNull(),
    phoneMasked: text("phone_masked"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    contactsEncrypted: text("contacts_encrypted"),
    /** sha256 of the mapped project: an unchanged copy is not rewritten, and no change is reported. */
    contentHash: text("content_hash").notNull(),
    remoteUpdatedAt: timestamp("remote_updated_at", { withTimezone: true }),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
    cachedAt: timestamp("cached_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("projects_expires_idx").on(t.expiresAt),
    index("projects_type_status_idx").on(t.type, t.status),
    index("projects_search_trgm_idx").using(
      "gin",
      sql`(${t.id} || ' ' || ${t.title} || ' ' || ${t.customerName}) gin_trgm_ops`,
    ),
    check("projects_type_check", sql`${t.type} in ('presale','aftersales','sales')`),
    check("projects_status_check", sql`${t.status} in ('pending','processing','resolved','shipped','completed')`),
  ],
);

/**
 * Every real status change the hub saw (a sync or a forced refresh), written in the same transaction
 * as the cache row and the `project/status.changed` event: the project's status history.
 */
export const projectStatusChanges = pgTable(
  "project_status_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: projectStatusList }).notNull(),
    toStatus: text("to_status", { enum: projectStatusList }).notNull(),
    /** `sync` (a run) or `refresh` (a view that asked the library). */
    source: text("source", { enum: ["sync", "refresh"] }).notNull(),
    runId: bigint("run_id", { mode: "number" }).references(() => syncRuns.id, { onDelete: "set null" }),
    /** Whether notifications were asked for (the project-sync config's notify_on_change and channels). */
    notified: boolean("notified").notNull(),
    remoteUpdatedAt: timestamp("remote_updated_at", { withTimezone: true }),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_status_changes_project_idx").on(t.projectId, t.detectedAt)],
);

/**
 * Links to one project for one person (seed 003's project_access_tokens). The token is a JWT naming
 * the project, the person and this row's `jti`; only the jti is stored, so a database leak yields no
 * usable link. Revoking sets `revoked_at`. No foreign key to `projects`: a link outlives the cache row.
 */
export const projectAccessTokens = pgTable(
  "project_access_tokens",
  {
    jti: uuid("jti").primaryKey().defaultRandom(),
    projectId: text("project_id").notNull(),
    accessType: text("access_type", { enum: projectRoleList }).notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdByLabel: text("created_by_label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Updated at most once a minute, so a busy link does not write on every view. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    index("project_access_tokens_project_idx").on(t.projectId, t.createdAt),
    index("project_access_tokens_expires_idx").on(t.expiresAt),
    check("project_access_tokens_type_check", sql`${t.accessType} in ('customer','engineer','salesman')`),
  ],
);

/**
 * Settings the admins edit in the config center (key → JSON): `project_sync`, `time_display`, later
 * the notification channels. Each value is validated by its zod schema when read and written.
 */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
