import { z } from "zod";
import { withApi } from "@/lib/http/with-api";
import { requestLocale } from "@/lib/i18n/request-locale";
import { sendTestMessage } from "@/lib/notifications/channel-check";
import { channelParam, testChannelBody } from "@/lib/notifications/schemas";

/** Sends one test message over the saved settings and answers with the provider's own words. */
export const POST = withApi(
  { access: "notifications.manage", params: z.object({ channel: channelParam }), body: testChannelBody },
  async ({ req, actor, params, body }) => sendTestMessage(params.channel, body.to, actor, requestLocale(req.headers)),
);
