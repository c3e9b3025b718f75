import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { SystemConnection } from "@/lib/sync/types";

/**
 * A fake Jira Cloud (REST v3) over real HTTP on 127.0.0.1, for the Jira adapter's tests and the sync
 * benchmark. It serves the endpoints the adapter uses, shaped after Atlassian's public docs:
 *
 *   GET  /rest/api/3/myself                       the user, with their IANA `timeZone`
 *   POST /rest/api/3/search/jql                   { jql, fields, maxResults, nextPageToken } →
 *                                                 { issues, nextPageToken?, isLast }
 *   GET  /rest/api/3/issue/{idOrKey}?fields=…
 *   GET  /rest/api/3/issue/{idOrKey}/transitions  To Do → In Progress → Done, Done → To Do
 *   POST /rest/api/3/issue/{idOrKey}/transitions  { transition: { id } } → 204
 *   POST /rest/api/3/issue/{idOrKey}/comment      { body: <ADF doc> } → 201
 *
 * and, like the real one, answers 410 on the removed /rest/api/3/search, refuses an unbounded JQL query,
 * reads JQL date literals in the *user's* time zone, and writes timestamps as
 * `2024-01-15T10:30:00.000+0800` in that zone. The JQL it understands is the subset the adapter sends:
 * `project = "X"` (optionally in parentheses), `updated >= "yyyy/MM/dd HH:mm"`, joined by AND, and
 * `ORDER BY updated ASC`.
 *
 * Issues live in arrays kept sorted by (updated, id), one for all and one per project, so a search is a
 * binary search plus a slice, and a page token is the last (updated, id) served: paging stays correct
 * while issues are edited, and 100,000 issues cost no more per page than 100.
 */

export type FakeStatusName = "To Do" | "In Progress" | "Done";
export type FakeEndpoint = "myself" | "search" | "issue" | "transitions" | "comment" | "other";

/** What the next requests to an endpoint suffer instead of (or on top of) their normal answer. */
export type FakeFailure =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  /** The normal answer, cut in half (with a matching Content-Length, so only the JSON is broken). */
  | { kind: "truncated" }
  /** The normal answer, after a pause. */
  | { kind: "delay"; ms: number }
  /** The normal answer: queued first, it makes a later failure hit the n-th request, not the next. */
  | { kind: "pass" };

export interface FakeIssueInput {
  /** Default: `<project>-<next number>`. */
  key?: string;
  /** Default: the key's prefix, or "OPS". */
  project?: string;
  summary?: string;
  /** ADF document, a string, or null. */
  description?: unknown;
  status?: FakeStatusName;
  priority?: string | null;
  assignee?: string | null;
  reporter?: string | null;
  /** `YYYY-MM-DD`. */
  duedate?: string | null;
  /** Default: the fake's clock. */
  created?: Date | number | string;
  /** Default: `created`. */
  updated?: Date | number | string;
  /** Field values sent instead of the fake's own (to serve a malformed issue), e.g. `{ status: null }`. */
  fieldOverrides?: Record<string, unknown>;
}

export interface FakeComment {
  id: string;
  body: unknown;
  created: number;
}

export interface FakeIssue {
  readonly id: string;
  readonly seq: number;
  key: string;
  project: string;
  summary: string;
  description: unknown;
  status: FakeStatusName;
  priority: string | null;
  assignee: string | null;
  reporter: string | null;
  duedate: string | null;
  created: number;
  updated: number;
  comments: FakeComment[];
  fieldOverrides?: Record<string, unknown>;
}

export type FakeIssuePatch = Partial<Omit<FakeIssueInput, "key" | "created" | "updated">>;

export interface FakeSearchBody {
  jql?: unknown;
  fields?: unknown;
  maxResults?: unknown;
  nextPageToken?: unknown;
}

export interface FakeJiraUser {
  /** null: /myself answers without one (an unexpected answer for the adapter). */
  accountId: string | null;
  displayName: string;
  emailAddress: string;
  /** IANA zone; null: hidden by the user's privacy settings. */
  timeZone: string | null;
}

export interface FakeJiraOptions {
  email?: string;
  token?: string;
  /** Default "Asia/Shanghai". */
  timeZone?: string | null;
  displayName?: string;
  /** The fake's clock; default 2024-03-01T00:00:00Z. It only moves when a test moves it. */
  now?: Date | number | string;
  issues?: FakeIssueInput[];
}

export interface FakeJiraState {
  readonly user: FakeJiraUser;
  now(): number;
  setClock(at: Date | number | string): void;
  advance(ms: number): void;
  setTimeZone(timeZone: string | null): void;
  setCredentials(email: string, token: string): void;
  addIssue(input?: FakeIssueInput): FakeIssue;
  /** Many at once, sorted once: for large generated sets. */
  addIssues(inputs: FakeIssueInput[]): FakeIssue[];
  /** Changes an issue and sets its `updated` to the clock, like any edit in Jira. */
  editIssue(idOrKey: string, patch: FakeIssuePatch): FakeIssue;
  deleteIssue(idOrKey: string): boolean;
  getIssue(idOrKey: string): FakeIssue | undefined;
  issueCount(): number;
  /** Requests received per endpoint, failed ones included. */
  readonly requests: Record<FakeEndpoint, number>;
  totalRequests(): number;
  resetCounters(): void;
  /** The bodies of the search requests received, oldest first. */
  readonly searches: FakeSearchBody[];
  /** The next `count` requests to `endpoint` ("any": to any endpoint) fail with `failure`. */
  failNext(endpoint: FakeEndpoint | "any", count: number, failure: FakeFailure): void;
}

export interface FakeJira {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:54321 */
  url: string;
  state: FakeJiraState;
  close(): Promise<void>;
}

export const FAKE_JIRA_EMAIL = "sync-bot@example.com";
export const FAKE_JIRA_TOKEN = "ATATT-fake-token-0123456789";

const MAX_RESULTS_CAP = 5000;
const DEFAULT_MAX_RESULTS = 50;
const MAX_BODY_BYTES = 1_000_000;

const CATEGORIES = {
  new: { self: "/rest/api/3/statuscategory/2", id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: {
    self: "/rest/api/3/statuscategory/4",
    id: 4,
    key: "indeterminate",
    colorName: "yellow",
    name: "In Progress",
  },
  done: { self: "/rest/api/3/statuscategory/3", id: 3, key: "done", colorName: "green", name: "Done" },
} as const;

const STATUSES: Record<FakeStatusName, { id: string; category: keyof typeof CATEGORIES }> = {
  "To Do": { id: "10000", category: "new" },
  "In Progress": { id: "3", category: "indeterminate" },
  Done: { id: "10001", category: "done" },
};

/** The fake's one workflow. */
const WORKFLOW: { id: string; name: string; from: FakeStatusName; to: FakeStatusName }[] = [
  { id: "11", name: "Start Progress", from: "To Do", to: "In Progress" },
  { id: "21", name: "Done", from: "In Progress", to: "Done" },
  { id: "31", name: "Reopen", from: "Done", to: "To Do" },
];

const PRIORITY_IDS: Record<string, string> = { Highest: "1", High: "2", Medium: "3", Low: "4", Lowest: "5" };
const ALL_FIELDS = [
  "summary",
  "description",
  "status",
  "priority",
  "assignee",
  "reporter",
  "duedate",
  "created",
  "updated",
];

const toMs = (v: Date | number | string): number => {
  const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(v);
  if (Number.isNaN(ms)) throw new Error(`fake Jira: not a time: ${String(v)}`);
  return ms;
};

const compare = (a: FakeIssue, b: FakeIssue) => a.updated - b.updated || a.seq - b.seq;

/** First index in `list` whose (updated, seq) is >= (updated, seq). */
function lowerBound(list: FakeIssue[], updated: number, seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = list[mid]!;
    if (m.updated < updated || (m.updated === updated && m.seq < seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: FakeIssue[], issue: FakeIssue) {
  const last = list[list.length - 1];
  if (!last || compare(last, issue) < 0) list.push(issue);
  else list.splice(lowerBound(list, issue.updated, issue.seq), 0, issue);
}

function removeSorted(list: FakeIssue[], issue: FakeIssue) {
  const i = lowerBound(list, issue.updated, issue.seq);
  if (list[i] === issue) list.splice(i, 1);
}

// ── Time zones ────────────────────────────────────────────────────────────────────────────────────

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets per zone and quarter hour: every zone changes offset on a quarter hour. */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

function zoneOffsetMs(ms: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    zoneFormatters.set(timeZone, f);
  }
  const at = bucket * QUARTER_HOUR;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  const offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
  if (cache.size > 200_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Jira's timestamp format, in the user's zone: 2024-01-15T10:30:00.000+0800. */
export function formatJiraTimestamp(ms: number, timeZone: string): string {
  const offset = zoneOffsetMs(ms, timeZone);
  const d = new Date(ms + offset);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60_000;
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** A wall-clock time in `timeZone` to the instant Jira would take it for. */
function zonedToInstant(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

// ── JQL (the subset the adapter sends) ────────────────────────────────────────────────────────────

interface ParsedJql {
  project: string | null;
  updatedSince: number | null;
}

class JqlError extends Error {}

function parseJql(jql: string, timeZone: string): ParsedJql {
  let rest = jql.trim();
  const order = /\s*\border\s+by\s+(.+)$/i.exec(rest);
  if (order) {
    if (!/^updated(\s+asc)?$/i.test(order[1]!.trim())) {
      throw new JqlError(
        `Error in the JQL Query: this fake Jira only orders by 'updated ASC', not '${order[1]!.trim()}'.`,
      );
    }
    rest = rest.slice(0, order.index).trim();
  }
  const result: ParsedJql = { project: null, updatedSince: null };
  if (rest) parseClauses(rest, result, timeZone);
  if (result.project === null && result.updatedSince === null) {
    throw new JqlError("Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
  }
  return result;
}

function parseClauses(text: string, out: ParsedJql, timeZone: string) {
  for (const clause of splitTopLevelAnd(text)) {
    const c = clause.trim();
    if (c.startsWith("(") && c.endsWith(")") && closingParen(c) === c.length - 1) {
      parseClauses(c.slice(1, -1), out, timeZone);
      continue;
    }
    const project = /^project\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z][A-Za-z0-9_]*))$/i.exec(c);
    if (project) {
      out.project = (project[1] ?? project[2]!).replace(/\\(.)/g, "$1");
      continue;
    }
    const updated = /^updated\s*>=\s*"(\d{4})[/-](\d{2})[/-](\d{2})(?:\s+(\d{2}):(\d{2}))?"$/i.exec(c);
    if (updated) {
      const [, y, mo, d, h, mi] = updated;
      const since = zonedToInstant(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), timeZone);
      out.updatedSince = Math.max(out.updatedSince ?? since, since);
      continue;
    }
    throw new JqlError(`Error in the JQL Query: this fake Jira does not understand '${c}'.`);
  }
}

function closingParen(text: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === "\\") i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevelAnd(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === "\\") i++;
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && /\s/.test(ch!) && /^\s+and\s+/i.test(text.slice(i, i + 32))) {
      const m = /^\s+and\s+/i.exec(text.slice(i))!;
      parts.push(text.slice(start, i));
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== "");
}

// ── Page tokens: the last (updated, seq) served, bound to the query ───────────────────────────────

const fingerprint = (jql: string) => createHash("sha256").update(jql).digest("base64url").slice(0, 12);

function encodeToken(jql: string, last: FakeIssue): string {
  return Buffer.from(JSON.stringify({ q: fingerprint(jql), u: last.updated, s: last.seq })).toString("base64url");
}

function decodeToken(jql: string, token: string): { updated: number; seq: number } | null {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { q?: unknown; u?: unknown; s?: unknown };
    if (t.q !== fingerprint(jql) || typeof t.u !== "number" || typeof t.s !== "number") return null;
    return { updated: t.u, seq: t.s };
  } catch {
    return null;
  }
}

// ── Test data ─────────────────────────────────────────────────────────────────────────────────────

export interface GenerateOptions {
  project?: string;
  /** `updated` of the first issue; default 2024-01-01T00:00:00Z. */
  start?: Date | number | string;
  /** Between consecutive issues' `updated`; default one minute. */
  stepMs?: number;
}

/** `n` plausible issues, oldest first, deterministic. */
export function generateIssues(n: number, options: GenerateOptions = {}): FakeIssueInput[] {
  const project = options.project ?? "OPS";
  const start = toMs(options.start ?? "2024-01-01T00:00:00Z");
  const step = options.stepMs ?? 60_000;
  const statuses: FakeStatusName[] = ["To Do", "In Progress", "Done"];
  const priorities = ["Highest", "High", "Medium", "Low", "Lowest", null];
  const people = ["Li Wei", "Zhang Min", "Anna Berg", "Tom Okafor", null];
  const out: FakeIssueInput[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const updated = start + i * step;
    out[i] = {
      key: `${project}-${i + 1}`,
      project,
      summary: `Service call ${i + 1}: ${["boiler", "lift", "air conditioning", "door", "lighting"][i % 5]} fault`,
      description: {
        version: 1,
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: `Reported issue number ${i + 1}.` }] }],
      },
      status: statuses[i % 3],
      priority: priorities[i % priorities.length],
      assignee: people[i % people.length],
      reporter: people[(i + 2) % people.length] ?? "Front Desk",
      duedate: i % 4 === 0 ? new Date(updated + 7 * 86_400_000).toISOString().slice(0, 10) : null,
      created: updated - 3_600_000,
      updated,
    };
  }
  return out;
}

// ── The server ────────────────────────────────────────────────────────────────────────────────────

export async function startFakeJira(options: FakeJiraOptions = {}): Promise<FakeJira> {
  let email = options.email ?? FAKE_JIRA_EMAIL;
  let token = options.token ?? FAKE_JIRA_TOKEN;
  let clock = toMs(options.now ?? "2024-03-01T00:00:00Z");
  const user: FakeJiraUser = {
    accountId: "5b10ac8d82e05b22cc7d4ef5",
    displayName: options.displayName ?? "Sync Bot",
    emailAddress: email,
    timeZone: options.timeZone === undefined ? "Asia/Shanghai" : options.timeZone,
  };

  const all: FakeIssue[] = [];
  const byProject = new Map<string, FakeIssue[]>();
  const byKey = new Map<string, FakeIssue>();
  const byId = new Map<string, FakeIssue>();
  const nextNumber = new Map<string, number>();
  let seq = 0;
  let commentSeq = 0;

  const requests: Record<FakeEndpoint, number> = {
    myself: 0,
    search: 0,
    issue: 0,
    transitions: 0,
    comment: 0,
    other: 0,
  };
  const searches: FakeSearchBody[] = [];
  const failures = new Map<FakeEndpoint | "any", FakeFailure[]>();
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = "";

  const projectList = (project: string) => {
    let list = byProject.get(project);
    if (!list) byProject.set(project, (list = []));
    return list;
  };

  function build(input: FakeIssueInput): FakeIssue {
    const project = input.project ?? input.key?.split("-")[0] ?? "OPS";
    let key = input.key;
    if (key) {
      const n = Number(key.split("-")[1]);
      if (Number.isInteger(n)) nextNumber.set(project, Math.max(nextNumber.get(project) ?? 0, n));
    } else {
      const n = (nextNumber.get(project) ?? 0) + 1;
      nextNumber.set(project, n);
      key = `${project}-${n}`;
    }
    if (byKey.has(key)) throw new Error(`fake Jira: ${key} exists already`);
    const created = toMs(input.created ?? clock);
    seq++;
    const issue: FakeIssue = {
      id: String(10_000 + seq),
      seq,
      key,
      project,
      summary: input.summary ?? `Issue ${key}`,
      description: input.description ?? null,
      status: input.status ?? "To Do",
      priority: input.priority === undefined ? "Medium" : input.priority,
      assignee: input.assignee ?? null,
      reporter: input.reporter === undefined ? "Front Desk" : input.reporter,
      duedate: input.duedate ?? null,
      created,
      updated: toMs(input.updated ?? created),
      comments: [],
      fieldOverrides: input.fieldOverrides,
    };
    byKey.set(issue.key, issue);
    byId.set(issue.id, issue);
    return issue;
  }

  const find = (idOrKey: string) => byKey.get(idOrKey) ?? byId.get(idOrKey);

  function touch(issue: FakeIssue, change: () => void) {
    removeSorted(all, issue);
    removeSorted(projectList(issue.project), issue);
    change();
    issue.updated = clock;
    insertSorted(all, issue);
    insertSorted(projectList(issue.project), issue);
  }

  const state: FakeJiraState = {
    user,
    now: () => clock,
    setClock: (at) => {
      clock = toMs(at);
    },
    advance: (ms) => {
      clock += ms;
    },
    setTimeZone: (tz) => {
      user.timeZone = tz;
    },
    setCredentials: (e, t) => {
      email = e;
      token = t;
      user.emailAddress = e;
    },
    addIssue: (input = {}) => {
      const issue = build(input);
      insertSorted(all, issue);
      insertSorted(projectList(issue.project), issue);
      return issue;
    },
    addIssues: (inputs) => {
      const added = inputs.map(build);
      for (const issue of added) {
        all.push(issue);
        projectList(issue.project).push(issue);
      }
      all.sort(compare);
      for (const list of byProject.values()) list.sort(compare);
      return added;
    },
    editIssue: (idOrKey, patch) => {
      const issue = find(idOrKey);
      if (!issue) throw new Error(`fake Jira: no issue ${idOrKey}`);
      touch(issue, () => {
        const { project, ...rest } = patch;
        Object.assign(issue, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
        if (project) issue.project = project;
      });
      return issue;
    },
    deleteIssue: (idOrKey) => {
      const issue = find(idOrKey);
      if (!issue) return false;
      removeSorted(all, issue);
      removeSorted(projectList(issue.project), issue);
      byKey.delete(issue.key);
      byId.delete(issue.id);
      return true;
    },
    getIssue: find,
    issueCount: () => all.length,
    requests,
    totalRequests: () => Object.values(requests).reduce((a, b) => a + b, 0),
    resetCounters: () => {
      for (const k of Object.keys(requests) as FakeEndpoint[]) requests[k] = 0;
      searches.length = 0;
    },
    searches,
    failNext: (endpoint, count, failure) => {
      const queue = failures.get(endpoint) ?? [];
      for (let i = 0; i < count; i++) queue.push(failure);
      failures.set(endpoint, queue);
    },
  };

  if (options.issues?.length) state.addIssues(options.issues);

  // ── Rendering ──

  const zone = () => user.timeZone ?? "UTC";

  const statusJson = (name: FakeStatusName) => {
    const s = STATUSES[name];
    const c = CATEGORIES[s.category];
    return {
      self: `${baseUrl}/rest/api/3/status/${s.id}`,
      description: "",
      iconUrl: `${baseUrl}/images/icons/statuses/generic.png`,
      name,
      id: s.id,
      statusCategory: { ...c, self: `${baseUrl}${c.self}` },
    };
  };

  const userJson = (displayName: string | null) =>
    displayName === null
      ? null
      : {
          self: `${baseUrl}/rest/api/3/user?accountId=${accountIdOf(displayName)}`,
          accountId: accountIdOf(displayName),
          displayName,
          active: true,
          accountType: "atlassian",
        };

  function fieldValue(issue: FakeIssue, field: string): unknown {
    switch (field) {
      case "summary":
        return issue.summary;
      case "description":
        return issue.description;
      case "status":
        return statusJson(issue.status);
      case "priority":
        return issue.priority === null
          ? null
          : {
              self: `${baseUrl}/rest/api/3/priority/${PRIORITY_IDS[issue.priority] ?? "10000"}`,
              name: issue.priority,
              id: PRIORITY_IDS[issue.priority] ?? "10000",
            };
      case "assignee":
        return userJson(issue.assignee);
      case "reporter":
        return userJson(issue.reporter);
      case "duedate":
        return issue.duedate;
      case "created":
        return formatJiraTimestamp(issue.created, zone());
      case "updated":
        return formatJiraTimestamp(issue.updated, zone());
      default:
        return undefined;
    }
  }

  /** `fields` null: no fields at all (what /search/jql does without a list). */
  function issueJson(issue: FakeIssue, fields: string[] | null) {
    const out: Record<string, unknown> = {
      expand: "",
      id: issue.id,
      self: `${baseUrl}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
    };
    if (fields === null) return out;
    const wanted = fields.some((f) => f === "*all" || f === "*navigable") ? ALL_FIELDS : fields;
    const values: Record<string, unknown> = {};
    for (const f of wanted) {
      if (f.startsWith("-")) continue;
      if (issue.fieldOverrides && f in issue.fieldOverrides) values[f] = issue.fieldOverrides[f];
      else if (ALL_FIELDS.includes(f)) values[f] = fieldValue(issue, f);
    }
    out.fields = values;
    return out;
  }

  const transitionsFrom = (status: FakeStatusName) =>
    WORKFLOW.filter((t) => t.from === status).map((t) => ({
      id: t.id,
      name: t.name,
      to: statusJson(t.to),
      hasScreen: false,
      isGlobal: false,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));

  // ── Handlers ──

  interface Answer {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  }
  const errorBody = (...messages: string[]) => ({ errorMessages: messages, errors: {} });
  const notFoundIssue = (): Answer => ({
    status: 404,
    body: errorBody("Issue does not exist or you do not have permission to see it."),
  });

  function search(body: FakeSearchBody): Answer {
    searches.push(body);
    if (typeof body.jql !== "string") return { status: 400, body: errorBody("The JQL query is required.") };
    const max = body.maxResults === undefined ? DEFAULT_MAX_RESULTS : body.maxResults;
    if (typeof max !== "number" || !Number.isInteger(max) || max < 1) {
      return { status: 400, body: errorBody("maxResults must be a whole number from 1 to 5000.") };
    }
    const fields = body.fields === undefined ? null : body.fields;
    if (fields !== null && (!Array.isArray(fields) || fields.some((f) => typeof f !== "string"))) {
      return { status: 400, body: errorBody("fields must be a list of field names.") };
    }
    let query: ParsedJql;
    try {
      query = parseJql(body.jql, zone());
    } catch (e) {
      if (e instanceof JqlError) return { status: 400, body: errorBody(e.message) };
      throw e;
    }
    const list = query.project === null ? all : (byProject.get(query.project) ?? []);
    let start = query.updatedSince === null ? 0 : lowerBound(list, query.updatedSince, -Infinity);
    if (body.nextPageToken !== undefined && body.nextPageToken !== null) {
      const after = typeof body.nextPageToken === "string" ? decodeToken(body.jql, body.nextPageToken) : null;
      if (!after) return { status: 400, body: errorBody("The provided next page token is invalid or expired.") };
      start = Math.max(start, lowerBound(list, after.updated, after.seq + 1));
    }
    const page = list.slice(start, start + Math.min(max, MAX_RESULTS_CAP));
    const isLast = start + page.length >= list.length;
    return {
      status: 200,
      body: {
        issues: page.map((i) => issueJson(i, fields as string[] | null)),
        // Like Cloud: the key is absent on the last page (JRACLOUD-92184), and isLast says so.
        ...(isLast ? {} : { nextPageToken: encodeToken(body.jql, page[page.length - 1]!) }),
        isLast,
      },
    };
  }

  function transition(issue: FakeIssue, body: unknown): Answer {
    const id = (body as { transition?: { id?: unknown } } | null)?.transition?.id;
    if (typeof id !== "string" && typeof id !== "number") {
      return { status: 400, body: errorBody("Missing 'transition' identifier.") };
    }
    const move = WORKFLOW.find((t) => t.id === String(id) && t.from === issue.status);
    if (!move) return { status: 400, body: errorBody(`Transition id '${id}' is not valid for this issue.`) };
    touch(issue, () => {
      issue.status = move.to;
    });
    return { status: 204 };
  }

  function comment(issue: FakeIssue, body: unknown): Answer {
    const doc = (body as { body?: unknown } | null)?.body;
    if (!isAdfDoc(doc)) {
      return {
        status: 400,
        body: { errorMessages: [], errors: { comment: "Comment body is not valid Atlassian Document Format." } },
      };
    }
    const c: FakeComment = { id: String(++commentSeq + 100_000), body: doc, created: clock };
    touch(issue, () => {
      issue.comments.push(c);
    });
    return {
      status: 201,
      body: {
        self: `${baseUrl}/rest/api/3/issue/${issue.id}/comment/${c.id}`,
        id: c.id,
        author: userJson(user.displayName),
        body: doc,
        created: formatJiraTimestamp(c.created, zone()),
        updated: formatJiraTimestamp(c.created, zone()),
        jsdPublic: true,
      },
    };
  }

  function route(
    method: string,
    path: string,
  ): { endpoint: FakeEndpoint; handle: (body: unknown, query: URLSearchParams) => Answer } {
    const methodNotAllowed = (): Answer => ({ status: 405, body: errorBody(`Method ${method} is not allowed here.`) });
    if (path === "/rest/api/3/myself") {
      return {
        endpoint: "myself",
        handle: () =>
          method !== "GET"
            ? methodNotAllowed()
            : {
                status: 200,
                body: {
                  self: `${baseUrl}/rest/api/3/user?accountId=${user.accountId ?? ""}`,
                  ...(user.accountId ? { accountId: user.accountId } : {}),
                  accountType: "atlassian",
                  emailAddress: user.emailAddress,
                  displayName: user.displayName,
                  active: true,
                  ...(user.timeZone ? { timeZone: user.timeZone } : {}),
                  locale: "en_US",
                },
              },
      };
    }
    if (path === "/rest/api/3/search/jql") {
      return {
        endpoint: "search",
        handle: (body) => (method !== "POST" ? methodNotAllowed() : search((body ?? {}) as FakeSearchBody)),
      };
    }
    if (path === "/rest/api/3/search" || path === "/rest/api/2/search") {
      return {
        endpoint: "other",
        handle: () => ({
          status: 410,
          body: errorBody("The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."),
        }),
      };
    }
    const m = /^\/rest\/api\/3\/issue\/([^/]+)(?:\/(transitions|comment))?$/.exec(path);
    if (m) {
      const idOrKey = decodeURIComponent(m[1]!);
      const sub = m[2];
      if (!sub) {
        return {
          endpoint: "issue",
          handle: (_body, query) => {
            if (method !== "GET") return methodNotAllowed();
            const issue = find(idOrKey);
            if (!issue) return notFoundIssue();
            const fields = query.get("fields");
            return {
              status: 200,
              body: issueJson(
                issue,
                fields
                  ? fields
                      .split(",")
                      .map((f) => f.trim())
                      .filter(Boolean)
                  : ALL_FIELDS,
              ),
            };
          },
        };
      }
      if (sub === "transitions") {
        return {
          endpoint: "transitions",
          handle: (body) => {
            const issue = find(idOrKey);
            if (!issue) return notFoundIssue();
            if (method === "GET")
              return { status: 200, body: { expand: "transitions", transitions: transitionsFrom(issue.status) } };
            if (method === "POST") return transition(issue, body);
            return methodNotAllowed();
          },
        };
      }
      return {
        endpoint: "comment",
        handle: (body) => {
          const issue = find(idOrKey);
          if (!issue) return notFoundIssue();
          return method === "POST" ? comment(issue, body) : methodNotAllowed();
        },
      };
    }
    return { endpoint: "other", handle: () => ({ status: 404, body: errorBody(`No resource at ${path}.`) }) };
  }

  const authorized = (header: string | undefined) => {
    if (!header?.startsWith("Basic ")) return false;
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    return decoded === `${email}:${token}`;
  };

  function takeFailure(endpoint: FakeEndpoint): FakeFailure | undefined {
    for (const name of [endpoint, "any"] as const) {
      const queue = failures.get(name);
      if (queue?.length) return queue.shift();
    }
    return undefined;
  }

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function send(res: http.ServerResponse, answer: Answer, truncate = false) {
    if (res.destroyed || res.writableEnded) return;
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    let text = JSON.stringify(answer.body);
    if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const bytes = Buffer.from(text, "utf8");
    res
      .writeHead(answer.status, {
        ...headers,
        "content-type": "application/json;charset=UTF-8",
        "content-length": String(bytes.length),
      })
      .end(bytes);
  }

  async function readBody(req: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return { ok: false };
      chunks.push(chunk as Buffer);
    }
    if (size === 0) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
    } catch {
      return { ok: false };
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const { endpoint, handle: run } = route(method, url.pathname);
    requests[endpoint]++;
    const body = await readBody(req);

    const failure = takeFailure(endpoint);
    if (failure?.kind === "delay") await wait(failure.ms);
    if (failure?.kind === "status") {
      send(res, {
        status: failure.status,
        headers: failure.retryAfterSeconds !== undefined ? { "retry-after": String(failure.retryAfterSeconds) } : {},
        body: errorBody(failure.status === 429 ? "Rate limit exceeded." : "Internal server error."),
      });
      return;
    }
    if (!authorized(req.headers.authorization)) {
      send(res, {
        status: 401,
        headers: { "www-authenticate": 'Basic realm="protected-area"' },
        body: errorBody("Client must be authenticated to access this resource."),
      });
      return;
    }
    if (!body.ok) {
      send(res, { status: 400, body: errorBody("The request body is not valid JSON.") });
      return;
    }
    send(res, run(body.value, url.searchParams), failure?.kind === "truncated");
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      send(res, { status: 500, body: errorBody(`fake Jira failed: ${e instanceof Error ? e.message : String(e)}`) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    state,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Jira system pointing at the fake, with the fake's valid credentials unless overridden. */
export function fakeJiraConnection(
  fake: Pick<FakeJira, "url">,
  overrides: Partial<SystemConnection> = {},
): SystemConnection {
  return {
    id: 1,
    name: "Fake Jira",
    type: "jira",
    apiUrl: fake.url,
    username: FAKE_JIRA_EMAIL,
    apiKey: FAKE_JIRA_TOKEN,
    password: null,
    settings: { project_key: "OPS" },
    ...overrides,
  };
}

const accountIds = new Map<string, string>();
function accountIdOf(displayName: string): string {
  let id = accountIds.get(displayName);
  if (!id) accountIds.set(displayName, (id = createHash("sha1").update(displayName).digest("hex").slice(0, 24)));
  return id;
}

function isAdfDoc(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const doc = value as { version?: unknown; type?: unknown; content?: unknown };
  if (doc.type !== "doc" || doc.version !== 1 || !Array.isArray(doc.content)) return false;
  const nodeOk = (node: unknown, depth: number): boolean => {
    if (depth > 50 || typeof node !== "object" || node === null) return false;
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (typeof n.type !== "string") return false;
    if (n.type === "text" && (typeof n.text !== "string" || n.text === "")) return false;
    return n.content === undefined || (Array.isArray(n.content) && n.content.every((c) => nodeOk(c, depth + 1)));
  };
  return doc.content.every((c) => nodeOk(c, 0));
}
