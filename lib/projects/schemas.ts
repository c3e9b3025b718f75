import { z } from "zod";
import { timeDisplaySchema } from "./time-display";
import { projectRoles, projectStatuses, projectTypes } from "./types";

/**
 * The project API's inputs (seed 003), shared with the config-center forms. Browser-safe: no server
 * modules, so client components may import it.
 */

export const notifyChannels = ["wechat", "sms", "email"] as const;
export type NotifyChannel = (typeof notifyChannels)[number];
export const cacheStates = ["fresh", "expiring", "expired"] as const;
export type CacheState = (typeof cacheStates)[number];

const uniqueList = <T extends z.ZodType>(item: T, name: string, max: number) =>
  z
    .array(item, { error: `${name} must be a list` })
    .max(max, `${name} has at most ${max} entries`)
    .refine((list) => new Set(list).size === list.length, `${name} lists an entry twice`);

/**
 * Seed 003's project-sync config. `cron_expression`, when not empty, overrides `sync_frequency` (the
 * preset); both are checked against the scheduler's cron rules by the service (they need the time zone).
 */
export const projectSyncConfigSchema = z.strictObject({
  auto_sync_enabled: z.boolean({ error: "auto_sync_enabled must be true or false" }),
  sync_frequency: z
    .string({ error: "sync_frequency must be a cron expression such as */15 * * * *" })
    .trim()
    .max(100, "At most 100 characters"),
  cron_expression: z.string({ error: "cron_expression must be text" }).trim().max(100, "At most 100 characters"),
  cache_ttl: z
    .number({ error: "cache_ttl must be a number of minutes" })
    .int("A whole number of minutes")
    .min(1, "At least 1 minute")
    .max(10_080, "At most 7 days (10080 minutes)"),
  sync_types: uniqueList(
    z.enum(projectTypes, { error: `sync_types entries must be ${projectTypes.join(", ")}` }),
    "sync_types",
    projectTypes.length,
  ).min(1, "Choose at least one project type to sync"),
  notify_on_change: z.boolean({ error: "notify_on_change must be true or false" }),
  notify_channels: uniqueList(
    z.enum(notifyChannels, { error: `notify_channels entries must be ${notifyChannels.join(", ")}` }),
    "notify_channels",
    notifyChannels.length,
  ),
});
export type ProjectSyncConfig = z.output<typeof projectSyncConfigSchema>;

export const defaultProjectSyncConfig: ProjectSyncConfig = {
  auto_sync_enabled: true,
  sync_frequency: "*/15 * * * *",
  cron_expression: "",
  cache_ttl: 30,
  sync_types: [...projectTypes],
  notify_on_change: true,
  notify_channels: ["wechat", "sms"],
};

/** POST /api/config/project-sync: the seed posts the whole config; fields left out keep their value. */
export const saveProjectSyncConfigBody = projectSyncConfigSchema
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send at least one setting to change");

/** The cron the schedule follows: the raw expression when set, else the preset. */
export const effectiveCron = (c: Pick<ProjectSyncConfig, "sync_frequency" | "cron_expression">) =>
  c.cron_expression.trim() || c.sync_frequency.trim();

/** Presets offered next to the raw cron field. */
export const cronPresets = [
  { value: "*/5 * * * *", label: { "zh-CN": "每 5 分钟", en: "Every 5 minutes" } },
  { value: "*/15 * * * *", label: { "zh-CN": "每 15 分钟", en: "Every 15 minutes" } },
  { value: "*/30 * * * *", label: { "zh-CN": "每 30 分钟", en: "Every 30 minutes" } },
  { value: "0 * * * *", label: { "zh-CN": "每小时整点", en: "Every hour" } },
  { value: "0 8-20 * * *", label: { "zh-CN": "工作时间每小时（8–20 点）", en: "Hourly, 8:00–20:00" } },
  { value: "0 2 * * *", label: { "zh-CN": "每天凌晨 2 点", en: "Daily at 02:00" } },
] as const;

/** Project ids as the library issues them; anything else cannot be a project (and is refused early). */
export const projectIdParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "A project id is 1–64 letters, digits, dots, dashes or underscores"),
});

const flag = (name: string, fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"], { error: `${name} must be true or false` })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true" || v === "1"));

/** GET /api/projects/{id}: a customer's link carries `token`; staff signed in may leave it out. */
export const projectViewQuery = z.object({
  token: z.string().max(2000, "The token is too long").optional(),
  use_cache: flag("use_cache", true),
  force_sync: flag("force_sync", false),
});

export const verifyAccessQuery = z.object({
  token: z.string({ error: "token is required" }).min(1, "token is required").max(2000, "The token is too long"),
});

/** POST /api/projects/sync (seed 003). */
export const projectSyncBody = z.strictObject({
  sync_type: z.enum(["manual", "auto"], { error: "sync_type must be manual or auto" }).default("manual"),
  force: z.boolean({ error: "force must be true or false" }).default(false),
  project_types: uniqueList(
    z.enum(projectTypes, { error: `project_types entries must be ${projectTypes.join(", ")}` }),
    "project_types",
    projectTypes.length,
  )
    .min(1, "Name at least one project type, or leave project_types out for the configured ones")
    .optional(),
});
export type ProjectSyncBody = z.output<typeof projectSyncBody>;

export const pageQuery = z.object({
  page: z.coerce.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page starts at 1").max(100_000).default(1),
  page_size: z.coerce
    .number({ error: "page_size must be a number" })
    .int("page_size must be a whole number")
    .min(1, "page_size is at least 1")
    .max(100, "page_size is at most 100")
    .default(20),
});

/** A query parameter sent empty (`?status=`, as a form sends an unset filter) means "no filter". */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** GET /api/projects (staff): seed 004's cache views as a filter. */
export const listProjectsQuery = pageQuery.extend({
  type: unsetIfEmpty(z.enum(projectTypes, { error: `type must be one of ${projectTypes.join(", ")}` })),
  status: unsetIfEmpty(z.enum(projectStatuses, { error: `status must be one of ${projectStatuses.join(", ")}` })),
  cache_state: unsetIfEmpty(z.enum(cacheStates, { error: `cache_state must be one of ${cacheStates.join(", ")}` })),
  keyword: unsetIfEmpty(z.string().trim().min(1).max(100, "keyword is at most 100 characters")),
});
export type ListProjectsQuery = z.output<typeof listProjectsQuery>;

/** POST /api/projects/{id}/tokens. `user_name` defaults to the person's name on the project. */
export const createAccessLinkBody = z.strictObject({
  access_type: z.enum(projectRoles, { error: `access_type must be one of ${projectRoles.join(", ")}` }),
  user_id: z.string({ error: "user_id is required" }).trim().min(1, "user_id is required").max(50, "user_id is at most 50 characters"),
  user_name: z.string().trim().min(1, "user_name cannot be empty").max(100, "user_name is at most 100 characters").optional(),
  ttl_days: z
    .number({ error: "ttl_days must be a number of days" })
    .int("A whole number of days")
    .min(1, "At least 1 day")
    .max(90, "At most 90 days")
    .optional(),
});
export type CreateAccessLinkBody = z.output<typeof createAccessLinkBody>;

export const accessLinkParams = projectIdParams.extend({
  jti: z.uuid({ error: "Not a link id" }),
});

/** POST /api/config/time-display: fields left out keep their value. */
export const saveTimeDisplayBody = timeDisplaySchema
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send at least one setting to change");
