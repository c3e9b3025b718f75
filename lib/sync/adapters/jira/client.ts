import "server-only";
import { z } from "zod";
import { basicAuth, describeUrl, RemoteError, remoteJson, type RemoteRequestOptions } from "@/lib/sync/remote-http";
import type { SystemConnection } from "@/lib/sync/types";
import type { AdfDoc } from "./adf-to-text";

/**
 * HTTP to Jira Cloud REST v3, every request through remoteJson (timeouts, Retry-After, backoff, plain
 * errors). Answers are checked against the few fields we rely on, so a proxy's login page or another
 * product at the configured URL fails as "unexpected answer" instead of as a TypeError deep inside a
 * sync. Issues themselves are checked one by one by the mapper: one odd issue must not fail a page.
 */

export interface JiraClientOptions {
  /** Per attempt; remoteJson's default when absent. */
  timeoutMs?: number;
  /** Retries of reads after the first attempt; remoteJson's default when absent. */
  retries?: number;
  maxRetryAfterMs?: number;
}

export type JiraCredentials = Pick<SystemConnection, "apiUrl" | "username" | "apiKey" | "password">;

const myselfSchema = z.object({
  accountId: z.string().min(1),
  displayName: z.string().optional(),
  // IANA zone of the user's profile; null or absent when their privacy settings hide it.
  timeZone: z.string().nullish(),
});
export type JiraMyself = z.infer<typeof myselfSchema>;

const searchPageSchema = z.object({
  issues: z.array(z.unknown()),
  // The last page has no token (the docs say null; Cloud leaves the key out, JRACLOUD-92184).
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});
export type JiraSearchPage = z.infer<typeof searchPageSchema>;

const transitionsSchema = z.object({
  transitions: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      to: z.object({
        id: z.string().optional(),
        name: z.string().min(1),
        statusCategory: z.object({ key: z.string() }).optional(),
      }),
    }),
  ),
});
export type JiraTransition = z.infer<typeof transitionsSchema>["transitions"][number];

export interface JiraSearchRequest {
  jql: string;
  /** Always an explicit list: /search/jql returns only ids without one, and `*all` is wasteful. */
  fields: readonly string[];
  /** 1–5000; Jira may return fewer. */
  maxResults: number;
  nextPageToken?: string;
}

export interface JiraClient {
  /** GET /rest/api/3/myself: who the credentials belong to, and their time zone. */
  getMyself(signal?: AbortSignal): Promise<JiraMyself>;
  /** POST /rest/api/3/search/jql: one page of issues. */
  searchJql(request: JiraSearchRequest, signal?: AbortSignal): Promise<JiraSearchPage>;
  /** GET /rest/api/3/issue/{idOrKey}?fields=…: the issue as received (unchecked; the mapper checks it). */
  getIssue(issueIdOrKey: string, fields: readonly string[], signal?: AbortSignal): Promise<unknown>;
  /** GET /rest/api/3/issue/{idOrKey}/transitions: the moves the workflow allows now. */
  getTransitions(issueIdOrKey: string, signal?: AbortSignal): Promise<JiraTransition[]>;
  /** POST /rest/api/3/issue/{idOrKey}/transitions (204). */
  transitionIssue(issueIdOrKey: string, transitionId: string, signal?: AbortSignal): Promise<void>;
  /** POST /rest/api/3/issue/{idOrKey}/comment (201). */
  addComment(issueIdOrKey: string, body: AdfDoc, signal?: AbortSignal): Promise<void>;
  /** Requests sent so far (retries included). */
  requestCount(): number;
}

export function createJiraClient(connection: JiraCredentials, options: JiraClientOptions = {}): JiraClient {
  const baseUrl = connection.apiUrl.replace(/\/+$/, "");
  // Jira Cloud's Basic auth is e-mail + API token; a password only works on old self-hosted setups.
  const email = connection.username ?? "";
  const token = connection.apiKey ?? connection.password ?? "";
  let requests = 0;
  // remoteJson keeps its own default for any of these left undefined.
  const tuning = { timeoutMs: options.timeoutMs, retries: options.retries, maxRetryAfterMs: options.maxRetryAfterMs };

  async function call<T>(
    method: "GET" | "POST",
    path: string,
    schema: z.ZodType<T> | null,
    extra: Partial<RemoteRequestOptions> = {},
  ): Promise<T> {
    if (!email || !token) {
      throw new RemoteError(
        "credentials",
        "The Jira connection needs the account's e-mail address as user name and an API token",
      );
    }
    const url = `${baseUrl}${path}`;
    const response = await remoteJson<unknown>(url, {
      method,
      headers: { authorization: basicAuth(email, token) },
      ...tuning,
      secrets: [connection.apiKey, connection.password],
      onAttempt: () => {
        requests++;
      },
      remoteName: "Jira",
      ...extra,
    });
    if (!schema) return response.data as T;
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.map(String).join(".") || "body";
      throw new RemoteError(
        "invalid_response",
        `Jira sent an unexpected answer from ${describeUrl(url)} (${field} missing or malformed): check that the API URL is the Jira Cloud site, e.g. https://your-team.atlassian.net`,
        { status: response.status, url: describeUrl(url) },
      );
    }
    return parsed.data;
  }

  // A write is not retried by itself: Jira has no idempotency key, so a POST that timed out after Jira
  // applied it would post the comment twice (or fail the second transition confusingly). The person
  // pushing sees the plain error and can try again.
  const write: Partial<RemoteRequestOptions> = { retries: 0 };
  const issuePath = (idOrKey: string) => `/rest/api/3/issue/${encodeURIComponent(idOrKey)}`;

  return {
    getMyself: (signal) => call("GET", "/rest/api/3/myself", myselfSchema, { signal }),
    searchJql: (request, signal) =>
      call("POST", "/rest/api/3/search/jql", searchPageSchema, {
        signal,
        body: {
          jql: request.jql,
          fields: [...request.fields],
          maxResults: request.maxResults,
          ...(request.nextPageToken ? { nextPageToken: request.nextPageToken } : {}),
        },
      }),
    getIssue: (idOrKey, fields, signal) =>
      call("GET", `${issuePath(idOrKey)}?fields=${encodeURIComponent(fields.join(","))}`, z.unknown(), { signal }),
    getTransitions: async (idOrKey, signal) =>
      (await call("GET", `${issuePath(idOrKey)}/transitions`, transitionsSchema, { signal })).transitions,
    transitionIssue: async (idOrKey, transitionId, signal) => {
      await call("POST", `${issuePath(idOrKey)}/transitions`, null, {
        ...write,
        signal,
        body: { transition: { id: transitionId } },
      });
    },
    addComment: async (idOrKey, body, signal) => {
      await call("POST", `${issuePath(idOrKey)}/comment`, null, { ...write, signal, body: { body } });
    },
    requestCount: () => requests,
  };
}
