import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it } from "vitest";
import { inlineHandlers, type InlineHandler } from "@/lib/jobs/inline-handlers";
import { settleJobs } from "@/lib/jobs/outbox";
import { confirmTicket } from "@/lib/tickets/transitions";
import { withTestDatabase } from "@/test/db";
import { ageOutboxRows, createWorld, ticketIn, ticketTrail } from "@/test/fixtures";
import { periodicTick } from "./periodic-tick";

withTestDatabase();

const handlers = inlineHandlers["ticket/status.changed"];
let added: InlineHandler<"ticket/status.changed"> | undefined;
afterEach(() => {
  if (added) handlers.splice(handlers.indexOf(added), 1);
  added = undefined;
});

describe("periodic-tick Inngest function", () => {
  const engine = new InngestTestEngine({ function: periodicTick });

  it("runs the tick as one step and returns its result", async () => {
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ notifications: { attempted: 0, sent: 0 }, outbox: { dispatched: 0, failed: 0 }, syncs: { started: [], skipped: [] }, projectRun: null });
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    expect(ctx.step.run).toHaveBeenCalledWith("run-tick", expect.any(Function));
  });

  it("re-delivers an event whose first delivery failed", async () => {
    const world = await createWorld();
    const t = await ticketIn("BOOKED", world);
    await settleJobs();
    let fail = true;
    const delivered: string[] = [];
    added = async (e) => {
      if (fail) {
        fail = false;
        throw new Error("webhook down");
      }
      delivered.push(e.data.to);
    };
    handlers.push(added);
    await confirmTicket(t.id, t.version, world.admin);
    await settleJobs();
    expect(delivered).toEqual([]);
    await ageOutboxRows(t.id);

    const { result } = await engine.executeStep("run-tick");
    expect(result).toEqual({ notifications: { attempted: 0, sent: 0 }, outbox: { dispatched: 1, failed: 0 }, syncs: { started: [], skipped: [] }, projectRun: null });
    expect(delivered).toEqual(["CONFIRMED"]);
    expect((await ticketTrail(t.id)).outbox.map((o) => o.status)).toEqual(["dispatched", "dispatched"]);
  });
});
