import { eq, sql } from "drizzle-orm";
import { jobOutbox, projectAccessTokens, projects } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { createSystem } from "@/lib/sync/systems";
import {
  FAKE_PROJECT_LIBRARY_API_KEY,
  startFakeProjectLibrary,
  type FakeProjectLibraryOptions,
} from "@/test/fakes/project-library-server";

/** A fake project library with `projects` projects, set up as the hub's project library by `admin`. */
export async function startProjectLibrary(admin: Actor, options: FakeProjectLibraryOptions = { projects: 30 }) {
  const fake = await startFakeProjectLibrary(options);
  const system = await createSystem(
    { name: "Project library", type: "project_library", api_url: fake.url, api_key: FAKE_PROJECT_LIBRARY_API_KEY },
    admin,
  );
  return { fake, systemId: system.id };
}

/** The `project/status.changed` events in the outbox (payloads), oldest first. */
export async function projectStatusEvents(projectId?: string) {
  const db = await getDb();
  const rows = await db
    .select({ payload: jobOutbox.payload })
    .from(jobOutbox)
    .where(eq(jobOutbox.eventName, "project/status.changed"))
    .orderBy(jobOutbox.createdAt);
  return rows
    .map((r) => r.payload as { projectId: string; from: string; to: string; notify: boolean })
    .filter((p) => !projectId || p.projectId === projectId);
}

/** Ages a cached copy: expired `minutesAgo` minutes ago (and last confirmed a TTL before that). */
export async function expireCachedProject(projectId: string, minutesAgo = 1) {
  const db = await getDb();
  await db
    .update(projects)
    .set({
      expiresAt: sql`now() - make_interval(mins => ${minutesAgo})`,
      cachedAt: sql`now() - make_interval(mins => ${minutesAgo + 30})`,
    })
    .where(eq(projects.id, projectId));
}

/** Moves a link's expiry into the past (a link can only be created with a future one). */
export async function expireAccessLink(jti: string) {
  const db = await getDb();
  await db
    .update(projectAccessTokens)
    .set({ expiresAt: sql`now() - interval '1 minute'` })
    .where(eq(projectAccessTokens.jti, jti));
}
