import type { TicketSort } from "@/lib/tickets/enums";

/** The ticket list's defaults; the vocabulary itself (statuses, sorts) is in lib/tickets/enums.ts. */
export const DEFAULT_SORT: TicketSort = "-created_at";

export const LIST_PAGE_SIZE = 20;
