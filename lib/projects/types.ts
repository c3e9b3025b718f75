import type { ConnectionCheck, MapResult, PulledPage } from "../sync/types";

/**
 * A project of the remote project library (seed 003) in our shape. The remote's contract is in
 * docs/project-library.md; lib/projects/library/ reads it, the sync engine caches it in `projects`.
 */

export const projectTypes = ["presale", "aftersales", "sales"] as const;
export type ProjectType = (typeof projectTypes)[number];
export const projectStatuses = ["pending", "processing", "resolved", "shipped", "completed"] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
export const projectRoles = ["customer", "engineer", "salesman"] as const;
export type ProjectRole = (typeof projectRoles)[number];

/** Someone on a project: the customer, its engineer, its salesman. Ids are the library's own. */
export interface ProjectPerson {
  role: ProjectRole;
  id: string;
  name: string;
  /** Digits as the library sends them (full: masked only when shown). */
  phone: string | null;
  email: string | null;
}

/** The fields only one type of project has; times are ISO 8601 instants, dates `YYYY-MM-DD`. */
export interface ProjectTypeFields {
  /** sales */
  payment_time?: string | null;
  payment_amount?: number | null;
  /** aftersales */
  service_time?: string | null;
  fault?: string | null;
  /** presale */
  expected_close_date?: string | null;
}

export interface MappedProject {
  id: string;
  type: ProjectType;
  title: string;
  status: ProjectStatus;
  customerName: string;
  /** The customer's phone, full. */
  phone: string | null;
  updatedAt: Date;
  fields: ProjectTypeFields;
  people: ProjectPerson[];
}

/**
 * Where the next pull of each type continues. A type's listing runs from `since` (the remote's
 * `updated_since`, null for everything) page by page (`page_token`); when it reaches the end, the next
 * `since` is the newest `updated_at` seen minus an overlap, and `page_token` goes back to null. Types a
 * run did not list keep their position, so a sync of one type never moves another's.
 */
export type ProjectCursor = Partial<
  Record<ProjectType, { since: string | null; page_token: string | null; max_seen: string | null }>
>;

export interface ProjectPullOptions {
  cursor: ProjectCursor | null;
  types: readonly ProjectType[];
  signal: AbortSignal;
}

export interface ProjectAdapter {
  testConnection(signal?: AbortSignal): Promise<ConnectionCheck>;
  /** Pages of changed projects, type by type; each page's `nextCursor` is a whole ProjectCursor. */
  pull(options: ProjectPullOptions): AsyncIterable<PulledPage<MappedProject>>;
  /** One project as the library has it now; null when the library says 404. */
  fetchProject(id: string, signal?: AbortSignal): Promise<MapResult<MappedProject> | null>;
  /** Remote requests made so far by this adapter instance (retries included). */
  requestCount(): number;
}
