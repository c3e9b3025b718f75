import { periodicTick } from "./periodic-tick";

/** Every Inngest function the app serves at /api/inngest. */
export const functions = [periodicTick];
