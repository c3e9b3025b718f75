/** Every TanStack Query key in one place, so invalidation after a change hits all views of the data. */
export const queryKeys = {
  tickets: {
    all: ["tickets"] as const,
    list: (params: Record<string, string | number | undefined>) => ["tickets", "list", params] as const,
    counts: (params: Record<string, string | number | undefined>) => ["tickets", "counts", params] as const,
    detail: (id: string) => ["tickets", "detail", id] as const,
  },
  technicians: { all: ["technicians"] as const },
  myJobs: ["my-jobs"] as const,
  tokens: ["tokens"] as const,
  publicAreas: ["public", "areas"] as const,
  publicSlots: (city: string, district: string, date: string) => ["public", "slots", city, district, date] as const,
};
