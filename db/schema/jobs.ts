import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Transactional outbox for background events: a row is written in the same transaction as the change
 * it announces, then handed to the job driver (inline or Inngest) after commit. Delivery is
 * at-least-once: a dispatcher claims a row with a lease (`delivering`, `claimed_until`), and settles it
 * (`dispatched`) only after the delivery succeeded. A row left `pending` (crash between commit and
 * dispatch) or `delivering` past its lease (crash during delivery) is picked up by the per-minute tick.
 */
export const outboxStatuses = ["pending", "delivering", "dispatched", "failed"] as const;

export const jobOutbox = pgTable(
  "job_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventName: text("event_name").notNull(),
    /**
     * The event's id for the job driver (Inngest drops a repeated id) when the emitter names one, e.g.
     * `sync:{system}:{minute}` for a scheduled sync; else the row's own id. Unique: emitting the same id
     * twice fails the second transaction.
     */
    eventId: text("event_id").unique(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** While `delivering`: until when the claiming dispatcher owns the row. Past it, the tick reclaims it. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
  },
  (t) => [index("job_outbox_pending_idx").on(t.status, t.createdAt)],
);

/** Fixed-window counters for public rate limits, shared by every app instance through the database. */
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limit_buckets_window_idx").on(t.windowStart)],
);
