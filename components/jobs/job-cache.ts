import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/components/api/query-keys";
import type { TicketDetailDto, TicketDto, TicketListDto } from "@/lib/tickets/dto";

/** Query keys of the technician's job lists; all live under queryKeys.myJobs so one invalidation refreshes them. */
export const myJobsKeys = {
  open: (today: string) => [...queryKeys.myJobs, "open", today] as const,
  overdue: (today: string) => [...queryKeys.myJobs, "overdue", today] as const,
  completed: [...queryKeys.myJobs, "completed"] as const,
};

/** Puts a fresh ticket (an action's answer, or the current state sent with a conflict) into every cached view of it. */
export function putTicket(client: QueryClient, ticket: TicketDto) {
  client.setQueriesData<TicketListDto>({ queryKey: queryKeys.myJobs }, (list) =>
    list ? { ...list, items: list.items.map((item) => (item.id === ticket.id ? ticket : item)) } : list,
  );
  client.setQueryData<TicketDetailDto>(queryKeys.tickets.detail(ticket.id), (detail) =>
    detail ? { ...detail, ...ticket } : detail,
  );
}

export function refreshJob(client: QueryClient, id: string) {
  void client.invalidateQueries({ queryKey: queryKeys.myJobs });
  void client.invalidateQueries({ queryKey: queryKeys.tickets.detail(id) });
}
