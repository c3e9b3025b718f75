import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";
import { getEnv } from "@/lib/env";

const handlers = serve({ client: inngest, functions });

/**
 * Inngest's endpoint. With the inline job driver nothing calls it (the same work runs in-process), so
 * it answers 404 rather than inviting requests an unconfigured Inngest client would reject.
 */
const onlyWithInngest =
  (handler: (req: NextRequest, ctx: unknown) => Promise<Response>) =>
  async (req: NextRequest, ctx: unknown): Promise<Response> =>
    getEnv().JOB_DRIVER === "inngest"
      ? handler(req, ctx)
      : Response.json(
          { error: { code: "not_found", message: "Inngest is not the job driver here (JOB_DRIVER=inline)" } },
          { status: 404 },
        );

export const GET = onlyWithInngest(handlers.GET);
export const POST = onlyWithInngest(handlers.POST);
export const PUT = onlyWithInngest(handlers.PUT);
