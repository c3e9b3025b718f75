import type { ExternalSystemType, WorkOrderPriority, WorkOrderStatus } from "@/db/schema";

/**
 * The contract between the sync engine and the adapters (lib/sync/adapters/<type>/). An adapter knows
 * one remote API: how to authenticate, page through changed records, map them to our shape, and
 * write a change back. The engine knows everything else: runs, counting, cursors, transactions, locks.
 */

/** A system as an adapter sees it: credentials decrypted, in memory only, never logged or returned. */
export interface SystemConnection {
  id: number;
  name: string;
  type: ExternalSystemType;
  /** Without a trailing slash. */
  apiUrl: string;
  username: string | null;
  apiKey: string | null;
  password: string | null;
  settings: Record<string, unknown>;
}

/** A remote work order in our shape (the remote's own status and priority are kept beside ours). */
export interface MappedWorkOrder {
  externalId: string;
  /** What people call it: `OPS-12` in Jira, `#4711` in Zendesk. */
  externalKey: string;
  /** A link to the record in the remote's own UI. */
  externalUrl: string | null;
  title: string;
  /** Plain text (Jira's ADF is converted). */
  description: string;
  status: WorkOrderStatus;
  rawStatus: string;
  priority: WorkOrderPriority | null;
  rawPriority: string | null;
  assignee: string | null;
  requester: string | null;
  dueAt: Date | null;
  externalCreatedAt: Date | null;
  externalUpdatedAt: Date | null;
  /** The remote deleted it (Zendesk `status: deleted`). */
  deleted: boolean;
  /** The remote record as received, for support; must not contain credentials. */
  raw: Record<string, unknown>;
}

/** One remote record after mapping: our row, or why it could not be mapped (the run goes on). */
export type MapResult<T> = { ok: true; record: T } | { ok: false; externalId: string; reason: string };

/**
 * A page of a pull. The engine commits the page's records and `nextCursor` in one transaction, so a
 * run that stops after any page resumes from exactly there.
 */
export interface PulledPage<T> {
  items: MapResult<T>[];
  nextCursor: Record<string, unknown>;
  /** Remote requests this page took (retries included). */
  requests: number;
}

/** The answer of test_connection, in plain words. */
export interface ConnectionCheck {
  ok: boolean;
  message: string;
  latency_ms: number;
}

export interface PullOptions {
  /** Where the last committed page left off; null for a first (full) sync. */
  cursor: Record<string, unknown> | null;
  signal: AbortSignal;
}

/** A status a work order can be moved to in the remote, as the push-back form offers it. */
export interface StatusOption {
  /** What `pushUpdate` accepts as `status`. */
  value: string;
  label: string;
}

export interface WorkOrderUpdate {
  status?: string;
  comment?: string;
}

export interface WorkOrderAdapter {
  testConnection(signal?: AbortSignal): Promise<ConnectionCheck>;
  pull(options: PullOptions): AsyncIterable<PulledPage<MappedWorkOrder>>;
  /** The statuses the remote allows this record to move to now. */
  statusOptions(externalId: string, signal?: AbortSignal): Promise<StatusOption[]>;
  /** Writes the change to the remote and returns the record as the remote now has it. */
  pushUpdate(externalId: string, update: WorkOrderUpdate, signal?: AbortSignal): Promise<MappedWorkOrder>;
  /** Remote requests made so far by this adapter instance (retries included). */
  requestCount(): number;
}
