import type { BadgeTone } from "@/components/ui/badge";
import { projectRoles, projectStatuses, type ProjectRole, type ProjectStatus } from "@/lib/projects/types";

/**
 * Browser-safe helpers for showing a project's status: the order of the five steps, where a status
 * stands in it, and a badge colour per status.
 */

export const projectStatusOrder = projectStatuses;

export type StepState = "done" | "current" | "todo";

/** Each step's state for a project in `status`: a completed project has nothing left to wait for. */
export function statusSteps(status: ProjectStatus): { status: ProjectStatus; state: StepState }[] {
  const reached = projectStatusOrder.indexOf(status);
  const finished = status === "completed";
  return projectStatusOrder.map((s, i) => ({
    status: s,
    state: finished || i < reached ? "done" : i === reached ? "current" : "todo",
  }));
}

export const projectStatusTone: Record<ProjectStatus, BadgeTone> = {
  pending: "amber",
  processing: "blue",
  resolved: "indigo",
  shipped: "sky",
  completed: "green",
};

/** People listed customer first, then engineers, then salesmen (the library's order within a role). */
export const roleRank = (role: ProjectRole) => projectRoles.indexOf(role);
