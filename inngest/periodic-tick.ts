import { cron } from "inngest";
import { runPeriodicTick } from "@/lib/jobs/tick";
import { inngest } from "./client";

/** Every minute: re-deliver outbox events a crash left behind, start the syncs that are due, prune old rows. */
export const periodicTick = inngest.createFunction(
  { id: "periodic-tick", triggers: [cron("* * * * *")], singleton: { key: "periodic-tick", mode: "skip" } },
  async ({ step }) => step.run("run-tick", () => runPeriodicTick()),
);
