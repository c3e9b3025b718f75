import type { AccessLinkDto } from "@/lib/projects/access-links";
import type { listCachedProjects, ProjectSyncAnswer, projectSyncHistory } from "@/lib/projects/project-sync";
import type { ProjectViewDto } from "@/lib/projects/project-view";

/** The API's answers as the projects page reads them (types only: nothing server-side reaches the browser). */
export type ProjectPage = Awaited<ReturnType<typeof listCachedProjects>>;
export type ProjectRow = ProjectPage["results"][number];
export type SyncHistoryPage = Awaited<ReturnType<typeof projectSyncHistory>>;
export type SyncHistoryEntry = SyncHistoryPage["history"][number];
export type StaffProjectView = ProjectViewDto & {
  status_history: { id: number; old_status: string; new_status: string; source: string; notified: boolean; detected_at: string }[];
};
export type { AccessLinkDto, ProjectSyncAnswer };

export const cacheStateTone = { fresh: "green", expiring: "amber", expired: "red" } as const;
export const statusTone = {
  pending: "gray",
  processing: "blue",
  resolved: "indigo",
  shipped: "sky",
  completed: "green",
} as const;
