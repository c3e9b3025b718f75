import { z } from "zod";
import { syncRunStatuses, syncTriggers, syncTypes } from "@/db/schema";

/** The kinds of system this version syncs work orders from (later issues add more). */
export const workOrderSystemTypes = ["jira", "zendesk"] as const;
/** What the systems API creates: work-order systems and the one project library (seed 003). */
export const creatableSystemTypes = [...workOrderSystemTypes, "project_library"] as const;

/** Numeric ids in paths, as seed 000's API has them (`/api/work-order-systems/1/`). */
export const numericIdParams = z.object({
  id: z.coerce
    .number({ error: "id must be a number" })
    .int("id must be a whole number")
    .positive("id must be positive")
    .max(2 ** 31 - 1, "id is too large"),
});

/** The URL, or null when it does not parse (refinements must not throw on what an earlier check refused). */
const parsedUrl = (u: string) => {
  try {
    return new URL(u);
  } catch {
    return null;
  }
};

/** Ids of bigint rows (sync runs, work orders): any positive safe integer. */
export const recordIdParams = z.object({
  id: z.coerce
    .number({ error: "id must be a number" })
    .int("id must be a whole number")
    .positive("id must be positive")
    .max(Number.MAX_SAFE_INTEGER, "id is too large"),
});

const apiUrl = z
  .string({ error: "api_url is required" })
  .trim()
  .max(500, "At most 500 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "Use an http(s) URL such as https://your-company.atlassian.net" }))
  .refine((u) => !parsedUrl(u)?.username && !parsedUrl(u)?.password, "Put credentials in their own fields, not in the URL")
  .refine((u) => !parsedUrl(u)?.search && !parsedUrl(u)?.hash, "The API URL takes no query or fragment")
  .transform((u) => u.replace(/\/+$/, ""));

/** A credential: write-only. An empty string means "not set" (the seed's form posts empty fields). */
const credential = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .max(2000, "At most 2000 characters")
    .transform((v) => (v.trim() === "" ? null : v))
    .nullable()
    .optional();

const jiraSettings = z
  .object({
    jql: z.string().trim().max(2000, "At most 2000 characters").optional(),
    project_key: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]{0,19}$/, "A Jira project key is capital letters and digits, e.g. OPS")
      .optional(),
  })
  .strict();

const systemFields = {
  name: z.string({ error: "name is required" }).trim().min(1, "Give the system a name").max(100, "At most 100 characters"),
  type: z.enum(creatableSystemTypes, { error: "type must be jira, zendesk or project_library" }).optional(),
  api_url: apiUrl,
  username: z
    .string({ error: "username must be text" })
    .trim()
    .max(200, "At most 200 characters")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  api_key: credential("api_key"),
  password: credential("password"),
  is_active: z.boolean({ error: "is_active must be true or false" }).optional(),
  sync_interval: z
    .number({ error: "sync_interval must be a number of seconds" })
    .int("A whole number of seconds")
    .min(60, "At least 60 seconds")
    .max(604_800, "At most 7 days (604800 seconds)")
    .optional(),
  /** Takes precedence over sync_interval; null clears it. Validated against croner by the service. */
  cron_expression: z.string({ error: "cron_expression must be text" }).max(200).nullable().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
};

/** POST /api/work-order-systems/ — seed 000's example body (no type) is accepted; see the service. */
export const createSystemBody = z.object(systemFields).strict();
/** PUT /api/work-order-systems/{id}/ — fields left out stay as they are. */
export const updateSystemBody = z
  .object({ ...systemFields, name: systemFields.name.optional(), api_url: apiUrl.optional() })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send at least one field to change");
export type CreateSystemBody = z.output<typeof createSystemBody>;
export type UpdateSystemBody = z.output<typeof updateSystemBody>;

export const settingsSchemaFor = {
  jira: jiraSettings,
  zendesk: z.object({}).strict(),
  project_library: z.object({}).strict(),
} as const;

/** A query parameter sent empty (`?status=`, as a form sends an unset filter) means "no filter". */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const syncLogFilters = z.object({
  system_id: unsetIfEmpty(z.coerce.number({ error: "system_id must be a number" }).int().positive()),
  sync_type: unsetIfEmpty(z.enum(syncTypes, { error: `sync_type must be one of ${syncTypes.join(", ")}` })),
  status: unsetIfEmpty(z.enum(syncRunStatuses, { error: `status must be one of ${syncRunStatuses.join(", ")}` })),
  trigger: unsetIfEmpty(z.enum(syncTriggers, { error: `trigger must be one of ${syncTriggers.join(", ")}` })),
  from: unsetIfEmpty(z.iso.datetime({ offset: true, error: "from must be an ISO date-time" })),
  to: unsetIfEmpty(z.iso.datetime({ offset: true, error: "to must be an ISO date-time" })),
});

export const syncLogListQuery = syncLogFilters.extend({
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(100_000).default(1),
  page_size: z.coerce.number({ error: "page_size must be a number" }).int().min(1).max(200).default(20),
});

export const limitQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "At least 1").max(200, "At most 200").default(10),
});

export const performanceQuery = z.object({
  days: z.coerce.number({ error: "days must be a number" }).int().min(1, "At least 1 day").max(365, "At most 365 days").default(30),
});

/** Seed 002's `GET /api/haier/logs/?sync_type=&status=&limit=10`. */
export const haierLogsQuery = z.object({
  sync_type: syncLogFilters.shape.sync_type,
  status: syncLogFilters.shape.status,
  limit: limitQuery.shape.limit,
});
