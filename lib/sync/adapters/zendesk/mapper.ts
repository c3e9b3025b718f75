import "server-only";
import { z } from "zod";
import type { WorkOrderPriority, WorkOrderStatus } from "@/db/schema";
import type { MapResult, MappedWorkOrder } from "@/lib/sync/types";

/**
 * Zendesk Support tickets (and the users they point at) in our shape. Only the fields we use are
 * checked; the rest of the record passes through untouched into `raw`, so a field Zendesk adds later
 * never fails a sync.
 */

/** Every `status` a ticket can have; `deleted` appears only in the incremental export. */
export const ZENDESK_STATUSES = ["new", "open", "pending", "hold", "solved", "closed", "deleted"] as const;
export type ZendeskStatus = (typeof ZENDESK_STATUSES)[number];

export const ZENDESK_PRIORITIES = ["urgent", "high", "normal", "low"] as const;

const STATUS_MAP: Record<ZendeskStatus, WorkOrderStatus> = {
  new: "open",
  // Zendesk's "open" means an agent is on it; our "open" is the untouched queue, which is Zendesk's "new".
  open: "in_progress",
  pending: "waiting", // waiting for the requester
  hold: "waiting", // waiting for a third party
  solved: "resolved",
  closed: "closed",
  // A deleted ticket is gone for good in Zendesk: closed here, and flagged so the engine can tell.
  deleted: "closed",
};

/** Messages that read as "<field> is missing" / "<field> is not a number" once the path is put in front. */
const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is missing" : `is not ${what}`),
});

const isoDate = z.string(expected("a date")).refine((s) => !Number.isNaN(Date.parse(s)), { error: "is not a date" });

const optionalId = z.number(expected("a number")).int({ error: "is not a whole number" }).nullish();

export const zendeskTicketSchema = z.looseObject({
  id: z.number(expected("a number")).int({ error: "is not a whole number" }).positive({ error: "is not positive" }),
  subject: z.string(expected("text")).nullish(),
  description: z.string(expected("text")).nullish(),
  status: z.enum(ZENDESK_STATUSES, {
    error: (issue) =>
      issue.input === undefined
        ? "is missing"
        : `is not a Zendesk status (${JSON.stringify(issue.input).slice(0, 40)})`,
  }),
  // Any text is accepted: Zendesk only knows four priorities, but one surprise value should not cost us the ticket.
  priority: z.string(expected("text")).nullish(),
  type: z.string(expected("text")).nullish(),
  assignee_id: optionalId,
  requester_id: optionalId,
  due_at: isoDate.nullish(),
  created_at: isoDate,
  updated_at: isoDate,
  url: z.string(expected("text")).nullish(),
});
export type ZendeskTicket = z.infer<typeof zendeskTicketSchema>;

/** A (side-loaded or looked-up) user: all we need is the name. */
export const zendeskUserSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
});
export type ZendeskUser = z.infer<typeof zendeskUserSchema>;

/** Names by user id from a list of users as Zendesk sent them; entries that are not users are skipped. */
export function userNames(users: readonly unknown[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const raw of users) {
    const parsed = zendeskUserSchema.safeParse(raw);
    if (parsed.success) names.set(parsed.data.id, parsed.data.name);
  }
  return names;
}

export function mapStatus(status: ZendeskStatus): WorkOrderStatus {
  return STATUS_MAP[status];
}

function mapPriority(priority: string | null | undefined): WorkOrderPriority | null {
  return (ZENDESK_PRIORITIES as readonly string[]).includes(priority ?? "") ? (priority as WorkOrderPriority) : null;
}

/**
 * One ticket as Zendesk sent it → our work order, or why not. Never throws: a bad record is reported
 * and the run goes on with the next one. `users` resolves assignee and requester ids to names;
 * `apiUrl` is the account's base URL (https://acme.zendesk.com), for the link into the agent UI.
 */
export function mapTicket(
  raw: unknown,
  users: ReadonlyMap<number, string>,
  apiUrl: string,
): MapResult<MappedWorkOrder> {
  const externalId = idOf(raw);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, externalId, reason: "the ticket is not a JSON object" };
  }
  const parsed = zendeskTicketSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, externalId, reason: describeIssues(parsed.error.issues) };
  const t = parsed.data;
  const base = apiUrl.replace(/\/+$/, "");
  const subject = t.subject?.trim();
  return {
    ok: true,
    record: {
      externalId: String(t.id),
      externalKey: `#${t.id}`,
      externalUrl: `${base}/agent/tickets/${t.id}`,
      title: subject ? subject : "(no subject)",
      // Zendesk's `description` is already the first comment as plain text.
      description: (t.description ?? "").replace(/\r\n?/g, "\n"),
      status: mapStatus(t.status),
      rawStatus: t.status,
      priority: mapPriority(t.priority),
      rawPriority: t.priority ?? null,
      assignee: nameOf(t.assignee_id, users),
      requester: nameOf(t.requester_id, users),
      dueAt: t.due_at ? new Date(t.due_at) : null,
      externalCreatedAt: new Date(t.created_at),
      externalUpdatedAt: new Date(t.updated_at),
      deleted: t.status === "deleted",
      raw: raw as Record<string, unknown>,
    },
  };
}

function nameOf(id: number | null | undefined, users: ReadonlyMap<number, string>): string | null {
  return id == null ? null : (users.get(id) ?? null);
}

/** The id for the failure report, even when the record is otherwise unreadable. */
function idOf(raw: unknown): string {
  if (typeof raw === "object" && raw !== null && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === "number" || (typeof id === "string" && id.length > 0 && id.length <= 40)) return String(id);
  }
  return "(unknown)";
}

/** "status is not a Zendesk status ("weird"); updated_at is missing": short enough for a run report. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path} ${issue.message}` : issue.message;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return `${parts.join("; ")}${more}`;
}
