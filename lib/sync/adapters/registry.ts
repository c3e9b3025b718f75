import "server-only";
import { AppError } from "../../errors";
import type { SystemConnection, WorkOrderAdapter } from "../types";
import { createJiraAdapter } from "./jira/adapter";
import { createZendeskAdapter } from "./zendesk/adapter";

/**
 * The one place that knows which adapter serves which kind of system. A new integration adds its
 * folder (client.ts, mapper.ts, adapter.ts) and one line here; see docs/architecture.md.
 */
const workOrderAdapters: Partial<Record<SystemConnection["type"], (c: SystemConnection) => WorkOrderAdapter>> = {
  jira: createJiraAdapter,
  zendesk: createZendeskAdapter,
};

export function workOrderAdapterFor(connection: SystemConnection): WorkOrderAdapter {
  const create = workOrderAdapters[connection.type];
  if (!create) throw new AppError("invalid_input", `A ${connection.type} system has no work orders to sync`);
  return create(connection);
}
