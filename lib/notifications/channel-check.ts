import "server-only";
import type { Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import { channelNames, loadActiveChannels } from "./channel-settings";
import { sendEmail } from "./channels/email";
import { sendSms } from "./channels/sms";
import { sendWecom } from "./channels/wecom";
import { EMAIL_ADDRESS, MOBILE } from "./schemas";
import { templateText } from "./template-store";
import { placeholdersIn, renderTemplate, sampleValues, type NotificationChannel } from "./templates";

/**
 * Carriers deliver registered templates only, so the SMS test sends the booking confirmation with
 * sample values under its saved template code (Aliyun refuses a message without one).
 */
async function smsTestTemplate(locale: "zh-CN" | "en") {
  const template = await templateText({ event: "ticket.booked", channel: "sms", locale });
  const values = sampleValues(locale);
  return {
    templateCode: template.template_code ?? "",
    params: Object.fromEntries(placeholdersIn(template.body).map((name) => [name, values[name] ?? ""])),
    text: renderTemplate(template.body, values),
  };
}

/**
 * "Send test message" in the config center: one real message over the saved settings, answering with
 * the provider's own words, so an admin knows the channel works before a customer depends on it.
 */
export async function sendTestMessage(
  channel: NotificationChannel,
  to: string | undefined,
  actor: Actor,
  locale: "zh-CN" | "en",
): Promise<{ ok: boolean; message: string }> {
  const zh = locale === "zh-CN";
  const channels = await loadActiveChannels();
  const config = channels[channel];
  if (!config) {
    throw new AppError("conflict", `${channelNames[channel]} is not enabled or not complete; save its settings first`);
  }
  const needTo = (shape: RegExp, what: string) => {
    if (!to || !shape.test(to)) {
      throw new AppError("invalid_input", `to must be ${what}`, { fields: [{ path: "to", message: `to must be ${what}` }] });
    }
    return to;
  };
  if (channel === "sms" && channels.sms?.provider === "aliyun" && !(await smsTestTemplate(locale)).templateCode) {
    throw new AppError("conflict", "Aliyun sends registered templates only: set the template code of ticket.booked (SMS) under Templates first");
  }
  const text = zh ? "ServiceHub 测试消息：此渠道配置正确。" : "ServiceHub test message: this channel is set up correctly.";
  const outcome =
    channel === "wecom"
      ? await sendWecom(channels.wecom!, { markdown: `### ServiceHub\n> ${text}`, mentionMobiles: [] })
      : channel === "sms"
        ? await sendSms(channels.sms!, { to: needTo(MOBILE, "a mainland mobile number (11 digits)"), ...(await smsTestTemplate(locale)) })
        : await sendEmail(channels.email!, {
            to: needTo(EMAIL_ADDRESS, "an e-mail address"),
            subject: zh ? "ServiceHub 测试邮件" : "ServiceHub test message",
            text,
            html: `<p>${text}</p>`,
          });
  await writeAudit(await getDb(), {
    actorUserId: actor.userId,
    actorLabel: actor.email,
    action: "notification.channel_tested",
    targetType: "notification_channel",
    targetId: channel,
    details: { ok: outcome.ok },
  });
  getLogger().info({ channel, ok: outcome.ok }, "notification channel tested");
  return outcome.ok
    ? { ok: true, message: `${channelNames[channel]}: ${outcome.providerMessage}` }
    : { ok: false, message: `${channelNames[channel]}: ${outcome.error}` };
}
