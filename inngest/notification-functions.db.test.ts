import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleJobs } from "@/lib/jobs/outbox";
import { saveChannelSettings } from "@/lib/notifications/channel-settings";
import { listNotifications } from "@/lib/notifications/queries";
import { createApiWorld, freshTicket, type ApiWorld } from "@/test/api/support";
import { withTestDatabase } from "@/test/db";
import { startWecomSink, type WecomSink } from "@/test/fakes/wecom-sink";
import { cleanShortLinksDaily, deliverWecomNotification, notifyTicketChange } from "./notification-functions";

/** The notification functions are thin wrappers over lib/notifications, run through @inngest/test. */

withTestDatabase();

let world: ApiWorld;
let wecom: WecomSink;
beforeAll(async () => {
  world = await createApiWorld();
  wecom = await startWecomSink();
  await saveChannelSettings({ wecom: { enabled: true, webhook_url: wecom.url } }, world.admin);
});
afterAll(async () => {
  await settleJobs();
  await wecom?.close();
});

describe("Inngest notification functions", () => {
  it("notify-ticket-change writes nothing new for an event already consumed; deliver-wecom-notification sends a row once", async () => {
    const t = await freshTicket("BOOKED", world);
    await settleJobs();
    const rows = (await listNotifications({ subject: t.booking.code, page: 1, page_size: 10 })).items;
    expect(rows.map((r) => r.event).sort()).toEqual(["ticket.booked", "ticket.booked_staff"]);

    const again = new InngestTestEngine({
      function: notifyTicketChange,
      events: [
        {
          name: "ticket/status.changed",
          data: { ticketId: t.id, code: t.booking.code, action: "booked", from: null, to: "BOOKED", version: 1, actor: { type: "customer", label: "customer" }, at: new Date().toISOString() },
        },
      ],
    });
    const { result, ctx } = await again.execute();
    expect(result).toEqual([]);
    expect(ctx.step.run).toHaveBeenCalledWith("write-notifications", expect.any(Function));

    // The staff row was sent by the inline driver already: the function finds it not due.
    const staff = rows.find((r) => r.event === "ticket.booked_staff")!;
    const before = wecom.received.length;
    const deliver = new InngestTestEngine({
      function: deliverWecomNotification,
      events: [{ name: "notification/delivery.requested", data: { notificationId: staff.id, channel: "wecom" } }],
    });
    expect((await deliver.execute()).result).toEqual({ id: staff.id, status: "not_due" });
    expect(wecom.received.length).toBe(before);
  });

  it("clean-short-links runs the cleanup in one step", async () => {
    const { result } = await new InngestTestEngine({ function: cleanShortLinksDaily }).execute();
    expect(result).toEqual({ removed: expect.any(Number) });
  });
});
