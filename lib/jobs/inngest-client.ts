import { Inngest } from "inngest";

/**
 * The Inngest client. It reads INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY and INNGEST_DEV itself (v4
 * defaults to cloud mode; INNGEST_DEV=1 targets a dev server). Only lib/jobs sends through it.
 */
export const inngest = new Inngest({ id: "servicehub" });
