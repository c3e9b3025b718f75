import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { externalSystems, projects, projectStatusChanges } from "@/db/schema";
import { getDb } from "../db";
import { AppError } from "../errors";
import type { Locale } from "../i18n/config";
import { transactionWithEvents } from "../jobs/outbox";
import { getLogger } from "../logger";
import { consumeRateLimit } from "../rate-limit";
import { RemoteError } from "../sync/remote-http";
import { connectionOf } from "../sync/systems";
import { checkAccessToken, logProjectAccess, type AccessLinkRow } from "./access-links";
import { writeProjects, type CachedProjectData, type ShownPerson } from "./cache";
import { createProjectLibraryAdapter } from "./library/adapter";
import { getProjectSyncConfig, getTimeDisplayConfig, wallClock } from "./sync-config";
import { formatAge, formatInZone, type TimeDisplayConfig } from "./time-display";
import type { ProjectRole, ProjectStatus, ProjectType, ProjectTypeFields } from "./types";

/**
 * Reading one project (seed 003's `GET /api/projects/{id}`): the cached copy while it is fresh; the
 * library when the copy expired or a refresh is asked for; the stale copy (flagged) when the library
 * cannot answer; a plain 503 only when there is no copy at all.
 */

type ProjectRow = typeof projects.$inferSelect;

/** A customer's refreshes per link: enough to retry, too few to hammer the library through us. */
export const REFRESH_LIMIT = { limit: 5, windowSeconds: 300 };
/** Failed link checks per address before they are refused outright (tokens are signed; this sheds load). */
const FAILED_LINK_LIMIT = { limit: 30, windowSeconds: 600 };
/** A person waits for the library at most this long before the saved copy is shown instead. */
const VIEW_FETCH_TIMEOUT_MS = 5_000;

export interface ProjectDto {
  id: string;
  type: ProjectType;
  title: string;
  status: ProjectStatus;
  customer_name: string;
  /** Masked (138****8888). */
  phone: string | null;
  updated_at: string | null;
  payment_time?: string | null;
  payment_amount?: number | null;
  service_time?: string | null;
  fault?: string | null;
  expected_close_date?: string | null;
  /** `id` (the library's person id) only for staff: a customer has no use for it. */
  people: { role: ProjectRole; id?: string; name: string; phone: string | null; email: string | null }[];
  /** The times above as the time-display config writes them. */
  display: Record<string, string>;
}

export interface ProjectViewDto {
  project: ProjectDto;
  from_cache: boolean;
  /** How old the copy is, in words ("5分钟前" / "5 minutes ago"). */
  cache_time: string;
  /** When the copy was last known current, `YYYY-MM-DD HH:mm:ss` in the configured zone. */
  last_sync: string;
  /** The library could not be asked and the copy is past its expiry. */
  stale: boolean;
  cache_age_seconds: number;
  cached_at: string;
  expires_at: string;
  time_zone: string;
}

export interface LinkViewDto extends ProjectViewDto {
  access: { user_name: string; access_type: ProjectRole };
}

export interface ReadOptions {
  /** false: ask the library even when the copy is fresh (seed 003's use_cache=false). */
  useCache: boolean;
  forceSync: boolean;
  locale: Locale;
}

/** Seed 003's verify-access: whether a link opens the project, and for whom. */
export async function verifyProjectAccess(projectId: string, token: string, ip: string) {
  const link = await linkOrThrow(projectId, token, ip, "verify");
  return { has_access: true, user_id: link.userId, user_name: link.userName, access_type: link.accessType };
}

/** A person's view through their link. Refreshing (force_sync or use_cache=false) is limited per link. */
export async function getProjectByLink(projectId: string, token: string, opts: ReadOptions & { ip: string }): Promise<LinkViewDto> {
  const askLibrary = opts.forceSync || !opts.useCache;
  const link = await linkOrThrow(projectId, token, opts.ip, askLibrary ? "refresh" : "view");
  if (askLibrary && !(await consumeRateLimit(`project-refresh:${link.jti}`, REFRESH_LIMIT))) {
    logProjectAccess({ projectId, action: "refresh", outcome: "rate_limited", link, ip: opts.ip });
    throw new AppError("rate_limited", "This project was refreshed several times just now; wait a few minutes and try again", {
      retry_after_seconds: REFRESH_LIMIT.windowSeconds,
    });
  }
  const read = await readProject(projectId, opts);
  const data = read.row.data as unknown as CachedProjectData;
  // The link is for one person on the project: once the library no longer lists them, it opens nothing.
  if (!data.people.some((p) => p.id === link.userId && p.role === link.accessType)) {
    logProjectAccess({ projectId, action: "view", outcome: "not_member", link, ip: opts.ip });
    throw new AppError("forbidden", "This link no longer opens this project");
  }
  return {
    ...(await toViewDto(read, opts.locale, { personIds: false })),
    access: { user_name: link.userName, access_type: link.accessType },
  };
}

/** Staff read a project the same way (no link), for the admin pages and the API. */
export async function getProjectForStaff(projectId: string, opts: ReadOptions): Promise<ProjectViewDto> {
  return toViewDto(await readProject(projectId, opts), opts.locale, { personIds: true });
}

async function linkOrThrow(projectId: string, token: string, ip: string, action: "verify" | "view" | "refresh"): Promise<AccessLinkRow> {
  const check = await checkAccessToken(token, projectId);
  if (check.ok) {
    logProjectAccess({ projectId, action, outcome: "allowed", link: check.link, ip });
    return check.link;
  }
  logProjectAccess({ projectId, action, outcome: check.reason, ip });
  if (!(await consumeRateLimit(`project-link-failures:${ip}`, FAILED_LINK_LIMIT))) {
    throw new AppError("rate_limited", "Too many invalid project links from this network; try again later", {
      retry_after_seconds: FAILED_LINK_LIMIT.windowSeconds,
    });
  }
  if (check.reason === "other_project") throw new AppError("forbidden", "This link does not open this project");
  throw new AppError("unauthorized", "This project link is invalid or has expired; ask for a new one");
}

interface ReadResult {
  row: ProjectRow;
  fromCache: boolean;
  stale: boolean;
}

async function readProject(projectId: string, opts: Pick<ReadOptions, "useCache" | "forceSync">): Promise<ReadResult> {
  const db = await getDb();
  const [row] = await db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  const fresh = row !== undefined && row.expiresAt.getTime() > Date.now();
  if (row && fresh && opts.useCache && !opts.forceSync) return { row, fromCache: true, stale: false };
  return refreshFromLibrary(projectId, row ?? null);
}

/**
 * Asks the library for one project and writes it to the cache (a status change is reported like a
 * sync's). When the library cannot answer, the saved copy is served flagged as stale.
 */
async function refreshFromLibrary(projectId: string, cached: ProjectRow | null): Promise<ReadResult> {
  const fallback = (why: string): ReadResult => {
    if (!cached) {
      throw new AppError(
        "unavailable",
        "Project details cannot be loaded right now: the project library is not answering and there is no saved copy yet. Please try again in a few minutes.",
      );
    }
    getLogger().warn({ projectId, why }, "project library unavailable; serving the saved copy");
    return { row: cached, fromCache: true, stale: cached.expiresAt.getTime() <= Date.now() };
  };
  const db = await getDb();
  const [system] = await db.select().from(externalSystems).where(eq(externalSystems.type, "project_library")).limit(1);
  if (!system || !system.isActive) return fallback(system ? "the project library is paused" : "no project library is configured");
  const adapter = createProjectLibraryAdapter(connectionOf(system), { timeoutMs: VIEW_FETCH_TIMEOUT_MS, retries: 1, maxRetryAfterMs: 0 });
  let fetched;
  try {
    fetched = await adapter.fetchProject(projectId, AbortSignal.timeout(VIEW_FETCH_TIMEOUT_MS * 2));
  } catch (e) {
    if (e instanceof RemoteError) return fallback(e.message);
    throw e;
  }
  if (fetched === null) throw new AppError("not_found", "This project is no longer available");
  if (!fetched.ok) return fallback(`the library sent a project that could not be read: ${fetched.reason}`);
  const config = (await getProjectSyncConfig()).value;
  await transactionWithEvents((tx, emit) =>
    writeProjects(tx, emit, [fetched.record], {
      systemId: system.id,
      ttlMinutes: config.cache_ttl,
      source: "refresh",
      notify: { enabled: config.notify_on_change, channels: config.notify_channels },
    }),
  );
  const [row] = await db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  return { row: row!, fromCache: false, stale: false };
}

async function toViewDto(read: ReadResult, locale: Locale, opts: { personIds: boolean }): Promise<ProjectViewDto> {
  const display = await getTimeDisplayConfig();
  const { row } = read;
  const age = Math.max(0, Date.now() - row.cachedAt.getTime());
  return {
    project: toProjectDto(row, display, locale, opts),
    from_cache: read.fromCache,
    cache_time: formatAge(age, locale),
    last_sync: wallClock(row.cachedAt, display.timezone),
    stale: read.stale,
    cache_age_seconds: Math.floor(age / 1000),
    cached_at: row.cachedAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    time_zone: display.timezone,
  };
}

/** The project as people may see it: masked contacts, the type's own fields, times formatted. */
export function toProjectDto(
  row: ProjectRow,
  display: TimeDisplayConfig,
  locale: Locale,
  opts: { personIds: boolean },
): ProjectDto {
  const data = row.data as unknown as CachedProjectData;
  const fields: ProjectTypeFields = { ...data.fields };
  if (row.type === "sales" && !display.show_payment_time) delete fields.payment_time;
  const format = row.type === "aftersales" ? display.aftersales_time_format : display.sales_time_format;
  const shown: Record<string, string> = {};
  const put = (key: string, value: string | null | undefined) => {
    if (value) shown[key] = formatInZone(value, format, display.timezone, locale);
  };
  put("updated_at", row.remoteUpdatedAt?.toISOString());
  put("service_time", fields.service_time);
  put("payment_time", fields.payment_time);
  if (fields.expected_close_date) shown.expected_close_date = fields.expected_close_date;
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    status: row.status,
    customer_name: row.customerName,
    phone: row.phoneMasked,
    updated_at: row.remoteUpdatedAt?.toISOString() ?? null,
    ...fields,
    people: data.people.map((p: ShownPerson) => ({
      role: p.role,
      ...(opts.personIds ? { id: p.id } : {}),
      name: p.name,
      phone: p.phone,
      email: p.email,
    })),
    display: shown,
  };
}

/** A project's status history, oldest first (the admin detail). */
export async function projectStatusHistory(projectId: string) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(projectStatusChanges)
    .where(and(eq(projectStatusChanges.projectId, projectId)))
    .orderBy(asc(projectStatusChanges.detectedAt), asc(projectStatusChanges.id));
  return rows.map((r) => ({
    id: r.id,
    old_status: r.fromStatus,
    new_status: r.toStatus,
    source: r.source,
    run_id: r.runId,
    notified: r.notified,
    detected_at: r.detectedAt.toISOString(),
  }));
}
