import "server-only";
import { z } from "zod";
import { RemoteError } from "@/lib/sync/remote-http";
import type { ConnectionCheck, MapResult, PulledPage, SystemConnection } from "@/lib/sync/types";
import {
  projectTypes,
  type MappedProject,
  type ProjectAdapter,
  type ProjectCursor,
  type ProjectPullOptions,
  type ProjectType,
} from "../types";
import {
  createProjectLibraryClient,
  PROJECT_LIBRARY_MAX_PAGE_SIZE,
  type ProjectLibraryClientOptions,
  type ProjectListPage,
} from "./client";
import { mapProject } from "./mapper";

/**
 * The project library as a source of projects: one listing per type, each resumable page by page
 * (ProjectCursor in lib/projects/types.ts), and a single-project read for views that find their
 * copy stale.
 */

export interface ProjectLibraryAdapterOptions extends ProjectLibraryClientOptions {
  /** Projects per page, 1–500 (default 500, the library's maximum); small values make multi-page tests cheap. */
  pageSize?: number;
}

type CursorEntry = NonNullable<ProjectCursor[ProjectType]>;

/**
 * How far before the newest `updated_at` seen the next listing starts. The library stamps a project
 * when the change begins, so a slow change can commit with a time earlier than projects we already
 * listed; re-reading the last minute catches it, and the engine's content hash makes the re-read free.
 */
export const PROJECT_CURSOR_OVERLAP_MS = 60_000;

/**
 * A project stamped further ahead of our clock than this does not move `since`: one record with a
 * broken clock (year 2099) would otherwise put every later change out of reach. It is simply listed
 * again next time.
 */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const instant = z.iso.datetime({ offset: true });
const storedEntrySchema = z
  .object({
    since: instant.nullish(),
    page_token: z.string().min(1).nullish(),
    max_seen: instant.nullish(),
  })
  .nullish();

export function createProjectLibraryAdapter(
  connection: SystemConnection,
  options: ProjectLibraryAdapterOptions = {},
): ProjectAdapter {
  const client = createProjectLibraryClient(connection, options);
  const pageSize = options.pageSize ?? PROJECT_LIBRARY_MAX_PAGE_SIZE;

  async function* pull({ cursor, types, signal }: ProjectPullOptions): AsyncGenerator<PulledPage<MappedProject>> {
    const listings = wantedTypes(types);
    // Every stored entry is checked before the first request, so a bad one costs no half-done run.
    const start = new Map(listings.map((type) => [type, entryFrom(cursor?.[type], type)]));
    let current: ProjectCursor = { ...cursor };

    for (const type of listings) {
      let entry = start.get(type)!;
      // Only a token from an earlier run can have expired; one handed out a moment ago failing is a remote bug.
      let storedToken = entry.page_token;
      for (;;) {
        if (signal.aborted) throw new RemoteError("aborted", "The sync was stopped");
        const before = client.requestCount();
        let page: ProjectListPage;
        try {
          page = await client.listProjects(
            { types: [type], updatedSince: entry.since, pageToken: entry.page_token, pageSize },
            signal,
          );
        } catch (e) {
          if (!(storedToken && isRefusedToken(e))) throw e;
          // The library keeps tokens for an hour at least; a run resumed later starts the listing over
          // from `since`. Projects are re-read, none is skipped, and max_seen from before still holds.
          entry = { ...entry, page_token: null };
          page = await client.listProjects({ types: [type], updatedSince: entry.since, pageSize }, signal);
        }
        storedToken = null;

        const maxSeen = newest(entry.max_seen, page.items);
        if (page.nextPageToken !== null && page.nextPageToken === entry.page_token) {
          // Asking again with the same token would loop for ever.
          throw new RemoteError(
            "invalid_response",
            `The project library's listing of ${type} projects said there is more, but handed back the same page token`,
          );
        }
        entry =
          page.nextPageToken !== null
            ? { since: entry.since, page_token: page.nextPageToken, max_seen: maxSeen }
            : {
                since: maxSeen ? new Date(Date.parse(maxSeen) - PROJECT_CURSOR_OVERLAP_MS).toISOString() : entry.since,
                page_token: null,
                max_seen: null,
              };
        current = { ...current, [type]: entry };
        const items: MapResult<MappedProject>[] = page.items.map(mapProject);
        yield { items, nextCursor: current, requests: client.requestCount() - before };
        if (page.nextPageToken === null) break;
      }
    }
  }

  return {
    async testConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        await client.ping(signal);
        return { ok: true, message: "Connected to the project library", latency_ms: elapsed() };
      } catch (e) {
        if (!(e instanceof RemoteError)) throw e;
        return { ok: false, message: checkMessage(e), latency_ms: elapsed() };
      }
    },

    pull,

    async fetchProject(id: string, signal?: AbortSignal): Promise<MapResult<MappedProject> | null> {
      const raw = await client.getProject(id, signal);
      if (raw === null) return null;
      const mapped = mapProject(raw);
      if (mapped.ok && mapped.record.id !== id) {
        // Stored under the id we asked for, it would overwrite the wrong project.
        return {
          ok: false,
          externalId: id,
          reason: `the library answered with project ${mapped.record.id} when asked for ${id}`,
        };
      }
      return mapped;
    },

    requestCount: () => client.requestCount(),
  };
}

function wantedTypes(types: readonly ProjectType[]): ProjectType[] {
  for (const type of types) {
    if (!(projectTypes as readonly string[]).includes(type)) {
      throw new RemoteError(
        "bad_request",
        `${JSON.stringify(String(type).slice(0, 40))} is not a project type; expected ${projectTypes.join(", ")}`,
      );
    }
  }
  return [...new Set(types)];
}

function entryFrom(stored: unknown, type: ProjectType): CursorEntry {
  const parsed = storedEntrySchema.safeParse(stored);
  if (!parsed.success) {
    // Starting over silently could mean re-reading the whole library; make someone decide.
    throw new RemoteError(
      "bad_request",
      `The stored sync position for ${type} projects is not a project library cursor; clear it to sync from the start`,
    );
  }
  return {
    since: parsed.data?.since ?? null,
    page_token: parsed.data?.page_token ?? null,
    max_seen: parsed.data?.max_seen ?? null,
  };
}

/** A 400 is how the library refuses a page token it no longer (or never did) know. */
function isRefusedToken(e: unknown): boolean {
  return e instanceof RemoteError && e.kind === "bad_request" && e.details.status === 400;
}

/**
 * The newest `updated_at` among `items` and `seen`, as an ISO instant. Records the mapper refuses for
 * another reason still count: the listing has passed them either way.
 */
function newest(seen: string | null, items: readonly unknown[]): string | null {
  let best = seen === null ? Number.NEGATIVE_INFINITY : Date.parse(seen);
  const limit = Date.now() + FUTURE_TOLERANCE_MS;
  for (const item of items) {
    if (typeof item !== "object" || item === null) continue;
    const parsed = instant.safeParse((item as { updated_at?: unknown }).updated_at);
    if (!parsed.success) continue;
    const at = Date.parse(parsed.data);
    if (at > best && at <= limit) best = at;
  }
  return Number.isFinite(best) ? new Date(best).toISOString() : null;
}

function checkMessage(e: RemoteError): string {
  switch (e.kind) {
    case "unreachable":
    case "timeout":
    case "tls":
      return `The project library could not be reached: ${e.message}`;
    case "aborted":
      return "The connection test was stopped";
    default:
      return e.message;
  }
}
