/** Every TanStack Query key in one place, so invalidation after a change hits all views of the data. */
export const queryKeys = {
  tickets: {
    all: ["tickets"] as const,
    list: (params: Record<string, string | number | undefined>) => ["tickets", "list", params] as const,
    counts: (params: Record<string, string | number | undefined>) => ["tickets", "counts", params] as const,
    detail: (id: string) => ["tickets", "detail", id] as const,
  },
  technicians: {
    all: ["technicians"] as const,
    /** With skill coverage and same-slot jobs judged against one ticket. */
    forTicket: (ticketId: string) => ["technicians", "for-ticket", ticketId] as const,
  },
  myJobs: ["my-jobs"] as const,
  tokens: ["tokens"] as const,
  systems: {
    all: ["systems"] as const,
    list: ["systems", "list"] as const,
  },
  workOrders: {
    all: ["work-orders"] as const,
    list: (params: Record<string, string | number | undefined>) => ["work-orders", "list", params] as const,
    detail: (id: number) => ["work-orders", "detail", id] as const,
    statusOptions: (id: number) => ["work-orders", "status-options", id] as const,
    statistics: ["work-orders", "statistics"] as const,
  },
  syncLogs: {
    all: ["sync-logs"] as const,
    list: (params: Record<string, string | number | undefined>) => ["sync-logs", "list", params] as const,
    detail: (id: number) => ["sync-logs", "detail", id] as const,
    statistics: (params: Record<string, string | number | undefined>) => ["sync-logs", "statistics", params] as const,
    performance: (days: number) => ["sync-logs", "performance", days] as const,
  },
  projects: {
    all: ["projects"] as const,
    list: (params: Record<string, string | number | undefined>) => ["projects", "list", params] as const,
    detail: (id: string) => ["projects", "detail", id] as const,
    links: (id: string) => ["projects", "links", id] as const,
    history: ["projects", "sync-history"] as const,
  },
  publicAreas: ["public", "areas"] as const,
  publicSlots: (city: string, district: string, date: string) => ["public", "slots", city, district, date] as const,
  publicAvailability: (city: string, district: string) => ["public", "availability", city, district] as const,
};
