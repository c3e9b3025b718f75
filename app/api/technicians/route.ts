import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { listTechnicians } from "@/lib/tickets/technicians";

const query = z.object({
  center_id: z.uuid().optional(),
  active: z.enum(["true", "false"]).optional(),
});

/** Technicians with their center and 7-day load. A technician sees only themself. */
export const GET = withApi({ access: "tickets.read", query }, async ({ query, actor }) => {
  const items = await listTechnicians({ centerId: query.center_id, activeOnly: query.active === "true" });
  return { items: actor.role === "technician" ? items.filter((t) => t.id === actor.technicianId) : items };
});
