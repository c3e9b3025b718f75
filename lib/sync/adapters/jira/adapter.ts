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
import { textToAdf } from "./adf-to-text";
import { createJiraClient, type JiraClientOptions } from "./client";
import { buildPullJql } from "./jql";
import { issueUpdatedAt, JIRA_ISSUE_FIELDS, mapIssue } from "./mapper";

/** Jira's own default page is 50; 100 halves the requests and keeps a page's transaction small. */
export const JIRA_PAGE_SIZE = 100;

/**
 * The Jira Cloud adapter. The pull cursor is `{ updated_since: <ISO instant> }`, the greatest
 * `updated` seen so far; the search re-reads from one minute before it (see jql.ts), in ascending
 * `updated` order, so a run stopped after any page resumes without a gap.
 */
export function createJiraAdapter(connection: SystemConnection, options: JiraClientOptions = {}): WorkOrderAdapter {
  const client = createJiraClient(connection, options);

  async function testConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const me = await client.getMyself(signal);
      return {
        ok: true,
        message: `Connected to Jira as ${me.displayName || `account ${me.accountId}`}`,
        latency_ms: latency(),
      };
    } catch (e) {
      if (e instanceof RemoteError) return { ok: false, message: e.message, latency_ms: latency() };
      throw e;
    }
  }

  async function* pull({ cursor, signal }: PullOptions): AsyncGenerator<PulledPage<MappedWorkOrder>> {
    let counted = client.requestCount();
    const since = cursorSince(cursor);
    // Only an incremental pull has a date literal to write in the user's zone.
    const timeZone = since ? ((await client.getMyself(signal)).timeZone ?? null) : null;
    const jql = buildPullJql(connection.settings, since, timeZone);

    let newest = since;
    let pageToken: string | undefined;
    const seenTokens = new Set<string>();
    for (;;) {
      if (signal.aborted) throw new RemoteError("aborted", "The sync was stopped");
      const page = await client.searchJql(
        { jql, fields: JIRA_ISSUE_FIELDS, maxResults: JIRA_PAGE_SIZE, nextPageToken: pageToken },
        signal,
      );
      const items = page.issues.map((raw) => mapIssue(raw, connection.apiUrl));
      for (const raw of page.issues) {
        const updated = issueUpdatedAt(raw);
        if (updated && (!newest || updated > newest)) newest = updated;
      }
      const now = client.requestCount();
      yield {
        items,
        nextCursor: newest ? { updated_since: newest.toISOString() } : {},
        requests: now - counted,
      };
      counted = now;

      const next = page.isLast === true ? null : (page.nextPageToken ?? null);
      if (!next) return;
      if (seenTokens.has(next)) {
        throw new RemoteError(
          "invalid_response",
          "Jira sent the same page token twice; the search was stopped so it does not loop",
        );
      }
      seenTokens.add(next);
      pageToken = next;
    }
  }

  async function statusOptions(externalId: string, signal?: AbortSignal): Promise<StatusOption[]> {
    const options: StatusOption[] = [];
    const seen = new Set<string>();
    for (const t of await client.getTransitions(externalId, signal)) {
      const value = t.to.name;
      // Two transitions into the same status (from different screens) are one choice for us.
      if (seen.has(value.toLowerCase())) continue;
      seen.add(value.toLowerCase());
      const label = t.name && t.name.toLowerCase() !== value.toLowerCase() ? `${value} (${t.name})` : value;
      options.push({ value, label });
    }
    return options;
  }

  async function pushUpdate(
    externalId: string,
    update: WorkOrderUpdate,
    signal?: AbortSignal,
  ): Promise<MappedWorkOrder> {
    if (update.status?.trim()) {
      const wanted = update.status.trim();
      const transitions = await client.getTransitions(externalId, signal);
      const transition = transitions.find((t) => sameName(t.to.name, wanted));
      if (transition) {
        await client.transitionIssue(externalId, transition.id, signal);
      } else {
        // Already there is success, not a refusal: a push retried after a timeout Jira had in fact
        // applied must not fail (writes are not retried automatically, see client.ts).
        const current = await lookUp(externalId, signal);
        if (!current.status || !sameName(current.status, wanted)) {
          const allowed = [...new Set(transitions.map((t) => t.to.name))];
          throw new RemoteError(
            "bad_request",
            `Jira does not allow moving ${current.key} to ${wanted} now; allowed: ${allowed.length ? allowed.join(", ") : "none"}`,
          );
        }
      }
    }
    // A blank comment is no comment (Jira would refuse an empty document anyway).
    if (update.comment && update.comment.trim()) {
      await client.addComment(externalId, textToAdf(update.comment), signal);
    }
    const mapped = mapIssue(await client.getIssue(externalId, JIRA_ISSUE_FIELDS, signal), connection.apiUrl);
    if (!mapped.ok) {
      throw new RemoteError(
        "invalid_response",
        `Jira saved the change, but its answer for the issue could not be read: ${mapped.reason}`,
      );
    }
    return mapped.record;
  }

  /** The issue's key (which people know, unlike its id) and status, for the refusal; best effort. */
  async function lookUp(externalId: string, signal?: AbortSignal): Promise<{ key: string; status: string | null }> {
    try {
      const issue = (await client.getIssue(externalId, ["status"], signal)) as {
        key?: unknown;
        fields?: { status?: { name?: unknown } };
      } | null;
      return {
        key: typeof issue?.key === "string" ? issue.key : externalId,
        status: typeof issue?.fields?.status?.name === "string" ? issue.fields.status.name : null,
      };
    } catch (e) {
      if (e instanceof RemoteError && e.kind === "aborted") throw e;
      return { key: externalId, status: null };
    }
  }

  return { testConnection, pull, statusOptions, pushUpdate, requestCount: () => client.requestCount() };
}

/**
 * The instant in a cursor, or null for a full pull. An unreadable cursor also means a full pull: it
 * costs time, never records (they are matched by id and counted unchanged).
 */
function cursorSince(cursor: Record<string, unknown> | null): Date | null {
  const value = cursor?.updated_since;
  if (typeof value !== "string") return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
