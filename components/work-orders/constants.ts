import type { BadgeTone } from "@/components/ui/badge";
import type { WorkOrderDto, workOrderStatistics } from "@/lib/work-orders/queries";
import type { ListWorkOrdersQuery } from "@/lib/work-orders/schemas";

/**
 * The work-order page's vocabulary. The values mirror the API's schema (lib/work-orders/schemas.ts);
 * they are typed against it, so a value the API drops stops compiling here. Components may not import
 * db/, so the lists themselves are repeated.
 */
export type WorkOrderStatus = NonNullable<ListWorkOrdersQuery["status"]>;
export type WorkOrderPriority = NonNullable<ListWorkOrdersQuery["priority"]>;
export type WorkOrderSort = ListWorkOrdersQuery["sort"];
export type WorkOrderStatistics = Awaited<ReturnType<typeof workOrderStatistics>>;
export type SystemSummary = WorkOrderStatistics["by_system"][number];
export type { WorkOrderDto };

export interface WorkOrderPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: WorkOrderDto[];
}

export const WORK_ORDER_STATUSES = [
  "open",
  "in_progress",
  "waiting",
  "resolved",
  "closed",
] as const satisfies readonly WorkOrderStatus[];

export const WORK_ORDER_PRIORITIES = [
  "urgent",
  "high",
  "normal",
  "low",
] as const satisfies readonly WorkOrderPriority[];

/** Label keys (under workOrders.sort) for every sort the API accepts. */
export const SORT_LABELS: Record<WorkOrderSort, string> = {
  "-updated": "updatedDesc",
  updated: "updatedAsc",
  due: "dueAsc",
  "-due": "dueDesc",
  "-priority": "priorityDesc",
  priority: "priorityAsc",
  "-created": "createdDesc",
  created: "createdAsc",
};
export const WORK_ORDER_SORTS = Object.keys(SORT_LABELS) as WorkOrderSort[];
export const DEFAULT_SORT: WorkOrderSort = "-updated";

export const PAGE_SIZES = [20, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** Quick views behind the summary numbers; each is its own API endpoint. */
export const QUICK_VIEWS = ["overdue", "due_soon"] as const;
export type QuickView = (typeof QUICK_VIEWS)[number];
/** "Due soon" as the statistics count it. */
export const DUE_SOON_DAYS = 3;

export const STATUS_TONES: Record<WorkOrderStatus, BadgeTone> = {
  open: "blue",
  in_progress: "sky",
  waiting: "amber",
  resolved: "green",
  closed: "gray",
};

export const PRIORITY_TONES: Record<WorkOrderPriority, BadgeTone> = {
  urgent: "red",
  high: "amber",
  normal: "gray",
  low: "gray",
};

export const DONE_STATUSES: readonly string[] = ["resolved", "closed"];
