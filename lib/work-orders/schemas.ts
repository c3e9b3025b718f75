import { z } from "zod";
import { workOrderPriorities, workOrderStatuses } from "@/db/schema";

const dateOrDateTime = (name: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)),
      `${name} must be a date (2026-12-31) or an ISO date-time`,
    );

export const workOrderSorts = ["-updated", "updated", "due", "-due", "-priority", "priority", "-created", "created"] as const;

/** GET /api/work-orders/ filters (seed 000), paginated DRF-style. */
export const listWorkOrdersQuery = z
  .object({
    system_id: z.coerce.number({ error: "system_id must be a number" }).int().positive().optional(),
    status: z.enum(workOrderStatuses, { error: `status must be one of ${workOrderStatuses.join(", ")}` }).optional(),
    priority: z.enum(workOrderPriorities, { error: `priority must be one of ${workOrderPriorities.join(", ")}` }).optional(),
    assignee: z.string().trim().min(1).max(200).optional(),
    due_before: dateOrDateTime("due_before").optional(),
    due_after: dateOrDateTime("due_after").optional(),
    q: z.string().trim().min(1, "q needs at least one character").max(200, "q is at most 200 characters").optional(),
    external_id: z.string().trim().min(1).max(200).optional(),
    include_deleted: z.enum(["true", "false"], { error: "include_deleted must be true or false" }).optional(),
    sort: z.enum(workOrderSorts, { error: `sort must be one of ${workOrderSorts.join(", ")}` }).default("-updated"),
    page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(100_000).default(1),
    page_size: z.coerce.number({ error: "page_size must be a number" }).int().min(1).max(200).default(20),
  })
  .refine((q) => !q.due_after || !q.due_before || Date.parse(q.due_after) <= Date.parse(q.due_before), {
    path: ["due_after"],
    message: "due_after must not be later than due_before",
  });
export type ListWorkOrdersQuery = z.output<typeof listWorkOrdersQuery>;

export { recordIdParams as workOrderIdParams } from "../sync/schemas";

/** PUT /api/work-orders/{id}/: our own fields only (the remote's are changed with update_external/). */
export const updateWorkOrderBody = z
  .object({
    note: z.string().max(5000, "At most 5000 characters").nullable().optional(),
    local_assignee: z.string().trim().max(200, "At most 200 characters").nullable().optional(),
    tags: z
      .array(z.string().trim().min(1, "A tag cannot be empty").max(50, "A tag is at most 50 characters"), { error: "tags must be a list of text" })
      .max(20, "At most 20 tags")
      .optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send at least one of note, local_assignee, tags");

/** POST /api/work-orders/{id}/update_external/ — pushed to the remote through its adapter. */
export const updateExternalBody = z
  .object({
    status: z.string().trim().min(1).max(100).optional(),
    comment: z.string().trim().min(1, "The comment is empty").max(10_000, "At most 10000 characters").optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.comment !== undefined, "Send a status, a comment, or both");

export const upcomingQuery = z.object({
  days: z.coerce.number({ error: "days must be a number" }).int().min(1, "At least 1 day").max(90, "At most 90 days").default(7),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(20),
});

export const pageQuery = z.object({
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(100_000).default(1),
  page_size: z.coerce.number({ error: "page_size must be a number" }).int().min(1).max(200).default(20),
});
