import { z } from "zod";
import { DEFAULT_IMAGE_EXTENSIONS } from "./files/image-types";

/**
 * The only reader of process.env. Parsed lazily (first call), so `next build` and tools that never
 * touch a secret do not need one. Production refuses to run with a secret missing and names it.
 */

/** An empty variable (`AUTH_SECRET=`) counts as not set. */
const unsetIfEmpty = (v: unknown) => (v === "" ? undefined : v);

const secret = (name: string, minLength: number) =>
  z.preprocess(
    unsetIfEmpty,
    z.string({ error: `${name} is not set` }).min(minLength, `${name} must be at least ${minLength} characters`),
  );

const base64Key32 = (name: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string({ error: `${name} is not set` })
      .refine((v) => Buffer.from(v, "base64").length === 32, `${name} must be 32 random bytes, base64-encoded`),
  );

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset → embedded PGlite. */
  DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  /** Folder for the embedded database; "memory://" keeps it in memory. */
  PGLITE_DATA_DIR: z.string().default("./data/pglite"),

  AUTH_SECRET: secret("AUTH_SECRET", 32),
  AUTH_TRUST_HOST: bool,
  /** The app's public URL as Auth.js sees it; `https://…` makes the session cookie `Secure`. */
  AUTH_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  ENCRYPTION_KEY: base64Key32("ENCRYPTION_KEY"),
  HASH_KEY: secret("HASH_KEY", 32),
  LINK_SIGNING_SECRET: secret("LINK_SIGNING_SECRET", 32),

  PUBLIC_BASE_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  APP_TIMEZONE: z.string().default("Asia/Shanghai"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  UPLOAD_ROOT: z.string().default("./data/uploads"),
  TICKET_RECEIPT_DIR: z.string().default("tickets"),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(8),
  ALLOWED_IMAGE_TYPES: z
    .string()
    .default(DEFAULT_IMAGE_EXTENSIONS)
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),

  JOB_DRIVER: z.enum(["inline", "inngest"]).default("inline"),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: bool,

  /** Bookings a technician takes per time slot; a slot's capacity is active technicians × this. */
  JOBS_PER_SLOT: z.coerce.number().int().min(1).max(20).default(1),
  /** Public booking limits; 0 lifts a limit (benchmarks). */
  BOOKING_LIMIT_PER_IP_PER_HOUR: z.coerce.number().int().min(0).default(20),
  BOOKING_LIMIT_PER_PHONE_PER_DAY: z.coerce.number().int().min(0).default(5),
  TRACKING_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Lifetime of a project link (seed 003: 7 days) when the one who creates it names none. */
  PROJECT_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Longest lifetime of an API token; a token asked for without an expiry gets this one. */
  API_TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /**
   * Reverse proxies in front of the app that append the address they saw to X-Forwarded-For. 0: none
   * is declared, and the client's address is whatever the header says (a client can forge it).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Days a finished sync run stays in the log (the daily cleanup deletes older ones). */
  SYNC_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/**
 * Links sent to customers (SMS, e-mail, tracking) are built from PUBLIC_BASE_URL, never from a request's
 * Host header (which a client chooses). A production server without it refuses to start.
 */
function requirePublicUrlInProduction(env: z.output<typeof schema>, ctx: z.RefinementCtx) {
  if (env.NODE_ENV === "production" && !env.PUBLIC_BASE_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_BASE_URL"],
      message: "PUBLIC_BASE_URL is not set: the public origin of this server (https://service.example.com), used in every link sent to customers",
    });
  }
}

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.superRefine(requirePublicUrlInProduction).safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`).join("\n");
    const hint =
      process.env.NODE_ENV === "production"
        ? "Set these variables in the server's environment (see README, 'Going to production')."
        : "Run `npm run dev` once to generate .env.local with local secrets, or set them yourself.";
    throw new EnvError(`ServiceHub cannot start, its configuration is incomplete:\n${problems}\n${hint}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change variables between files; production never calls this. */
export function resetEnvCache() {
  cached = undefined;
}

export const isEmbeddedDatabase = () => !getEnv().DATABASE_URL;

const displaySchema = schema.pick({ APP_TIMEZONE: true });

/** Settings pages need for rendering (no secrets), safe to read during `next build`. */
export function getDisplayConfig(): z.infer<typeof displaySchema> {
  return displaySchema.parse(process.env);
}

const transportSchema = schema.pick({ PUBLIC_BASE_URL: true, AUTH_URL: true, NODE_ENV: true });

/** The public URLs, for the proxy's response headers (no secrets, so a missing one cannot break it). */
export function getTransportConfig(): z.infer<typeof transportSchema> {
  return transportSchema.parse(process.env);
}
