import "server-only";
import { RemoteError } from "@/lib/sync/remote-http";
import type {
  ConnectionCheck,
  MappedWorkOrder,
  PulledPage,
  PullOptions,
  StatusOption,
  SystemConnection,
  WorkOrderAdapter,
  WorkOrderUpdate,
} from "@/lib/sync/types";
import { createZendeskClient, type ExportPosition, type TicketChange, type ZendeskClientOptions } from "./client";
import { mapTicket, userNames } from "./mapper";

/**
 * Zendesk Support as a source of work orders: the cursor-based incremental ticket export for pulls,
 * ticket updates for write-back. Settings: `{ start_time?: number | string }`, where a first sync
 * starts (Unix seconds or a date; default 0, the whole history).
 */

/**
 * Where the next pull continues: Zendesk's `after_cursor`, stored even at the end of the stream, because
 * the next run must go on from there with `cursor=` (Zendesk allows `start_time` only for the first
 * request). `start_time` is kept only while Zendesk has not yet handed out any cursor (an account with no
 * tickets answers a `start_time` request without one).
 */
export type ZendeskCursor = { after_cursor: string } | { start_time: number };

/** What an agent can set; `new` cannot be gone back to, `closed` is Zendesk's to set after `solved`. */
export const ZENDESK_STATUS_OPTIONS: readonly StatusOption[] = [
  { value: "open", label: "Open" },
  { value: "pending", label: "Pending" },
  { value: "hold", label: "On-hold" },
  { value: "solved", label: "Solved" },
];

export function createZendeskAdapter(
  connection: SystemConnection,
  options: ZendeskClientOptions = {},
): WorkOrderAdapter {
  const client = createZendeskClient(connection, options);

  /** Names of the users the tickets point at, looked up for ids the page did not side-load. */
  async function resolveNames(
    tickets: readonly unknown[],
    names: Map<number, string>,
    unknown: Set<number>,
    signal?: AbortSignal,
  ): Promise<void> {
    const missing = userIdsOf(tickets).filter((id) => !names.has(id) && !unknown.has(id));
    if (missing.length === 0) return;
    for (const [id, name] of userNames(await client.showManyUsers(missing, signal))) names.set(id, name);
    // Deleted users stay unknown; remember them so later pages do not ask again.
    for (const id of missing) if (!names.has(id)) unknown.add(id);
  }

  async function* pull({ cursor, signal }: PullOptions): AsyncGenerator<PulledPage<MappedWorkOrder>> {
    let position = positionFrom(cursor, connection.settings);
    // One run's name cache: a requester with many tickets is looked up (or side-loaded) once.
    const names = new Map<number, string>();
    const unknown = new Set<number>();
    for (;;) {
      if (signal.aborted) throw new RemoteError("aborted", "The sync was stopped");
      const before = client.requestCount();
      const page = await client.exportTickets(position, signal);
      for (const [id, name] of userNames(page.users)) names.set(id, name);
      await resolveNames(page.tickets, names, unknown, signal);
      const base = client.baseUrl();
      const items = page.tickets.map((ticket) => mapTicket(ticket, names, base));
      const next: ExportPosition = page.afterCursor ? { cursor: page.afterCursor } : position;
      yield { items, nextCursor: cursorOf(next), requests: client.requestCount() - before };
      if (page.endOfStream) return;
      if (!page.afterCursor || ("cursor" in position && page.afterCursor === position.cursor)) {
        // Asking again with the same position would loop for ever.
        throw new RemoteError(
          "invalid_response",
          "Zendesk's ticket export said there is more, but gave no new cursor to continue from",
        );
      }
      position = next;
    }
  }

  return {
    async testConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        const me = await client.me(signal);
        if (me.id === null) {
          // A caller Zendesk does not recognise can get a 200 with the anonymous user (id null) instead of a 401.
          return {
            ok: false,
            message:
              "Zendesk did not accept the credentials (it answered as an anonymous user): check the agent's e-mail address and the API token",
            latency_ms: elapsed(),
          };
        }
        // The incremental export is for admins only: say so now rather than let the first sync fail with a 403.
        const note =
          me.role && me.role !== "admin" ? `; note: syncing needs an admin, and this user's role is ${me.role}` : "";
        return {
          ok: true,
          message: `Connected to Zendesk as ${me.name || `user ${me.id}`}${note}`,
          latency_ms: elapsed(),
        };
      } catch (e) {
        if (e instanceof RemoteError) return { ok: false, message: e.message, latency_ms: elapsed() };
        throw e;
      }
    },

    pull,

    async statusOptions(externalId: string, signal?: AbortSignal): Promise<StatusOption[]> {
      const ticket = await client.getTicket(ticketId(externalId), signal);
      const status = (ticket as { status?: unknown }).status;
      // Zendesk refuses any change to a closed ticket ("closed prevents ticket update").
      if (status === "closed" || status === "deleted") return [];
      return ZENDESK_STATUS_OPTIONS.map((option) => ({ ...option }));
    },

    async pushUpdate(externalId: string, update: WorkOrderUpdate, signal?: AbortSignal): Promise<MappedWorkOrder> {
      const id = ticketId(externalId);
      const change: TicketChange = {};
      if (update.status !== undefined) {
        if (!ZENDESK_STATUS_OPTIONS.some((option) => option.value === update.status)) {
          throw new RemoteError(
            "bad_request",
            `${JSON.stringify(String(update.status).slice(0, 40))} is not a status we can set in Zendesk; allowed: ${ZENDESK_STATUS_OPTIONS.map((o) => o.value).join(", ")}`,
          );
        }
        change.status = update.status;
      }
      const body = update.comment?.trim();
      // An internal note (public: false): agents see it, the requester is not e-mailed our remarks.
      if (body) change.comment = { body, public: false };
      if (!change.status && !change.comment) {
        throw new RemoteError("bad_request", "Nothing to send to Zendesk: give a status, a comment or both");
      }
      const { ticket } = await client.updateTicket(id, change, signal);
      const names = new Map<number, string>();
      await resolveNames([ticket], names, new Set(), signal);
      const mapped = mapTicket(ticket, names, client.baseUrl());
      if (!mapped.ok) {
        throw new RemoteError(
          "invalid_response",
          `Zendesk saved the change, but its answer for ticket #${id} could not be read: ${mapped.reason}`,
        );
      }
      return mapped.record;
    },

    requestCount: () => client.requestCount(),
  };
}

function positionFrom(cursor: Record<string, unknown> | null, settings: Record<string, unknown>): ExportPosition {
  if (cursor && typeof cursor.after_cursor === "string" && cursor.after_cursor !== "") {
    return { cursor: cursor.after_cursor };
  }
  if (
    cursor &&
    typeof cursor.start_time === "number" &&
    Number.isInteger(cursor.start_time) &&
    cursor.start_time >= 0
  ) {
    return { startTime: cursor.start_time };
  }
  if (cursor && Object.keys(cursor).length > 0) {
    // Starting over silently could mean re-exporting years of tickets; make someone decide.
    throw new RemoteError(
      "bad_request",
      "The stored sync position is not a Zendesk cursor; clear it to sync from the start",
    );
  }
  return { startTime: firstStartTime(settings.start_time) };
}

function cursorOf(position: ExportPosition): ZendeskCursor {
  return "cursor" in position ? { after_cursor: position.cursor } : { start_time: position.startTime };
}

/** `settings.start_time` as Unix seconds: a number, digits, or a date; 0 (everything) when unset. */
function firstStartTime(value: unknown): number {
  if (value === undefined || value === null || value === "") return 0;
  let seconds = Number.NaN;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string") seconds = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RemoteError(
      "bad_request",
      "The Zendesk setting start_time must be a Unix time in seconds or a date such as 2024-01-31",
    );
  }
  // Zendesk refuses a start_time within the last minute ("Too recent start_time").
  return Math.max(0, Math.min(Math.floor(seconds), Math.floor(Date.now() / 1000) - 60));
}

/** Our externalId is Zendesk's numeric ticket id; anything else never reaches a URL. */
function ticketId(externalId: string): number {
  if (!/^[1-9]\d{0,15}$/.test(externalId) || !Number.isSafeInteger(Number(externalId))) {
    throw new RemoteError("bad_request", `${JSON.stringify(externalId.slice(0, 40))} is not a Zendesk ticket id`);
  }
  return Number(externalId);
}

function userIdsOf(tickets: readonly unknown[]): number[] {
  const ids = new Set<number>();
  for (const ticket of tickets) {
    if (typeof ticket !== "object" || ticket === null) continue;
    const { assignee_id, requester_id } = ticket as { assignee_id?: unknown; requester_id?: unknown };
    if (typeof assignee_id === "number" && Number.isInteger(assignee_id)) ids.add(assignee_id);
    if (typeof requester_id === "number" && Number.isInteger(requester_id)) ids.add(requester_id);
  }
  return [...ids];
}
