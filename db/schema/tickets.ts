import { sql, type SQL } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { ticketImageKinds, ticketStatuses, type TicketImageKind, type TicketStatus } from "../../lib/tickets/enums";
import { users } from "./auth";

// The lists live in a browser-safe module without imports (client code needs them too); the schema
// re-exports them so server code keeps one place to read the table vocabulary from.
export { ticketImageKinds, ticketStatuses, type TicketImageKind, type TicketStatus };

export const serviceCenters = pgTable("service_centers", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  phone: text("phone"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Which center serves a city/district: one center per district, so routing a booking is a lookup. */
export const serviceAreas = pgTable(
  "service_areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centerId: uuid("center_id")
      .notNull()
      .references(() => serviceCenters.id, { onDelete: "cascade" }),
    city: text("city").notNull(),
    district: text("district").notNull(),
  },
  (t) => [
    unique("service_areas_city_district_key").on(t.city, t.district),
    index("service_areas_center_idx").on(t.centerId),
  ],
);

export const technicians = pgTable(
  "technicians",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    phoneEncrypted: text("phone_encrypted").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    centerId: uuid("center_id")
      .notNull()
      .references(() => serviceCenters.id),
    skills: jsonb("skills").$type<string[]>().notNull().default([]),
    active: boolean("active").notNull().default(true),
    userId: uuid("user_id")
      .unique()
      .references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("technicians_center_idx").on(t.centerId, t.active)],
);

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    customerName: text("customer_name").notNull(),
    /** HMAC of the normalized phone: lookups and rate limits without storing it in the clear. */
    phoneHash: text("phone_hash").notNull(),
    phoneEncrypted: text("phone_encrypted").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    phoneLast4: text("phone_last4").notNull(),
    city: text("city").notNull(),
    district: text("district").notNull(),
    address: text("address").notNull(),
    centerId: uuid("center_id")
      .notNull()
      .references(() => serviceCenters.id),
    applianceType: text("appliance_type").notNull(),
    applianceModel: text("appliance_model"),
    issueDesc: text("issue_desc").notNull(),
    appointmentDate: date("appointment_date", { mode: "string" }).notNull(),
    appointmentSlot: text("appointment_slot").notNull(),
    status: text("status", { enum: ticketStatuses }).notNull().default("BOOKED"),
    technicianId: uuid("technician_id").references(() => technicians.id),
    /** Optimistic lock: every state change bumps it; writers say which version they saw. */
    version: integer("version").notNull().default(1),
    idempotencyKey: text("idempotency_key").unique(),
    cancelReason: text("cancel_reason"),
    canceledBy: text("canceled_by", { enum: ["customer", "staff"] }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    /** One lower-cased haystack for keyword search (code, name, last 4 phone digits, address); see tickets_search_grams_idx. */
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL =>
        sql`lower(${tickets.code} || ' ' || ${tickets.customerName} || ' ' || ${tickets.phoneLast4} || ' ' || ${tickets.city} || ${tickets.district} || ${tickets.address})`,
    ),
  },
  (t) => [
    check(
      "tickets_status_check",
      sql`${t.status} in ('BOOKED','CONFIRMED','ASSIGNED','IN_PROGRESS','COMPLETED','CANCELED')`,
    ),
    // These two also INCLUDE (created_at), added by migration 0002 (drizzle-kit cannot express INCLUDE):
    // a filtered page is then sorted from the index alone, without reading the rows.
    index("tickets_status_date_idx").on(t.status, t.appointmentDate, t.id),
    index("tickets_date_idx").on(t.appointmentDate, t.id),
    index("tickets_created_idx").on(t.createdAt),
    index("tickets_technician_date_idx").on(t.technicianId, t.appointmentDate),
    index("tickets_technician_assigned_idx").on(t.technicianId, t.assignedAt),
    index("tickets_center_slot_idx").on(t.centerId, t.appointmentDate, t.appointmentSlot),
    index("tickets_phone_hash_idx").on(t.phoneHash),
    // Keyword search (lib/tickets/search): every character and every pair of adjacent characters of
    // search_text, so a keyword of any length, one Chinese character up, is looked up anywhere in it.
    // ticket_search_grams is an immutable SQL function (migration 0012).
    index("tickets_search_grams_idx").using("gin", sql`ticket_search_grams(${t.searchText})`),
    // A keyword shaped like a ticket code (TK + digits…) is a code prefix: a range of this index, whatever
    // the database's collation (the unique index on code cannot serve LIKE outside the C collation).
    index("tickets_code_prefix_idx").using("btree", sql`${t.code} text_pattern_ops`),
  ],
);

export const ticketImages = pgTable(
  "ticket_images",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ticketImageKinds }).notNull(),
    storageKey: text("storage_key").notNull(),
    thumbnailKey: text("thumbnail_key").notNull(),
    mime: text("mime").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    /** sha256 of the uploaded bytes: the same photo sent twice to one ticket is stored once. */
    sha256: text("sha256").notNull(),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ticket_images_ticket_sha_key").on(t.ticketId, t.sha256),
    check("ticket_images_kind_check", sql`${t.kind} in ('RECEIPT','ISSUE')`),
  ],
);

export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    actorType: text("actor_type", { enum: ["user", "customer", "system"] }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    fromStatus: text("from_status", { enum: ticketStatuses }),
    toStatus: text("to_status", { enum: ticketStatuses }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.createdAt)],
);

/** Customer tracking links: the signed token carries the jti; this row makes it revocable. */
export const trackingLinks = pgTable(
  "tracking_links",
  {
    jti: uuid("jti").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("tracking_links_ticket_idx").on(t.ticketId)],
);
