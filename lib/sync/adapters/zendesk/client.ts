import "server-only";
import { z } from "zod";
import { basicAuth, RemoteError, remoteJson, type RemoteRequestOptions } from "@/lib/sync/remote-http";
import type { SystemConnection } from "@/lib/sync/types";

/**
 * HTTP to the Zendesk Support API (https://developer.zendesk.com/api-reference/): authentication, the
 * URLs and query strings, and a check that each answer has the envelope we read. Tickets are handed
 * on unchecked (`unknown`), because the mapper judges them one by one: one bad ticket must not fail
 * a page. Every request goes through remote-http, which retries, honours Retry-After and words errors.
 */

/** The cursor-based ticket export returns at most 1000 tickets per page (its default, too). */
export const ZENDESK_MAX_PER_PAGE = 1000;
/** `users/show_many` takes up to 100 ids per request. */
export const ZENDESK_SHOW_MANY_MAX_IDS = 100;

export interface ZendeskClientOptions {
  /** Tickets per export page, 1–1000 (default 1000); small values make multi-page tests cheap. */
  perPage?: number;
  /** Per attempt; remote-http's default otherwise. */
  timeoutMs?: number;
  /** Retries after the first attempt; remote-http's default otherwise. */
  retries?: number;
  /** The longest Retry-After waited out in place; remote-http's default otherwise. */
  maxRetryAfterMs?: number;
}

/** Where an export request starts: the first run from a time, every later one from a cursor. */
export type ExportPosition = { cursor: string } | { startTime: number };

export interface TicketExportPage {
  /** Unchecked: the mapper judges each one. */
  tickets: unknown[];
  /** Side-loaded users (`include=users`), unchecked as well. */
  users: unknown[];
  /** Null when Zendesk had nothing to return for a `start_time` request. */
  afterCursor: string | null;
  endOfStream: boolean;
}

export interface ZendeskMe {
  /** Null for the anonymous user Zendesk answers with when it did not authenticate the caller. */
  id: number | null;
  name: string;
  role: string | null;
}

export interface TicketChange {
  status?: string;
  comment?: { body: string; public: boolean };
}

export interface ZendeskClient {
  /** The account's base URL, e.g. https://acme.zendesk.com (throws if the configured URL is unusable). */
  baseUrl(): string;
  me(signal?: AbortSignal): Promise<ZendeskMe>;
  exportTickets(position: ExportPosition, signal?: AbortSignal): Promise<TicketExportPage>;
  /** Users by id (any number of ids; batched); ids Zendesk does not know are simply absent. */
  showManyUsers(ids: readonly number[], signal?: AbortSignal): Promise<unknown[]>;
  getTicket(id: number, signal?: AbortSignal): Promise<unknown>;
  updateTicket(id: number, change: TicketChange, signal?: AbortSignal): Promise<{ ticket: unknown; audit: unknown }>;
  /** Requests sent so far, retries included. */
  requestCount(): number;
}

const meSchema = z.object({
  user: z.object({ id: z.number().int().nullable(), name: z.string().nullish(), role: z.string().nullish() }),
});

const exportSchema = z.object({
  tickets: z.array(z.unknown()),
  users: z.array(z.unknown()).optional(),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});

const showManySchema = z.object({ users: z.array(z.unknown()) });
const ticketSchema = z.object({ ticket: z.record(z.string(), z.unknown()) });
const updateSchema = z.object({ ticket: z.record(z.string(), z.unknown()), audit: z.unknown().optional() });

export function createZendeskClient(connection: SystemConnection, options: ZendeskClientOptions = {}): ZendeskClient {
  let requests = 0;
  const wanted = Math.floor(options.perPage ?? ZENDESK_MAX_PER_PAGE);
  const perPage = Number.isFinite(wanted) ? Math.max(1, Math.min(ZENDESK_MAX_PER_PAGE, wanted)) : ZENDESK_MAX_PER_PAGE;
  // remoteJson keeps its own default for any of these left undefined.
  const tuning = { timeoutMs: options.timeoutMs, retries: options.retries, maxRetryAfterMs: options.maxRetryAfterMs };

  async function call<T>(
    path: string,
    query: Record<string, string>,
    schema: z.ZodType<T>,
    what: string,
    init: Pick<RemoteRequestOptions, "method" | "body" | "signal"> = {},
  ): Promise<T> {
    const url = new URL(`${zendeskBaseUrl(connection.apiUrl)}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await remoteJson<unknown>(url.toString(), {
      ...init,
      headers: { authorization: zendeskAuthorization(connection) },
      ...tuning,
      secrets: [connection.apiKey, connection.password],
      onAttempt: () => {
        requests++;
      },
      remoteName: "Zendesk",
    });
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.map(String).join(".")})` : "";
      throw new RemoteError("invalid_response", `Zendesk answered ${what} in a shape we do not know${where}`, {
        status: response.status,
        url: `${url.origin}${url.pathname}`,
      });
    }
    return parsed.data;
  }

  return {
    baseUrl: () => zendeskBaseUrl(connection.apiUrl),

    async me(signal) {
      const { user } = await call("/api/v2/users/me.json", {}, meSchema, "the sign-in check (users/me)", { signal });
      return { id: user.id, name: user.name ?? "", role: user.role ?? null };
    },

    async exportTickets(position, signal) {
      // `start_time` is for the first request only; after that Zendesk wants nothing but the cursor.
      const query: Record<string, string> =
        "cursor" in position ? { cursor: position.cursor } : { start_time: String(position.startTime) };
      query.per_page = String(perPage);
      // The export accepts the ticket side-loads (all but last_audits): names come with the page.
      query.include = "users";
      const page = await call("/api/v2/incremental/tickets/cursor.json", query, exportSchema, "the ticket export", {
        signal,
      });
      return {
        tickets: page.tickets,
        users: page.users ?? [],
        afterCursor: page.after_cursor ?? null,
        endOfStream: page.end_of_stream,
      };
    },

    async showManyUsers(ids, signal) {
      const unique = [...new Set(ids)];
      const users: unknown[] = [];
      for (let i = 0; i < unique.length; i += ZENDESK_SHOW_MANY_MAX_IDS) {
        const batch = unique.slice(i, i + ZENDESK_SHOW_MANY_MAX_IDS);
        const page = await call(
          "/api/v2/users/show_many.json",
          { ids: batch.join(",") },
          showManySchema,
          "a user lookup",
          {
            signal,
          },
        );
        users.push(...page.users);
      }
      return users;
    },

    async getTicket(id, signal) {
      const { ticket } = await call(`/api/v2/tickets/${id}.json`, {}, ticketSchema, "a ticket request", { signal });
      return ticket;
    },

    async updateTicket(id, change, signal) {
      const answer = await call(`/api/v2/tickets/${id}.json`, {}, updateSchema, "a ticket update", {
        method: "PUT",
        body: { ticket: change },
        signal,
      });
      return { ticket: answer.ticket, audit: answer.audit ?? null };
    },

    requestCount: () => requests,
  };
}

/**
 * The account's base URL from the configured API URL: without trailing slashes, and without an
 * `/api/v2` someone pasted along, so API paths and agent-UI links can both be built from it.
 */
export function zendeskBaseUrl(apiUrl: string): string {
  const trimmed = apiUrl
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/api\/v2$/i, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new RemoteError(
      "bad_request",
      "The Zendesk API URL is not a web address (expected e.g. https://acme.zendesk.com)",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RemoteError(
      "bad_request",
      "The Zendesk API URL must start with https:// (e.g. https://acme.zendesk.com)",
    );
  }
  return trimmed;
}

/**
 * HTTP Basic as Zendesk documents it: `{email}/token` with the API token as the password, or, for
 * accounts that still allow password access, the plain `{email}` and the password.
 */
export function zendeskAuthorization(connection: Pick<SystemConnection, "username" | "apiKey" | "password">): string {
  const email = connection.username?.trim().replace(/\/token$/i, "");
  if (!email) {
    throw new RemoteError("credentials", "Zendesk needs the agent's e-mail address as the user name; none is set");
  }
  if (connection.apiKey) return basicAuth(`${email}/token`, connection.apiKey);
  if (connection.password) return basicAuth(email, connection.password);
  throw new RemoteError("credentials", "Zendesk needs an API token (or a password) for this user; none is set");
}
