import "server-only";
import { z } from "zod";
import { getDb } from "../db";
import { MAX_FAILED_KEYS, type RunRow, type SyncTarget } from "../sync/engine";
import { connectionOf, type SystemRow } from "../sync/systems";
import { confirmCachedProjects, writeProjects, type StatusChange } from "./cache";
import { createProjectLibraryAdapter } from "./library/adapter";
import { getProjectSyncConfig } from "./sync-config";
import { projectTypes, type MappedProject, type ProjectCursor, type ProjectType } from "./types";

/** Changes named in a run's details (and the sync answer); the count is always complete. */
export const MAX_LISTED_CHANGES = 500;

/** What a project run was asked to do (kept on the run row when it was requested). */
export const projectRunParams = z.object({
  types: z.array(z.enum(projectTypes)).min(1).optional(),
  force: z.boolean().default(false),
});
export type ProjectRunParams = z.output<typeof projectRunParams>;

/**
 * A project run for the sync engine: lists the run's types from the library (incrementally from the
 * stored cursor, or everything when forced), writes each page into the cache with its status changes,
 * and, when the listing ran to its end, confirms the copies it did not need to rewrite.
 */
export async function createProjectSyncTarget(run: RunRow, system: SystemRow): Promise<SyncTarget<MappedProject>> {
  const config = (await getProjectSyncConfig()).value;
  const params = projectRunParams.parse(run.details ?? {});
  const types: ProjectType[] = params.types ?? config.sync_types;
  const adapter = createProjectLibraryAdapter(connectionOf(system));
  const stored = (system.cursor ?? {}) as ProjectCursor;
  // A forced run lists its types from the beginning; the other types keep their place.
  const cursor: ProjectCursor = params.force
    ? Object.fromEntries(Object.entries(stored).filter(([type]) => !types.includes(type as ProjectType)))
    : stored;
  const changes: StatusChange[] = [];
  let changeCount = 0;
  const listedFrom = run.startedAt ?? new Date();

  return {
    pull: (signal) => adapter.pull({ cursor, types, signal }),
    keyOf: (p) => p.id,
    async commit(tx, emit, records) {
      const written = await writeProjects(tx, emit, records, {
        systemId: system.id,
        ttlMinutes: config.cache_ttl,
        source: "sync",
        runId: run.id,
        notify: { enabled: config.notify_on_change, channels: config.notify_channels },
      });
      changeCount += written.changes.length;
      for (const c of written.changes) if (changes.length < MAX_LISTED_CHANGES) changes.push(c);
      return written;
    },
    requestCount: () => adapter.requestCount(),
    async finish(failedKeys) {
      // Too many records failed to map to name them all: confirm nothing rather than something wrong.
      if (failedKeys.length > MAX_FAILED_KEYS) return;
      await confirmCachedProjects(await getDb(), {
        systemId: system.id,
        types,
        listedFrom,
        ttlMinutes: config.cache_ttl,
        exceptIds: failedKeys,
      });
    },
    details: () => ({
      types,
      force: params.force,
      status_changes: changeCount,
      changes: changes.map((c) => ({
        project_id: c.projectId,
        old_status: c.oldStatus,
        new_status: c.newStatus,
        notified: c.notified,
      })),
    }),
  };
}
