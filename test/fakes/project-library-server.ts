import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ProjectRole, ProjectStatus, ProjectType } from "@/lib/projects/types";
import type { SystemConnection } from "@/lib/sync/types";

/**
 * A fake project library (docs/project-library.md) over real HTTP on 127.0.0.1 (port 0), started by the
 * tests that use it, so the adapter's whole stack (fetch, bearer key, timeouts, retries, JSON parsing)
 * runs for real.
 *
 *   GET /projects?types=&updated_since=&page_token=&page_size=  → { items, next_page_token }
 *   GET /projects/{id}                                          → the project, or 404 {"error":"not found"}
 *
 * Projects are listed in (updated_at, id) order, ids compared as strings. A page token is the base64url
 * JSON of the last position served and the fake-clock time it was issued (`{"u":…,"i":…,"t":…}`); it
 * expires after `tokenTtlSeconds` of the fake's clock (default one hour, the contract's minimum) and
 * is refused with 400 once expired or when it does not decode.
 *
 * The clock is the fake's own (`setClock`/`advanceClock`), never the wall clock: every change stamps
 * `updated_at` with it. Tests move it between changes; two changes at the same instant share a time
 * and are ordered by id, as the contract allows.
 *
 * Failure injection: `failNext(n, failure)` answers the next n requests with `failure`, queued behind
 * what is queued already (`{ kind: "pass" }` answers normally, to make a failure hit the n-th request);
 * `down()` fails every request until `up()`; `setDelay(ms)` holds every answer back.
 */

export interface FakePerson {
  role: ProjectRole;
  id: string;
  name: string;
  phone?: string | null;
  email?: string | null;
}

export interface FakeProject {
  id: string;
  type: ProjectType;
  title: string;
  status: ProjectStatus;
  customer_name: string;
  phone: string | null;
  /** ISO 8601, from the fake's clock unless a test gave one. */
  updated_at: string;
  /** sales */
  payment_time?: string | null;
  payment_amount?: number | null;
  /** aftersales */
  service_time?: string | null;
  fault?: string | null;
  /** presale */
  expected_close_date?: string | null;
  people: FakePerson[];
  /**
   * Served over the fake's own fields (to serve a malformed or surprising project, e.g.
   * `{ status: "archived" }` or `{ updated_at: "yesterday" }`); ordering keeps using the real `updated_at`.
   */
  overrides?: Record<string, unknown>;
}

/** A new project: anything left out gets a plain default; `updated_at` defaults to the fake's clock. */
export type FakeProjectInput = Partial<FakeProject> & { id: string };

/** What the next requests suffer instead of (or on top of) their normal answer. */
export type FakeFailure =
  /** An error status with `{"error": …}`; `retryAfter` (seconds) sets Retry-After. */
  | { kind?: "status"; status: number; retryAfter?: number }
  /** The normal answer: queued first, it makes a later failure hit the n-th request, not the next. */
  | { kind: "pass" }
  /** A 200 with this body instead of the normal answer (a broken envelope). */
  | { kind: "body"; body: unknown }
  /** The normal answer cut in half (with a matching Content-Length, so only the JSON is broken). */
  | { kind: "truncated" }
  /** The normal answer, after a pause. */
  | { kind: "delay"; ms: number }
  /** The connection is dropped without an answer. */
  | { kind: "reset" };

/** One request as the fake saw it. `auth` is the Authorization header as received (keys here are fakes). */
export interface FakeRequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: string | null;
  /** The status answered; 0 when the connection was dropped. */
  status: number;
}

export interface GenerateOptions {
  /** The number in the first id (`P` + six digits); default: after the highest generated so far. */
  firstNumber?: number;
  /** Types to cycle through; default all three. */
  types?: readonly ProjectType[];
  /** `updated_at` of the last project. Default: the clock. */
  endAt?: Date | string | number;
  /** Projects come in pairs sharing a time; each pair is this much older than the next. Default 1. */
  spacingSeconds?: number;
}

export interface FakeProjectLibraryOptions {
  apiKey?: string;
  /** The fake's clock at start (default 2025-01-15T12:00:00.000Z). */
  now?: Date | string | number;
  /** A number generates that many projects, a list adds those. */
  projects?: number | FakeProjectInput[];
  /** How long a page token stays valid on the fake's clock. Default 3600. */
  tokenTtlSeconds?: number;
}

export interface FakeProjectLibraryState {
  /** The fake's clock. */
  now(): Date;
  /** Moves the clock forward; it never goes back. */
  setClock(to: Date | string | number): void;
  advanceClock(seconds: number): void;

  /** Adds or replaces a project; returns what is stored. */
  put(project: FakeProjectInput): FakeProject;
  /** `n` deterministic projects of the given types, with people, phones and e-mails; returns them. */
  generate(n: number, options?: GenerateOptions): FakeProject[];
  /** Changes the status and stamps `updated_at` with the clock. */
  setStatus(id: string, status: ProjectStatus): FakeProject;
  /** Changes anything but the id and stamps `updated_at` with the clock. */
  edit(id: string, patch: Partial<Omit<FakeProject, "id" | "updated_at">>): FakeProject;
  /** Gone: no longer listed, 404 on its own. */
  remove(id: string): boolean;
  /** A copy, or undefined. */
  project(id: string): FakeProject | undefined;
  projectCount(): number;
  /** Ids in listing order. */
  ids(): string[];

  setApiKey(key: string): void;

  /** Every request so far, oldest first. */
  readonly requests: FakeRequestRecord[];
  resetRequests(): void;
  /** The next `n` requests suffer `failure` (after whatever is queued already). */
  failNext(n: number, failure: FakeFailure): void;
  /** Every request fails: 503 `{"error": …}`, or a dropped connection ("reset"), until `up()`. */
  down(mode?: "503" | "reset"): void;
  up(): void;
  /** Every answer waits this long (0: none). */
  setDelay(ms: number): void;
}

export interface FakeProjectLibrary {
  /** http://127.0.0.1:<port>, to use as the system's API URL. */
  url: string;
  state: FakeProjectLibraryState;
  close(): Promise<void>;
}

export const FAKE_PROJECT_LIBRARY_API_KEY = "pl-fake-key-0123456789abcdef";

const DEFAULT_NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;
const TYPES: readonly ProjectType[] = ["presale", "aftersales", "sales"];
const STATUSES: readonly ProjectStatus[] = ["pending", "processing", "resolved", "shipped", "completed"];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const toMs = (at: Date | string | number): number => {
  const ms = typeof at === "number" ? at : typeof at === "string" ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new Error(`Not a time: ${String(at)}`);
  return ms;
};
const iso = (ms: number) => new Date(ms).toISOString();

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
const error = (status: number, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: message },
  headers,
});

/** A place in the listing order: `updated_at` in epoch milliseconds, and the id. */
export interface FakePagePosition {
  u: number;
  i: string;
}

/** Which comes first in the listing order: (updated_at, id), ids as strings. */
const compare = (a: FakePagePosition, b: FakePagePosition) => a.u - b.u || (a.i < b.i ? -1 : a.i > b.i ? 1 : 0);

export function encodePageToken(position: FakePagePosition, issuedAt: number): string {
  return Buffer.from(JSON.stringify({ u: position.u, i: position.i, t: issuedAt }), "utf8").toString("base64url");
}

function decodePageToken(token: string): (FakePagePosition & { t: number }) | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Record<string, unknown>;
    const { u, i, t } = value ?? {};
    if (typeof u !== "number" || !Number.isFinite(u) || typeof i !== "string" || typeof t !== "number") return null;
    return { u, i, t };
  } catch {
    return null;
  }
}

const SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang"];
const GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Tao", "Xia"];
const FAULTS = ["Compressor does not start", "Display flickers", "Leaks water", "Error code E4", null];
const TITLES: Record<ProjectType, string> = {
  presale: "Quotation for",
  aftersales: "Repair for",
  sales: "Order for",
};

/** Phone spellings the library really sends: spaces, dashes, a country code, none. */
function phoneFor(n: number): string | null {
  const digits = String(13_800_000_000 + n);
  switch (n % 4) {
    case 0:
      return digits;
    case 1:
      return `+86 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
    case 2:
      return ` ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)} `;
    default:
      return null;
  }
}

/**
 * `n` varied projects with ids `P<firstNumber…>` (six digits): types and statuses in turn, a customer
 * on each, an engineer on after-sales, a salesman on sales and pre-sales, phones in assorted spellings,
 * e-mails in mixed case, and two projects to each time so that ordering by id within a time matters.
 */
export function generateProjects(n: number, options: GenerateOptions = {}): FakeProject[] {
  const firstNumber = options.firstNumber ?? 100001;
  const types = options.types?.length ? options.types : TYPES;
  const endAt = toMs(options.endAt ?? DEFAULT_NOW);
  const spacingMs = (options.spacingSeconds ?? 1) * 1000;
  const projects: FakeProject[] = [];
  for (let k = 0; k < n; k++) {
    const number = firstNumber + k;
    const type = types[k % types.length]!;
    const status = STATUSES[k % STATUSES.length]!;
    const updatedAt = endAt - Math.floor((n - 1 - k) / 2) * spacingMs;
    const customer = `${SURNAMES[number % SURNAMES.length]} ${GIVEN[number % GIVEN.length]}`;
    const phone = phoneFor(number);
    const people: FakePerson[] = [
      {
        role: "customer",
        id: `C${number}`,
        name: customer,
        phone,
        email: number % 3 === 0 ? null : `Customer.${number}@Example.COM`,
      },
    ];
    if (type === "aftersales") {
      people.push({
        role: "engineer",
        id: `E${(number % 5) + 1}`,
        name: `Engineer ${(number % 5) + 1}`,
        phone: `139 0000 000${number % 5}`,
        email: `engineer${(number % 5) + 1}@library.example`,
      });
    } else {
      people.push({ role: "salesman", id: `S${(number % 3) + 1}`, name: `Salesman ${(number % 3) + 1}`, email: null });
    }
    const project: FakeProject = {
      id: `P${String(number).padStart(6, "0")}`,
      type,
      title: `${TITLES[type]} ${customer} #${number}`,
      status,
      customer_name: customer,
      phone,
      updated_at: iso(updatedAt),
      people,
    };
    if (type === "sales") {
      project.payment_time = status === "pending" ? null : iso(updatedAt - 86_400_000);
      project.payment_amount = status === "pending" ? null : 1000 + (number % 50) * 99.5;
    } else if (type === "aftersales") {
      project.service_time = k % 2 ? iso(updatedAt + 2 * 86_400_000) : null;
      project.fault = FAULTS[number % FAULTS.length]!;
    } else {
      project.expected_close_date = k % 3 ? iso(updatedAt + 30 * 86_400_000).slice(0, 10) : null;
    }
    projects.push(project);
  }
  return projects;
}

function copy(project: FakeProject): FakeProject {
  return {
    ...project,
    people: project.people.map((p) => ({ ...p })),
    ...(project.overrides ? { overrides: { ...project.overrides } } : {}),
  };
}

/** The project as the library serves it: only its own type's fields, then any overrides. */
function projectJson(p: FakeProject): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: p.id,
    type: p.type,
    title: p.title,
    status: p.status,
    customer_name: p.customer_name,
    phone: p.phone,
    updated_at: p.updated_at,
  };
  if (p.type === "sales") {
    json.payment_time = p.payment_time ?? null;
    json.payment_amount = p.payment_amount ?? null;
  } else if (p.type === "aftersales") {
    json.service_time = p.service_time ?? null;
    json.fault = p.fault ?? null;
  } else {
    json.expected_close_date = p.expected_close_date ?? null;
  }
  json.people = p.people.map((person) => {
    const out: Record<string, unknown> = { role: person.role, id: person.id, name: person.name };
    if (person.phone !== undefined) out.phone = person.phone;
    if (person.email !== undefined) out.email = person.email;
    return out;
  });
  return { ...json, ...p.overrides };
}

class FakeProjectLibraryStore implements FakeProjectLibraryState {
  private clock: number;
  private apiKey: string;
  private readonly ttlMs: number;
  private readonly byId = new Map<string, FakeProject>();
  /** Listing order, (updated_at, id). */
  private readonly order: FakePagePosition[] = [];
  private nextNumber = 100001;
  readonly requests: FakeRequestRecord[] = [];
  private readonly failures: FakeFailure[] = [];
  private outage: "503" | "reset" | null = null;
  private delayMs = 0;

  constructor(options: FakeProjectLibraryOptions) {
    this.clock = toMs(options.now ?? DEFAULT_NOW);
    this.apiKey = options.apiKey ?? FAKE_PROJECT_LIBRARY_API_KEY;
    this.ttlMs = (options.tokenTtlSeconds ?? 3600) * 1000;
    if (typeof options.projects === "number") this.generate(options.projects);
    else for (const project of options.projects ?? []) this.put(project);
  }

  // ---- clock ----

  now() {
    return new Date(this.clock);
  }

  setClock(to: Date | string | number) {
    const ms = toMs(to);
    if (ms < this.clock) throw new Error(`The fake library's clock only moves forward (now ${iso(this.clock)})`);
    this.clock = ms;
  }

  advanceClock(seconds: number) {
    this.setClock(this.clock + seconds * 1000);
  }

  // ---- projects ----

  put(input: FakeProjectInput): FakeProject {
    const project = this.complete(input);
    this.unindex(project.id);
    this.byId.set(project.id, project);
    const position = { u: Date.parse(project.updated_at), i: project.id };
    this.order.splice(this.lowerBound(position), 0, position);
    this.claim(project.id);
    return copy(project);
  }

  generate(n: number, options: GenerateOptions = {}): FakeProject[] {
    const projects = generateProjects(n, {
      ...options,
      firstNumber: options.firstNumber ?? this.nextNumber,
      endAt: options.endAt ?? this.clock,
    });
    if (projects.some((p) => this.byId.has(p.id))) return projects.map((p) => this.put(p));
    // New ids only: one sort instead of a splice each, so 100,000 projects take well under a second.
    for (const project of projects) {
      this.byId.set(project.id, project);
      this.order.push({ u: Date.parse(project.updated_at), i: project.id });
      this.claim(project.id);
    }
    this.order.sort(compare);
    return projects.map(copy);
  }

  private complete(input: FakeProjectInput): FakeProject {
    if (typeof input.id !== "string" || input.id === "") throw new Error("A project needs an id");
    const type = input.type ?? "aftersales";
    if (!TYPES.includes(type)) throw new Error(`Not a project type: ${type}`);
    const status = input.status ?? "pending";
    if (!STATUSES.includes(status)) throw new Error(`Not a project status: ${status}`);
    return copy({
      ...input,
      type,
      status,
      title: input.title ?? `Project ${input.id}`,
      customer_name: input.customer_name ?? "Customer",
      phone: input.phone ?? null,
      updated_at: iso(toMs(input.updated_at ?? this.clock)),
      people: input.people ?? [],
    });
  }

  private claim(id: string) {
    const number = /^P(\d+)$/.exec(id);
    if (number) this.nextNumber = Math.max(this.nextNumber, Number(number[1]) + 1);
  }

  setStatus(id: string, status: ProjectStatus): FakeProject {
    if (!STATUSES.includes(status)) throw new Error(`Not a project status: ${status}`);
    return this.edit(id, { status });
  }

  edit(id: string, patch: Partial<Omit<FakeProject, "id" | "updated_at">>): FakeProject {
    const project = this.byId.get(id);
    if (!project) throw new Error(`No project ${id}`);
    // The id and the time are the fake's to keep, whatever a test passes in.
    const { id: _id, updated_at: _updated, ...fields } = patch as Partial<FakeProject>;
    return this.put({ ...copy(project), ...fields, id, updated_at: iso(this.clock) });
  }

  remove(id: string): boolean {
    return this.unindex(id);
  }

  project(id: string) {
    const project = this.byId.get(id);
    return project ? copy(project) : undefined;
  }

  projectCount() {
    return this.byId.size;
  }

  ids() {
    return this.order.map((p) => p.i);
  }

  setApiKey(key: string) {
    this.apiKey = key;
  }

  /** First index at or after `position` in the listing order. */
  private lowerBound(position: FakePagePosition): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.order[mid]!, position) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private unindex(id: string): boolean {
    const project = this.byId.get(id);
    if (!project) return false;
    const at = this.lowerBound({ u: Date.parse(project.updated_at), i: id });
    if (this.order[at]?.i === id) this.order.splice(at, 1);
    this.byId.delete(id);
    return true;
  }

  // ---- failures ----

  resetRequests() {
    this.requests.length = 0;
  }

  failNext(n: number, failure: FakeFailure) {
    for (let k = 0; k < n; k++) this.failures.push(failure);
  }

  down(mode: "503" | "reset" = "503") {
    this.outage = mode;
  }

  up() {
    this.outage = null;
  }

  setDelay(ms: number) {
    this.delayMs = Math.max(0, ms);
  }

  /** @internal */
  takeFailure(): FakeFailure | undefined {
    return this.failures.shift();
  }

  /** @internal */
  currentOutage() {
    return this.outage;
  }

  /** @internal */
  currentDelay() {
    return this.delayMs;
  }

  /** @internal */
  authorized(header: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    return match !== null && match[1] === this.apiKey;
  }

  // ---- endpoints ----

  /** @internal */
  list(query: URLSearchParams): Reply {
    const sizeParam = query.get("page_size");
    const pageSize = sizeParam === null ? DEFAULT_PAGE_SIZE : Number(sizeParam);
    if (!/^\d+$/.test(sizeParam ?? "1") || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return error(400, `page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    }

    let types: ReadonlySet<string> = new Set(TYPES);
    const typesParam = query.get("types");
    if (typesParam !== null) {
      const listed = typesParam.split(",").map((t) => t.trim());
      const unknown = listed.find((t) => !TYPES.includes(t as ProjectType));
      if (unknown !== undefined) {
        return error(400, `unknown project type ${JSON.stringify(unknown)}; known: ${TYPES.join(", ")}`);
      }
      types = new Set(listed);
    }

    let start = 0;
    const since = query.get("updated_since");
    if (since !== null) {
      const ms = Date.parse(since);
      if (!ISO_INSTANT.test(since) || !Number.isFinite(ms)) {
        return error(400, "updated_since must be an ISO 8601 date and time with a time zone");
      }
      start = this.lowerBound({ u: ms, i: "" });
    }
    const token = query.get("page_token");
    if (token !== null) {
      const position = decodePageToken(token);
      if (!position) return error(400, "page_token is not valid");
      if (this.clock - position.t > this.ttlMs) return error(400, "page_token has expired; start the listing again");
      // Strictly after the last project served: it is not served twice, and one that moved on since
      // (changed, so listed later) no longer sits there to be skipped.
      let after = this.lowerBound(position);
      const at = this.order[after];
      if (at && compare(at, position) === 0) after++;
      start = Math.max(start, after);
    }

    const items: Record<string, unknown>[] = [];
    let last: FakePagePosition | null = null;
    let k = start;
    for (; k < this.order.length && items.length < pageSize; k++) {
      const position = this.order[k]!;
      const project = this.byId.get(position.i)!;
      if (!types.has(project.type)) continue;
      items.push(projectJson(project));
      last = position;
    }
    // A token only when something is left: the last page says so itself, no empty page follows.
    while (k < this.order.length && !types.has(this.byId.get(this.order[k]!.i)!.type)) k++;
    const more = k < this.order.length && last !== null;
    return {
      status: 200,
      body: { items, next_page_token: more ? encodePageToken(last!, this.clock) : null },
    };
  }

  /** @internal */
  show(id: string): Reply {
    const project = this.byId.get(id);
    return project ? { status: 200, body: projectJson(project) } : error(404, "not found");
  }
}

export async function startFakeProjectLibrary(options: FakeProjectLibraryOptions = {}): Promise<FakeProjectLibrary> {
  const store = new FakeProjectLibraryStore(options);
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      timers.add(entry);
    });

  function send(res: http.ServerResponse, reply: Reply, truncate = false) {
    if (closed || res.destroyed || res.writableEnded) return;
    let text = JSON.stringify(reply.body);
    if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    res.writeHead(reply.status, {
      ...reply.headers,
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  function route(method: string, pathname: string): Reply | null {
    if (pathname === "/projects") {
      return method === "GET" ? null : error(405, "method not allowed", { allow: "GET" });
    }
    const one = /^\/projects\/([^/]+)$/.exec(pathname);
    if (one) return method === "GET" ? null : error(405, "method not allowed", { allow: "GET" });
    return error(404, "not found");
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const record: FakeRequestRecord = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      auth: req.headers.authorization ?? null,
      status: 0,
    };
    store.requests.push(record);
    const answer = (reply: Reply, truncate = false) => {
      record.status = reply.status;
      send(res, reply, truncate);
    };
    const drop = () => {
      record.status = 0;
      req.socket.destroy();
    };

    if (store.currentDelay() > 0) await wait(store.currentDelay());
    const outage = store.currentOutage();
    if (outage === "reset") return drop();
    if (outage === "503") return answer(error(503, "the library is unavailable"));

    const failure = store.takeFailure();
    if (failure?.kind === "delay") await wait(failure.ms);
    if (failure?.kind === "reset") return drop();
    if (failure && (failure.kind === undefined || failure.kind === "status")) {
      const headers = failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : undefined;
      const message =
        failure.status === 429 ? "too many requests" : failure.status >= 500 ? "internal error" : "failed";
      return answer(error(failure.status, message, headers));
    }

    const refused = route(method, url.pathname);
    if (refused) return answer(refused);
    if (!store.authorized(req.headers.authorization)) {
      return answer(error(401, "invalid or missing API key", { "www-authenticate": 'Bearer realm="project-library"' }));
    }
    if (failure?.kind === "body") return answer({ status: 200, body: failure.body });
    const truncate = failure?.kind === "truncated";
    if (url.pathname === "/projects") return answer(store.list(url.searchParams), truncate);
    let id: string;
    try {
      id = decodeURIComponent(url.pathname.slice("/projects/".length));
    } catch {
      return answer(error(404, "not found"));
    }
    return answer(store.show(id), truncate);
  }

  const server = http.createServer((req, res) => {
    res.on("error", () => {});
    handle(req, res).catch((e: unknown) => {
      send(res, error(500, `fake project library failed: ${e instanceof Error ? e.message : String(e)}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state: store,
    close: async () => {
      closed = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A project-library system pointing at the fake, with the fake's key unless overridden. */
export function fakeProjectLibraryConnection(
  fake: Pick<FakeProjectLibrary, "url">,
  overrides: Partial<SystemConnection> = {},
): SystemConnection {
  return {
    id: 1,
    name: "Fake project library",
    type: "project_library",
    apiUrl: fake.url,
    username: null,
    apiKey: FAKE_PROJECT_LIBRARY_API_KEY,
    password: null,
    settings: {},
    ...overrides,
  };
}
