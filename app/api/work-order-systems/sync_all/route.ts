import { withApi } from "@/lib/http/with-api";
import { requestSyncAll } from "@/lib/sync/engine";
import { toRunDto } from "@/lib/sync/run-dto";

/** Starts a sync of every active system: the runs started, and the systems skipped because one is running. */
export const POST = withApi({ access: "integrations.manage" }, async () => {
  const { started, skipped } = await requestSyncAll("api");
  return Response.json({ started: started.map(toRunDto), skipped }, { status: 202 });
});
