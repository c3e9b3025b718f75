import "server-only";
import { z } from "zod";
import { RemoteError, remoteJson } from "@/lib/sync/remote-http";
import type { SystemConnection } from "@/lib/sync/types";
import type { ProjectType } from "../types";
import { PROJECT_ID_PATTERN } from "./mapper";

/**
 * HTTP to the project library (docs/project-library.md): the bearer key, the URLs and query strings,
 * and a check that each answer has the envelope we read. Projects are handed on unchecked
 * (`unknown`), because the mapper judges them one by one: one bad project must not fail a page.
 * Every request goes through remote-http, which retries, honours Retry-After and words errors.
 */

export const PROJECT_LIBRARY_MAX_PAGE_SIZE = 500;
export const PROJECT_LIBRARY_DEFAULT_PAGE_SIZE = 100;

export interface ProjectLibraryClientOptions {
  /** Per attempt; remote-http's default otherwise. */
  timeoutMs?: number;
  /** Retries after the first attempt; remote-http's default otherwise. */
  retries?: number;
  /** The longest Retry-After waited out in place; remote-http's default otherwise. */
  maxRetryAfterMs?: number;
}

export interface ListProjectsQuery {
  /** Empty or absent: every type. */
  types?: readonly ProjectType[];
  /** ISO 8601; projects updated at or after it. */
  updatedSince?: string | null;
  /** A `next_page_token` the library handed out; it carries the position only. */
  pageToken?: string | null;
  /** 1–500; clamped. */
  pageSize?: number;
}

export interface ProjectListPage {
  /** Unchecked: the mapper judges each one. */
  items: unknown[];
  /** Null at the end of the listing. */
  nextPageToken: string | null;
}

export interface ProjectLibraryClient {
  listProjects(query: ListProjectsQuery, signal?: AbortSignal): Promise<ProjectListPage>;
  /** The project as the library sent it (unchecked), or null when the library answers 404. */
  getProject(id: string, signal?: AbortSignal): Promise<unknown>;
  /** The cheapest authenticated request there is (a one-project listing), for the connection test. */
  ping(signal?: AbortSignal): Promise<void>;
  /** Requests sent so far, retries included. */
  requestCount(): number;
}

const listSchema = z.object({
  items: z.array(z.unknown()),
  // An empty token would read as "more" but could only restart the listing: refuse it as a bad shape.
  next_page_token: z.string().min(1).nullable(),
});
const projectSchema = z.record(z.string(), z.unknown());

export function createProjectLibraryClient(
  connection: SystemConnection,
  options: ProjectLibraryClientOptions = {},
): ProjectLibraryClient {
  let requests = 0;
  // remoteJson keeps its own default for any of these left undefined.
  const tuning = { timeoutMs: options.timeoutMs, retries: options.retries, maxRetryAfterMs: options.maxRetryAfterMs };

  async function call<T>(
    path: string,
    query: Record<string, string>,
    schema: z.ZodType<T>,
    what: string,
    signal?: AbortSignal,
  ): Promise<T> {
    const url = new URL(`${projectLibraryBaseUrl(connection.apiUrl)}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const authorization = bearer(connection.apiKey);
    let response;
    try {
      response = await remoteJson<unknown>(url.toString(), {
        headers: { authorization },
        signal,
        ...tuning,
        secrets: [connection.apiKey, connection.apiKey?.trim()],
        onAttempt: () => {
          requests++;
        },
        remoteName: "Project library",
      });
    } catch (e) {
      // remote-http's wording asks for "the user name and API key or token"; the library has only a key.
      if (e instanceof RemoteError && e.kind === "credentials") {
        throw new RemoteError(
          "credentials",
          `The project library refused the API key (HTTP ${e.details.status ?? 401}): check the key set for this system`,
          e.details,
        );
      }
      throw e;
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.map(String).join(".")})` : "";
      throw new RemoteError(
        "invalid_response",
        `The project library answered ${what} in a shape we do not know${where}`,
        { status: response.status, url: `${url.origin}${url.pathname}` },
      );
    }
    return parsed.data;
  }

  async function listProjects(query: ListProjectsQuery, signal?: AbortSignal): Promise<ProjectListPage> {
    const params: Record<string, string> = { page_size: String(clampPageSize(query.pageSize)) };
    if (query.types?.length) params.types = [...new Set(query.types)].join(",");
    if (query.updatedSince) params.updated_since = query.updatedSince;
    if (query.pageToken) params.page_token = query.pageToken;
    const page = await call("/projects", params, listSchema, "a project listing", signal);
    return { items: page.items, nextPageToken: page.next_page_token };
  }

  return {
    listProjects,

    async getProject(id, signal) {
      if (!PROJECT_ID_PATTERN.test(id)) {
        throw new RemoteError("bad_request", `${JSON.stringify(id.slice(0, 70))} is not a project id`);
      }
      try {
        return await call(`/projects/${encodeURIComponent(id)}`, {}, projectSchema, "a project request", signal);
      } catch (e) {
        // A wrong API URL answers 404 as well; a failing pull or connection test is what tells the two apart.
        if (e instanceof RemoteError && e.kind === "not_found") return null;
        throw e;
      }
    },

    async ping(signal) {
      await listProjects({ pageSize: 1 }, signal);
    },

    requestCount: () => requests,
  };
}

function clampPageSize(size: number | undefined): number {
  const wanted = Math.floor(size ?? PROJECT_LIBRARY_DEFAULT_PAGE_SIZE);
  return Number.isFinite(wanted)
    ? Math.max(1, Math.min(PROJECT_LIBRARY_MAX_PAGE_SIZE, wanted))
    : PROJECT_LIBRARY_DEFAULT_PAGE_SIZE;
}

/** The configured API URL without trailing slashes (throws if it is not an http(s) address). */
export function projectLibraryBaseUrl(apiUrl: string): string {
  const trimmed = apiUrl.trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new RemoteError(
      "bad_request",
      "The project library's API URL is not a web address (expected e.g. https://library.example.com/api)",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RemoteError("bad_request", "The project library's API URL must start with https://");
  }
  if (url.search || url.hash) {
    // Paths are appended to it: a query or fragment would swallow them.
    throw new RemoteError("bad_request", "The project library's API URL must not contain ? or #");
  }
  return trimmed;
}

function bearer(apiKey: string | null): string {
  const key = apiKey?.trim();
  if (!key) throw new RemoteError("credentials", "The project library needs an API key; none is set for this system");
  // A line break in a header would be refused by fetch with a message that may quote the key.
  if (/[\r\n]/.test(key)) throw new RemoteError("credentials", "The project library's API key contains a line break");
  return `Bearer ${key}`;
}
