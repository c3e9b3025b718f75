import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake Zendesk Support API: a real HTTP server on 127.0.0.1 (port 0), started by the tests that use
 * it, so the adapter's whole stack (fetch, auth header, timeouts, retries, JSON parsing) runs for real.
 *
 * What it serves, as Zendesk documents it:
 * - `GET /api/v2/users/me.json`: the signed-in user; without an Authorization header, the anonymous
 *   user (`id: null`); with wrong credentials, 401 `{"error":"Couldn't authenticate you"}`.
 * - `GET /api/v2/incremental/tickets/cursor.json`: the cursor-based incremental export. Tickets in
 *   (updated_at, id) order; `start_time` (first request) includes tickets updated at or after it;
 *   `cursor` continues after the ticket it names; `per_page` 1–1000 (default 1000); `include=users`
 *   side-loads requesters, submitters and assignees; `exclude_deleted=true` drops deleted tickets.
 *   Deleted tickets stay in the export with `status: "deleted"`. `end_of_stream` is true when the page
 *   reaches the present; its `after_cursor` then picks up whatever changes later. A request that finds
 *   nothing new gets its own cursor back, or `after_cursor: null` for a `start_time` request.
 * - `GET /api/v2/tickets/{id}.json` (`include=users` too), `PUT /api/v2/tickets/{id}.json` with
 *   `{ ticket: { status?, comment?: { body, public } } }` → `{ ticket, audit }`. Deleted tickets are 404;
 *   a closed ticket refuses every update with 422, as Zendesk does.
 * - `GET /api/v2/users/show_many.json?ids=1,2` (up to 100 ids).
 *
 * The clock is the fake's own (Unix seconds, `state.setClock`/`advanceClock`), never the wall clock.
 * Every change stamps `updated_at` with it; when an export has already been answered up to the current
 * second, a change moves the clock on by a second first, so it can never hide behind a cursor already
 * handed out (real Zendesk gets the same guarantee by leaving the last minute out of every export; set
 * `exportLagSeconds: 60` to imitate that).
 *
 * Sized for 100,000 tickets: ids are kept in an array sorted by (updated_at, id), so a page is a binary
 * search plus a slice, and a change is a binary search plus one splice.
 */

export type FakeTicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed" | "deleted";
export type FakeTicketPriority = "urgent" | "high" | "normal" | "low";
export type FakeTicketType = "problem" | "incident" | "question" | "task";

export interface FakeTicket {
  id: number;
  subject: string | null;
  description: string;
  status: FakeTicketStatus;
  priority: FakeTicketPriority | null;
  type: FakeTicketType | null;
  requester_id: number | null;
  submitter_id: number | null;
  assignee_id: number | null;
  group_id: number | null;
  due_at: string | null;
  tags: string[];
  /** ISO 8601 in UTC, whole seconds, as Zendesk writes them. */
  created_at: string;
  updated_at: string;
}

/** A new ticket: anything left out gets a plain default; the times default to the fake's clock. */
export type FakeTicketInput = Partial<FakeTicket>;
/** What a test may change; `updated_at` always moves to the fake's clock. */
export type FakeTicketPatch = Partial<Omit<FakeTicket, "id" | "created_at" | "updated_at">>;

export interface FakeUser {
  id: number;
  name: string;
  email: string;
  role: "admin" | "agent" | "end-user";
}

export interface FakeComment {
  id: number;
  body: string;
  public: boolean;
  author_id: number | null;
  created_at: string;
}

export type FakeEndpoint =
  "users.me" | "tickets.export" | "tickets.show" | "tickets.update" | "users.show_many" | "other";

/** A failure to answer with instead of the real thing (a slow answer is the real thing, late). */
export type FakeFailure =
  | { type: "rate_limit"; retryAfterSeconds: number }
  | { type: "server_error"; status?: number }
  | { type: "truncated_json" }
  | { type: "slow"; delayMs: number };

export interface FakeCredentials {
  email: string;
  token: string;
  /** Allows plain `email:password` Basic as well (Zendesk's "password access"). */
  password?: string | null;
}

/** One request as the fake saw it; never the Authorization header. */
export interface FakeRequestRecord {
  endpoint: FakeEndpoint;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface FakeZendeskOptions {
  /** The fake's clock at start (default 2025-01-15T12:00:00Z). */
  now?: Date | number;
  credentials?: FakeCredentials;
  /** Replaces the default users (an admin, an agent and two customers, ids 1–4). */
  users?: FakeUser[];
  /** A number generates that many tickets (`generateTickets`), a list adds those. */
  tickets?: number | FakeTicketInput[];
  /** The export leaves out tickets changed in the last N seconds (Zendesk: 60). Default 0. */
  exportLagSeconds?: number;
  /** False: `include=users` is ignored, so clients must look names up themselves. Default true. */
  sideloadUsers?: boolean;
  /**
   * How users/me answers wrong credentials: 401 (default), or the anonymous user, as Zendesk does when
   * it cannot match the credentials to a user and treats the caller as a visitor.
   */
  badCredentialsOnMe?: "401" | "anonymous";
}

export interface FakeZendeskState {
  /** The fake's clock, Unix seconds. */
  now(): number;
  /** Moves the clock forward (to a Date or Unix seconds); it never goes back. */
  setClock(to: Date | number): void;
  advanceClock(seconds: number): void;

  addTicket(input?: FakeTicketInput): FakeTicket;
  /** Many at once, sorted into the index in one go. */
  addTickets(inputs: readonly FakeTicketInput[]): void;
  /** Adds `n` generated tickets with the next free ids, the newest updated now. */
  generateTickets(n: number): void;
  editTicket(id: number, patch: FakeTicketPatch): FakeTicket;
  /** Zendesk's soft delete: status "deleted", still in the export, 404 everywhere else. */
  deleteTicket(id: number): FakeTicket;
  /** A copy, or undefined. */
  ticket(id: number): FakeTicket | undefined;
  ticketCount(): number;
  /** Comments added through the API (Zendesk's first comment is the description, not repeated here). */
  comments(id: number): FakeComment[];

  addUser(user: Omit<FakeUser, "id"> & { id?: number }): FakeUser;
  editUser(id: number, patch: Partial<Omit<FakeUser, "id">>): FakeUser;
  removeUser(id: number): void;
  user(id: number): FakeUser | undefined;

  setCredentials(credentials: FakeCredentials): void;

  /** Requests per endpoint (failed ones included), or all of them. */
  requestCount(endpoint?: FakeEndpoint): number;
  /** Every request so far, oldest first. */
  requests(endpoint?: FakeEndpoint): FakeRequestRecord[];
  resetRequests(): void;
  /** Answers the next `times` requests to `endpoint` ("*": any endpoint) with `failure`. */
  failNext(endpoint: FakeEndpoint | "*", failure: FakeFailure, times?: number): void;
}

export interface FakeZendesk {
  /** http://127.0.0.1:<port>, to use as the system's API URL. */
  url: string;
  state: FakeZendeskState;
  close(): Promise<void>;
}

const DEFAULT_NOW = Date.UTC(2025, 0, 15, 12, 0, 0) / 1000;
const MAX_PER_PAGE = 1000;
const SHOW_MANY_MAX = 100;
const STATUSES: readonly FakeTicketStatus[] = ["new", "open", "pending", "hold", "solved", "closed", "deleted"];

export const DEFAULT_FAKE_CREDENTIALS: FakeCredentials = {
  email: "admin@example.com",
  token: "fake-zendesk-token-0123456789",
};

export const DEFAULT_FAKE_USERS: readonly FakeUser[] = [
  { id: 1, name: "Ada Admin", email: "admin@example.com", role: "admin" },
  { id: 2, name: "Bo Agent", email: "bo@example.com", role: "agent" },
  { id: 3, name: "Cy Customer", email: "cy@example.com", role: "end-user" },
  { id: 4, name: "Di Customer", email: "di@example.com", role: "end-user" },
];

/** Unix seconds → "2025-01-15T12:00:00Z". Hand-rolled with the date part memoised: Date#toISOString
 * alone takes most of a second for the 300,000 stamps of 100,000 generated tickets. */
const iso = (() => {
  const days = new Map<number, string>();
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return (seconds: number): string => {
    const day = Math.floor(seconds / 86_400);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      days.set(day, date);
    }
    const rest = seconds - day * 86_400;
    return `${date}T${two(Math.floor(rest / 3600))}:${two(Math.floor(rest / 60) % 60)}:${two(rest % 60)}Z`;
  };
})();
const toSeconds = (at: Date | number) => Math.floor(typeof at === "number" ? at : at.getTime() / 1000);

export interface GenerateTicketsOptions {
  firstId?: number;
  /** `updated_at` of the last ticket, Unix seconds; earlier ones go back a second per three tickets. */
  endAt?: number;
  agentIds?: readonly number[];
  requesterIds?: readonly number[];
}

/**
 * `n` varied tickets: every status but deleted, every priority and none, some unassigned, and three
 * tickets to a second so that ordering by id within a second matters.
 */
export function generateTickets(n: number, options: GenerateTicketsOptions = {}): FakeTicket[] {
  const firstId = options.firstId ?? 1;
  const endAt = options.endAt ?? DEFAULT_NOW;
  const agents = options.agentIds ?? [1, 2];
  const requesters = options.requesterIds ?? [3, 4];
  const statuses: FakeTicketStatus[] = ["new", "open", "pending", "hold", "solved", "closed"];
  const priorities: (FakeTicketPriority | null)[] = [null, "low", "normal", "high", "urgent"];
  const types: (FakeTicketType | null)[] = ["question", "incident", "problem", "task", null];
  const tickets: FakeTicket[] = new Array(n);
  let stampedAt = Number.NaN;
  let stamp = "";
  for (let i = 0; i < n; i++) {
    const id = firstId + i;
    const status = statuses[i % statuses.length]!;
    const updatedAt = endAt - Math.floor((n - 1 - i) / 3);
    // Three tickets share each second: format it once.
    if (updatedAt !== stampedAt) {
      stampedAt = updatedAt;
      stamp = iso(updatedAt);
    }
    tickets[i] = {
      id,
      subject: `Generated ticket ${id}`,
      description: `Something needs doing (ticket ${id}).`,
      status,
      priority: priorities[i % priorities.length]!,
      type: types[i % types.length]!,
      requester_id: requesters.length ? requesters[i % requesters.length]! : null,
      submitter_id: requesters.length ? requesters[i % requesters.length]! : null,
      assignee_id: status === "new" || !agents.length ? null : agents[i % agents.length]!,
      group_id: null,
      due_at: i % 7 === 0 ? iso(updatedAt + 7 * 86_400) : null,
      tags: i % 2 ? ["generated"] : [],
      created_at: iso(updatedAt - 86_400),
      updated_at: stamp,
    };
  }
  return tickets;
}

export function encodeFakeCursor(updatedAt: number, id: number): string {
  // The shape of Zendesk's own cursors ("1576613539.0||467|" in base64); clients must treat it as opaque.
  return Buffer.from(`${updatedAt}.0||${id}|`, "utf8").toString("base64");
}

function decodeFakeCursor(cursor: string): { t: number; id: number } | null {
  const match = /^(\d+)\.0\|\|(\d+)\|$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? { t: Number(match[1]), id: Number(match[2]) } : null;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const error = (status: number, code: string, description?: string): Reply => ({
  status,
  body: description ? { error: code, description } : { error: code },
});
const NOT_FOUND = error(404, "RecordNotFound", "Not found");
const UNAUTHENTICATED = error(401, "Couldn't authenticate you");

class FakeZendeskStore implements FakeZendeskState {
  private clock: number;
  /** The latest second an export has answered up to; changes are stamped after it. */
  private servedUpTo = Number.NEGATIVE_INFINITY;
  private readonly lag: number;
  private readonly sideload: boolean;
  private readonly badCredentialsOnMe: "401" | "anonymous";
  private readonly ticketsById = new Map<number, FakeTicket>();
  /** updated_at in seconds, by id: the sort key without parsing dates in the hot path. */
  private readonly times = new Map<number, number>();
  /** Ticket ids sorted by (updated_at, id). */
  private readonly order: number[] = [];
  private nextTicketId = 1;
  private readonly usersById = new Map<number, FakeUser>();
  private nextUserId = 1;
  private readonly commentsById = new Map<number, FakeComment[]>();
  private nextCommentId = 1;
  private nextAuditId = 1;
  private credentials: FakeCredentials;
  private readonly log: FakeRequestRecord[] = [];
  private readonly failures: { endpoint: FakeEndpoint | "*"; failure: FakeFailure }[] = [];

  constructor(options: FakeZendeskOptions) {
    this.clock = toSeconds(options.now ?? DEFAULT_NOW);
    this.lag = Math.max(0, Math.floor(options.exportLagSeconds ?? 0));
    this.sideload = options.sideloadUsers ?? true;
    this.badCredentialsOnMe = options.badCredentialsOnMe ?? "401";
    this.credentials = { ...(options.credentials ?? DEFAULT_FAKE_CREDENTIALS) };
    for (const user of options.users ?? DEFAULT_FAKE_USERS) this.addUser(user);
    if (typeof options.tickets === "number") this.generateTickets(options.tickets);
    else if (options.tickets) this.addTickets(options.tickets);
  }

  // ---- clock ----

  now() {
    return this.clock;
  }

  setClock(to: Date | number) {
    const seconds = toSeconds(to);
    if (seconds < this.clock) throw new Error(`The fake Zendesk clock only moves forward (now ${iso(this.clock)})`);
    this.clock = seconds;
  }

  advanceClock(seconds: number) {
    this.setClock(this.clock + seconds);
  }

  /** The time a change happens: now, but never inside a second an export has already answered for. */
  private changeTime(): number {
    if (this.clock <= this.servedUpTo) this.clock = this.servedUpTo + 1;
    return this.clock;
  }

  // ---- tickets ----

  private complete(input: FakeTicketInput, id: number): FakeTicket {
    const now = iso(this.clock);
    const status = input.status ?? "new";
    if (!STATUSES.includes(status)) throw new Error(`Not a Zendesk status: ${status}`);
    return {
      id,
      subject: input.subject === undefined ? `Ticket ${id}` : input.subject,
      description: input.description ?? "",
      status,
      priority: input.priority ?? null,
      type: input.type ?? null,
      requester_id: input.requester_id === undefined ? 3 : input.requester_id,
      submitter_id: input.submitter_id === undefined ? (input.requester_id ?? 3) : input.submitter_id,
      assignee_id: input.assignee_id ?? null,
      group_id: input.group_id ?? null,
      due_at: input.due_at ?? null,
      tags: [...(input.tags ?? [])],
      created_at: input.created_at ?? input.updated_at ?? now,
      updated_at: input.updated_at ?? now,
    };
  }

  private claimId(requested: number | undefined): number {
    const id = requested ?? this.nextTicketId;
    if (!Number.isSafeInteger(id) || id < 1) throw new Error(`Not a ticket id: ${id}`);
    if (this.ticketsById.has(id)) throw new Error(`Ticket ${id} exists already`);
    this.nextTicketId = Math.max(this.nextTicketId, id + 1);
    return id;
  }

  private store(ticket: FakeTicket) {
    const t = Math.floor(Date.parse(ticket.updated_at) / 1000);
    if (!Number.isFinite(t)) throw new Error(`Ticket ${ticket.id}: updated_at is not a date`);
    this.ticketsById.set(ticket.id, ticket);
    this.times.set(ticket.id, t);
  }

  addTicket(input: FakeTicketInput = {}): FakeTicket {
    const id = this.claimId(input.id);
    if (input.updated_at === undefined) this.changeTime();
    const ticket = this.complete(input, id);
    this.store(ticket);
    this.order.splice(this.lowerBound(this.times.get(id)!, id), 0, id);
    return copy(ticket);
  }

  addTickets(inputs: readonly FakeTicketInput[]) {
    if (inputs.some((input) => input.updated_at === undefined)) this.changeTime();
    this.insertMany(inputs.map((input) => this.complete(input, this.claimId(input.id))));
  }

  generateTickets(n: number) {
    const tickets = generateTickets(n, { firstId: this.nextTicketId, endAt: this.changeTime() });
    // Fresh objects nobody else holds: no defensive copy (it would double the work for 100,000).
    for (const ticket of tickets) this.claimId(ticket.id);
    this.insertMany(tickets);
  }

  private insertMany(tickets: readonly FakeTicket[]) {
    for (const ticket of tickets) {
      this.store(ticket);
      this.order.push(ticket.id);
    }
    // Sort (t, id) pairs rather than ids with a Map lookup per comparison: 100,000 tickets in ~50 ms.
    const keyed = this.order.map((id) => ({ id, t: this.times.get(id)! }));
    keyed.sort((a, b) => a.t - b.t || a.id - b.id);
    for (let i = 0; i < keyed.length; i++) this.order[i] = keyed[i]!.id;
  }

  editTicket(id: number, patch: FakeTicketPatch): FakeTicket {
    const ticket = this.ticketsById.get(id);
    if (!ticket) throw new Error(`No ticket ${id}`);
    if (patch.status !== undefined && !STATUSES.includes(patch.status)) {
      throw new Error(`Not a Zendesk status: ${patch.status}`);
    }
    // The id and the times are the fake's to keep, whatever a test passes in.
    const { id: _id, created_at: _created, updated_at: _updated, ...fields } = patch as FakeTicket;
    Object.assign(ticket, fields, patch.tags ? { tags: [...patch.tags] } : {});
    this.touch(ticket);
    return copy(ticket);
  }

  deleteTicket(id: number): FakeTicket {
    return this.editTicket(id, { status: "deleted" });
  }

  /** Stamps the ticket with the change time and moves it to its new place in the order. */
  private touch(ticket: FakeTicket) {
    const oldT = this.times.get(ticket.id)!;
    const at = this.lowerBound(oldT, ticket.id);
    if (this.order[at] === ticket.id) this.order.splice(at, 1);
    const t = this.changeTime();
    ticket.updated_at = iso(t);
    this.times.set(ticket.id, t);
    this.order.splice(this.lowerBound(t, ticket.id), 0, ticket.id);
  }

  ticket(id: number) {
    const ticket = this.ticketsById.get(id);
    return ticket ? copy(ticket) : undefined;
  }

  ticketCount() {
    return this.ticketsById.size;
  }

  comments(id: number) {
    return (this.commentsById.get(id) ?? []).map((c) => ({ ...c }));
  }

  /** First index whose (updated_at, id) is at or after (t, id). */
  private lowerBound(t: number, id: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const midId = this.order[mid]!;
      const midT = this.times.get(midId)!;
      if (midT < t || (midT === t && midId < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---- users and credentials ----

  addUser(input: Omit<FakeUser, "id"> & { id?: number }): FakeUser {
    const id = input.id ?? this.nextUserId;
    if (this.usersById.has(id)) throw new Error(`User ${id} exists already`);
    const user: FakeUser = { id, name: input.name, email: input.email, role: input.role };
    this.usersById.set(id, user);
    this.nextUserId = Math.max(this.nextUserId, id + 1);
    return { ...user };
  }

  editUser(id: number, patch: Partial<Omit<FakeUser, "id">>): FakeUser {
    const user = this.usersById.get(id);
    if (!user) throw new Error(`No user ${id}`);
    Object.assign(user, patch, { id });
    return { ...user };
  }

  removeUser(id: number) {
    this.usersById.delete(id);
  }

  user(id: number) {
    const user = this.usersById.get(id);
    return user ? { ...user } : undefined;
  }

  setCredentials(credentials: FakeCredentials) {
    this.credentials = { ...credentials };
  }

  // ---- requests and failures ----

  requestCount(endpoint?: FakeEndpoint) {
    return endpoint ? this.log.filter((r) => r.endpoint === endpoint).length : this.log.length;
  }

  requests(endpoint?: FakeEndpoint) {
    return this.log.filter((r) => !endpoint || r.endpoint === endpoint).map((r) => ({ ...r, query: { ...r.query } }));
  }

  resetRequests() {
    this.log.length = 0;
  }

  failNext(endpoint: FakeEndpoint | "*", failure: FakeFailure, times = 1) {
    for (let i = 0; i < times; i++) this.failures.push({ endpoint, failure });
  }

  /** @internal */
  takeFailure(endpoint: FakeEndpoint): FakeFailure | undefined {
    const at = this.failures.findIndex((f) => f.endpoint === endpoint || f.endpoint === "*");
    return at < 0 ? undefined : this.failures.splice(at, 1)[0]!.failure;
  }

  /** @internal */
  record(entry: FakeRequestRecord) {
    this.log.push(entry);
  }

  // ---- the API ----

  /** @internal Who is calling: a user, nobody (no header), or someone with wrong credentials. */
  authenticate(
    header: string | undefined,
  ): { kind: "user"; user: FakeUser } | { kind: "anonymous" } | { kind: "refused" } {
    if (!header) return { kind: "anonymous" };
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match) return { kind: "refused" };
    const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return { kind: "refused" };
    const login = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const { email, token, password } = this.credentials;
    const viaToken = login.toLowerCase() === `${email.toLowerCase()}/token` && secret === token;
    const viaPassword = !!password && login.toLowerCase() === email.toLowerCase() && secret === password;
    if (!viaToken && !viaPassword) return { kind: "refused" };
    const user = [...this.usersById.values()].find((u) => u.email.toLowerCase() === email.toLowerCase()) ?? {
      id: 1,
      name: "Fake Admin",
      email,
      role: "admin" as const,
    };
    return { kind: "user", user };
  }

  /** @internal */
  me(auth: ReturnType<FakeZendeskStore["authenticate"]>, base: string): Reply {
    if (auth.kind === "refused" && this.badCredentialsOnMe === "401") return UNAUTHENTICATED;
    if (auth.kind !== "user") {
      return {
        status: 200,
        body: {
          user: {
            id: null,
            url: null,
            name: "Anonymous user",
            email: "invalid@example.com",
            created_at: null,
            updated_at: null,
            time_zone: "UTC",
            role: "end-user",
            verified: false,
            active: true,
          },
        },
      };
    }
    return { status: 200, body: { user: this.userJson(auth.user, base) } };
  }

  /** @internal */
  exportTickets(query: URLSearchParams, base: string): Reply {
    const perPageParam = query.get("per_page");
    const perPage = perPageParam === null ? MAX_PER_PAGE : Number(perPageParam);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
      return error(400, "InvalidPaginationParameter", `per_page must be between 1 and ${MAX_PER_PAGE}`);
    }
    const upTo = this.clock - this.lag;
    const cursor = query.get("cursor");
    let start: number;
    if (cursor !== null) {
      const key = decodeFakeCursor(cursor);
      if (!key) return error(400, "InvalidPaginationParameter", "cursor is invalid");
      start = this.lowerBound(key.t, key.id + 1);
    } else {
      const startTime = query.get("start_time");
      if (startTime === null || !/^\d+$/.test(startTime)) {
        return error(400, "InvalidValue", "start_time is required: a Unix time in seconds");
      }
      if (Number(startTime) > upTo) {
        return error(
          400,
          "InvalidValue",
          `Too recent start_time. Use a start_time at least ${this.lag} seconds in the past`,
        );
      }
      start = this.lowerBound(Number(startTime), 0);
    }
    this.servedUpTo = Math.max(this.servedUpTo, upTo);
    const end = this.lowerBound(upTo + 1, 0);
    const excludeDeleted = query.get("exclude_deleted") === "true";
    const isSkipped = (id: number) => excludeDeleted && this.ticketsById.get(id)!.status === "deleted";

    const page: FakeTicket[] = [];
    let i = start;
    for (; i < end && page.length < perPage; i++) {
      const id = this.order[i]!;
      if (!isSkipped(id)) page.push(this.ticketsById.get(id)!);
    }
    while (i < end && isSkipped(this.order[i]!)) i++;
    const keyAt = (index: number) => encodeFakeCursor(this.times.get(this.order[index]!)!, this.order[index]!);
    const afterCursor = i > start ? keyAt(i - 1) : cursor;
    const cursorUrl = (c: string | null) =>
      c === null ? null : `${base}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(c)}`;
    const body: Record<string, unknown> = {
      tickets: page.map((t) => this.ticketJson(t, base)),
      after_url: cursorUrl(afterCursor),
      after_cursor: afterCursor,
      before_url: cursorUrl(cursor),
      before_cursor: cursor,
      end_of_stream: i >= end,
    };
    if (this.sideload && includesUsers(query)) body.users = this.sideloadUsers(page, base);
    return { status: 200, body };
  }

  /** @internal */
  showTicket(id: number, query: URLSearchParams, base: string): Reply {
    const ticket = this.ticketsById.get(id);
    if (!ticket || ticket.status === "deleted") return NOT_FOUND;
    const body: Record<string, unknown> = { ticket: this.ticketJson(ticket, base) };
    if (this.sideload && includesUsers(query)) body.users = this.sideloadUsers([ticket], base);
    return { status: 200, body };
  }

  /** @internal */
  updateTicket(id: number, payload: unknown, author: FakeUser, base: string): Reply {
    const ticket = this.ticketsById.get(id);
    if (!ticket || ticket.status === "deleted") return NOT_FOUND;
    const change = (payload as { ticket?: unknown } | null)?.ticket;
    if (typeof change !== "object" || change === null || Array.isArray(change)) {
      return error(400, "ParameterMissing", "ticket parameter is missing");
    }
    const { status, comment } = change as { status?: unknown; comment?: unknown };
    if (ticket.status === "closed") return invalid("status", "Status: closed prevents ticket update");
    const settable =
      ticket.status === "new"
        ? ["new", "open", "pending", "hold", "solved", "closed"]
        : ["open", "pending", "hold", "solved", "closed"];
    if (status !== undefined && (typeof status !== "string" || !settable.includes(status))) {
      return invalid("status", `Status: ${JSON.stringify(status)} is not valid`);
    }
    let newComment: FakeComment | null = null;
    if (comment !== undefined) {
      const { body, public: isPublic } = (comment ?? {}) as { body?: unknown; public?: unknown };
      if (typeof body !== "string" || body.trim() === "") return invalid("comment", "Comment: body can't be blank");
      if (isPublic !== undefined && typeof isPublic !== "boolean")
        return invalid("comment", "Comment: public must be true or false");
      newComment = { id: 0, body, public: isPublic ?? true, author_id: author.id, created_at: "" };
    }

    const events: Record<string, unknown>[] = [];
    if (typeof status === "string" && status !== ticket.status) {
      events.push({
        id: this.nextAuditId * 10 + 1,
        type: "Change",
        field_name: "status",
        value: status,
        previous_value: ticket.status,
      });
      ticket.status = status as FakeTicketStatus;
    }
    this.touch(ticket);
    if (newComment) {
      newComment.id = this.nextCommentId++;
      newComment.created_at = ticket.updated_at;
      const list = this.commentsById.get(id) ?? [];
      list.push(newComment);
      this.commentsById.set(id, list);
      events.push({
        id: this.nextAuditId * 10 + 2,
        type: "Comment",
        body: newComment.body,
        public: newComment.public,
        author_id: author.id,
      });
    }
    const audit = {
      id: this.nextAuditId++,
      ticket_id: id,
      created_at: ticket.updated_at,
      author_id: author.id,
      events,
    };
    return { status: 200, body: { ticket: this.ticketJson(ticket, base), audit } };
  }

  /** @internal */
  showManyUsers(query: URLSearchParams, base: string): Reply {
    const raw = query.get("ids");
    if (!raw) return error(400, "InvalidValue", "ids is required");
    const ids = raw.split(",").map((s) => Number(s.trim()));
    if (ids.some((id) => !Number.isSafeInteger(id) || id < 1))
      return error(400, "InvalidValue", "ids must be user ids");
    if (ids.length > SHOW_MANY_MAX) return error(400, "InvalidValue", `at most ${SHOW_MANY_MAX} ids`);
    const users = [...new Set(ids)].flatMap((id) => {
      const user = this.usersById.get(id);
      return user ? [this.userJson(user, base)] : [];
    });
    return { status: 200, body: { users, next_page: null, previous_page: null, count: users.length } };
  }

  private sideloadUsers(tickets: readonly FakeTicket[], base: string) {
    const ids = new Set<number>();
    for (const t of tickets) {
      for (const id of [t.requester_id, t.submitter_id, t.assignee_id]) if (id !== null) ids.add(id);
    }
    return [...ids].flatMap((id) => {
      const user = this.usersById.get(id);
      return user ? [this.userJson(user, base)] : [];
    });
  }

  private ticketJson(t: FakeTicket, base: string) {
    return {
      url: `${base}/api/v2/tickets/${t.id}.json`,
      id: t.id,
      external_id: null,
      via: { channel: "web", source: { from: {}, to: {}, rel: null } },
      created_at: t.created_at,
      updated_at: t.updated_at,
      generated_timestamp: this.times.get(t.id)!,
      type: t.type,
      subject: t.subject,
      raw_subject: t.subject,
      description: t.description,
      priority: t.priority,
      status: t.status,
      recipient: null,
      requester_id: t.requester_id,
      submitter_id: t.submitter_id,
      assignee_id: t.assignee_id,
      organization_id: null,
      group_id: t.group_id,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      forum_topic_id: null,
      problem_id: null,
      has_incidents: false,
      is_public: true,
      due_at: t.due_at,
      tags: [...t.tags],
      custom_fields: [],
      satisfaction_rating: null,
      sharing_agreement_ids: [],
      fields: [],
      followup_ids: [],
      brand_id: null,
      allow_channelback: false,
      allow_attachments: true,
      from_messaging_channel: false,
    };
  }

  private userJson(u: FakeUser, base: string) {
    return {
      id: u.id,
      url: `${base}/api/v2/users/${u.id}.json`,
      name: u.name,
      email: u.email,
      role: u.role,
      active: true,
      verified: true,
      suspended: false,
      time_zone: "UTC",
      locale: "en-US",
      created_at: iso(DEFAULT_NOW - 365 * 86_400),
      updated_at: iso(DEFAULT_NOW - 365 * 86_400),
    };
  }
}

function invalid(field: string, description: string): Reply {
  return {
    status: 422,
    body: { error: "RecordInvalid", description: "Record validation errors", details: { [field]: [{ description }] } },
  };
}

const includesUsers = (query: URLSearchParams) => (query.get("include") ?? "").split(",").includes("users");

function copy(ticket: FakeTicket): FakeTicket {
  return { ...ticket, tags: [...ticket.tags] };
}

function route(method: string, pathname: string): { endpoint: FakeEndpoint; ticketId?: number } {
  // Zendesk answers with and without the .json suffix.
  const path = pathname.replace(/\.json$/, "");
  if (method === "GET" && path === "/api/v2/users/me") return { endpoint: "users.me" };
  if (method === "GET" && path === "/api/v2/incremental/tickets/cursor") return { endpoint: "tickets.export" };
  if (method === "GET" && path === "/api/v2/users/show_many") return { endpoint: "users.show_many" };
  const ticket = /^\/api\/v2\/tickets\/(\d+)$/.exec(path);
  if (ticket && method === "GET") return { endpoint: "tickets.show", ticketId: Number(ticket[1]) };
  if (ticket && method === "PUT") return { endpoint: "tickets.update", ticketId: Number(ticket[1]) };
  return { endpoint: "other" };
}

async function readBody(req: http.IncomingMessage, limit = 1_000_000): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeZendesk(options: FakeZendeskOptions = {}): Promise<FakeZendesk> {
  const store = new FakeZendeskStore(options);
  const pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;
  let base = "";

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pending.add(entry);
    });

  const answer = async (
    req: http.IncomingMessage,
  ): Promise<{ reply: Reply; endpoint: FakeEndpoint; truncate: boolean }> => {
    const url = new URL(req.url ?? "/", base);
    const method = req.method ?? "GET";
    const { endpoint, ticketId } = route(method, url.pathname);
    let truncate = false;
    const failure = store.takeFailure(endpoint);
    if (failure?.type === "rate_limit") {
      const reply = error(429, "APIRateLimitExceeded", "Number of allowed API requests per minute exceeded");
      return { reply: { ...reply, headers: { "retry-after": String(failure.retryAfterSeconds) } }, endpoint, truncate };
    }
    if (failure?.type === "server_error") {
      return { reply: error(failure.status ?? 500, "InternalServerError", "Something went wrong"), endpoint, truncate };
    }
    if (failure?.type === "slow") await wait(failure.delayMs);
    if (failure?.type === "truncated_json") truncate = true;

    const auth = store.authenticate(req.headers.authorization);
    if (endpoint === "users.me") return { reply: store.me(auth, base), endpoint, truncate };
    if (endpoint === "other") return { reply: error(404, "InvalidEndpoint", "Not found"), endpoint, truncate };
    if (auth.kind !== "user") return { reply: UNAUTHENTICATED, endpoint, truncate };
    switch (endpoint) {
      case "tickets.export":
        return { reply: store.exportTickets(url.searchParams, base), endpoint, truncate };
      case "users.show_many":
        return { reply: store.showManyUsers(url.searchParams, base), endpoint, truncate };
      case "tickets.show":
        return { reply: store.showTicket(ticketId!, url.searchParams, base), endpoint, truncate };
      case "tickets.update": {
        const text = await readBody(req);
        let payload: unknown;
        try {
          payload = text === null ? undefined : JSON.parse(text);
        } catch {
          return { reply: error(400, "InvalidJSON", "The request body is not valid JSON"), endpoint, truncate };
        }
        return { reply: store.updateTicket(ticketId!, payload, auth.user, base), endpoint, truncate };
      }
    }
  };

  const server = http.createServer((req, res) => {
    res.on("error", () => {});
    const url = new URL(req.url ?? "/", "http://fake");
    const query = Object.fromEntries(url.searchParams);
    answer(req)
      .then(({ reply, endpoint, truncate }) => {
        store.record({ endpoint, method: req.method ?? "GET", path: url.pathname, query, status: reply.status });
        // A client that gave up (a timeout test) has closed the socket: nothing to answer.
        if (closed || res.destroyed || req.socket.destroyed) return;
        let text = JSON.stringify(reply.body);
        // A body cut off mid-way, but a well-formed HTTP answer: what a proxy dropping the connection
        // after a full Content-Length would not give us, and a broken upstream sometimes does.
        if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
        res.writeHead(reply.status, {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(text),
          ...reply.headers,
        });
        res.end(text);
      })
      .catch((e: unknown) => {
        if (closed || res.destroyed || req.socket.destroyed) return;
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "FakeServerError", description: String(e) }));
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    state: store,
    close: async () => {
      closed = true;
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pending.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
