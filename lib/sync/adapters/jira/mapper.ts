import "server-only";
import { z } from "zod";
import type { WorkOrderPriority, WorkOrderStatus } from "@/db/schema";
import type { MapResult, MappedWorkOrder } from "@/lib/sync/types";
import { adfToText } from "./adf-to-text";

/**
 * A Jira Cloud issue (REST v3, `fields` as we ask for them) to our work order. Only the fields below
 * are requested, never `*all`: a wide issue with dozens of custom fields costs Jira and us time and
 * bytes for nothing, and `raw` would carry them all.
 */
export const JIRA_ISSUE_FIELDS = [
  "summary",
  "description",
  "status",
  "priority",
  "assignee",
  "reporter",
  "duedate",
  "created",
  "updated",
] as const;

/**
 * Jira's timestamps: `2024-01-15T10:30:00.000+0800` (offset without a colon, which ISO 8601 allows
 * but `Date.parse` does not promise to read). Normalized to `+08:00` so parsing is not left to the
 * engine's leniency. Null when the text is not such a timestamp.
 */
export function parseJiraDateTime(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (!m) return null;
  const zone = m[2] === "Z" ? "Z" : `${m[2]!.slice(0, 3)}:${m[2]!.slice(-2)}`;
  // More than millisecond digits would make Date.parse give up; they carry nothing we keep.
  const local = m[1]!.replace(/(\.\d{3})\d+$/, "$1");
  const ms = Date.parse(`${local}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

const jiraDateTime = z
  .string()
  .refine((s) => parseJiraDateTime(s) !== null, { message: "not a Jira timestamp" })
  .transform((s) => parseJiraDateTime(s)!);

/**
 * A due date is a calendar day without a time or a zone. We store it as 00:00 UTC of that day, so its
 * date part reads back unchanged wherever it is formatted in UTC (a UI should format `due_at` as a
 * date in UTC, not as an instant in the viewer's zone).
 */
export function parseJiraDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  // 2024-02-30 would roll over to March 1st: not a day Jira would send.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? date : null;
}

const jiraDate = z
  .string()
  .refine((s) => parseJiraDate(s) !== null, { message: "not a YYYY-MM-DD date" })
  .transform((s) => parseJiraDate(s)!);

const user = z.object({ displayName: z.string() }).nullish();

export const jiraIssueFieldsSchema = z.object({
  summary: z.string(),
  // ADF in v3; a string when a site or field still speaks v2. Anything else is read as no description.
  description: z.unknown().optional(),
  status: z.object({
    name: z.string().min(1),
    statusCategory: z.object({ key: z.string() }),
  }),
  priority: z.object({ name: z.string() }).nullish(),
  assignee: user,
  reporter: user,
  duedate: jiraDate.nullish(),
  created: jiraDateTime.nullish(),
  // Required: the incremental cursor is built on it.
  updated: jiraDateTime,
});

export const jiraIssueSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: jiraIssueFieldsSchema,
});

export type JiraIssue = z.infer<typeof jiraIssueSchema>;

/**
 * Through the status *category*, not the name: names are per-workflow and free text ("Waiting for
 * customer", "QA", in any language), the three categories are fixed. A status without a category
 * (Jira's "undefined", No Category) reads as open, with its name kept in raw_status.
 */
const STATUS_BY_CATEGORY: Record<string, WorkOrderStatus> = {
  new: "open",
  indeterminate: "in_progress",
  done: "resolved",
};

/** Jira's default priority scheme; other names keep only raw_priority. */
const PRIORITY_BY_NAME: Record<string, WorkOrderPriority> = {
  highest: "urgent",
  high: "high",
  medium: "normal",
  low: "low",
  lowest: "low",
};

export function mapStatusCategory(categoryKey: string): WorkOrderStatus {
  return STATUS_BY_CATEGORY[categoryKey] ?? "open";
}

export function mapPriority(name: string | null | undefined): WorkOrderPriority | null {
  return name ? (PRIORITY_BY_NAME[name.trim().toLowerCase()] ?? null) : null;
}

/** One issue as received to our record, or the reason it cannot be one. Never throws. */
export function mapIssue(raw: unknown, apiUrl: string): MapResult<MappedWorkOrder> {
  let parsed: ReturnType<typeof jiraIssueSchema.safeParse>;
  try {
    parsed = jiraIssueSchema.safeParse(raw);
  } catch {
    // Only a getter-laden object could make zod throw; JSON never does. Still: one record, not the run.
    return { ok: false, externalId: externalIdOf(raw), reason: "Jira issue could not be read" };
  }
  if (!parsed.success) {
    return { ok: false, externalId: externalIdOf(raw), reason: describeIssues(parsed.error) };
  }
  const { id, key, fields } = parsed.data;
  return {
    ok: true,
    record: {
      externalId: id,
      externalKey: key,
      externalUrl: `${apiUrl.replace(/\/+$/, "")}/browse/${encodeURIComponent(key)}`,
      title: fields.summary,
      description: adfToText(fields.description ?? null),
      status: mapStatusCategory(fields.status.statusCategory.key),
      rawStatus: fields.status.name,
      priority: mapPriority(fields.priority?.name),
      rawPriority: fields.priority?.name ?? null,
      assignee: fields.assignee?.displayName ?? null,
      requester: fields.reporter?.displayName ?? null,
      dueAt: fields.duedate ?? null,
      externalCreatedAt: fields.created ?? null,
      externalUpdatedAt: fields.updated,
      // Jira has no soft delete: a deleted issue simply stops appearing in searches.
      deleted: false,
      raw: raw as Record<string, unknown>,
    },
  };
}

/**
 * `fields.updated` of an issue as received, even one that cannot be mapped: the pull cursor moves past
 * every record it has seen, or one bad record would be fetched again on every run.
 */
export function issueUpdatedAt(raw: unknown): Date | null {
  if (typeof raw !== "object" || raw === null) return null;
  const fields = (raw as { fields?: unknown }).fields;
  if (typeof fields !== "object" || fields === null) return null;
  const updated = (fields as { updated?: unknown }).updated;
  return typeof updated === "string" ? parseJiraDateTime(updated) : null;
}

function externalIdOf(raw: unknown): string {
  if (typeof raw === "object" && raw !== null) {
    const { id, key } = raw as { id?: unknown; key?: unknown };
    if (typeof id === "string" && id) return id;
    if (typeof id === "number") return String(id);
    if (typeof key === "string" && key) return key;
  }
  return "(unknown)";
}

/** "fields.status: missing; fields.updated: not a Jira timestamp" — short enough for a run's log. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join(".") || "issue";
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    return `${path}: ${missing ? "missing" : issue.message}`;
  });
  if (error.issues.length > 3) parts.push(`and ${error.issues.length - 3} more`);
  return `Jira issue could not be read (${parts.join("; ")})`;
}
