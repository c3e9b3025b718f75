import type { NotificationChannel } from "../templates";

/**
 * What a channel sender is handed and what it answers. Senders talk to the real providers' APIs (or a
 * local sink in tests); they never throw for a provider's refusal, they say whether trying again later
 * can help. Configs arrive decrypted; a sender must never put a secret into its answer.
 */

export interface WecomConfig {
  /** `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` (the key is the secret). */
  webhookUrl: string;
}

export type SmsConfig =
  | {
      provider: "aliyun";
      signName: string;
      accessKeyId: string;
      accessKeySecret: string;
      /** Host (or URL) of the Dysmsapi endpoint; default dysmsapi.aliyuncs.com. Tests point it at a sink. */
      endpoint: string | null;
    }
  | {
      provider: "http";
      signName: string;
      /** `POST {url}` with `Authorization: Bearer {apiKey}` (docs/notifications.md). */
      url: string;
      apiKey: string;
    };

export interface EmailConfig {
  host: string;
  port: number;
  /** true: TLS from the first byte (465); false: plain, upgraded by STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** `ServiceHub <noreply@example.com>` or a bare address. */
  from: string;
}

export interface WecomMessage {
  /** Markdown (≤ 4096 bytes). */
  markdown: string;
  /** Mobiles to @-mention: sent as a follow-up `text` message with `mentioned_mobile_list`, since markdown cannot @ by mobile. */
  mentionMobiles: string[];
}

export interface SmsMessage {
  /**
   * Our id for this message (the notification row's), for providers that deduplicate by it: a resend
   * after a crash mid-send is then one message at the provider. Absent for a test message.
   */
  id?: string;
  /** One mobile number (mainland, 11 digits, or +86…). */
  to: string;
  /** The provider's registered template code (Aliyun `SMS_123456789`). */
  templateCode: string;
  /** The template's named parameters. */
  params: Record<string, string>;
  /** Our rendering of the template, for gateways that want the text and for the record. */
  text: string;
}

export interface EmailMessage {
  /** Our id, sent as the Message-ID (`<id@servicehub>`), so a resend is recognisable as the same mail. */
  id?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SendOutcome =
  | { ok: true; /** The provider's own answer, short (message id, `OK`, `250 …`). */ providerMessage: string }
  | {
      ok: false;
      /** false: trying again cannot help (bad credentials, a refused number); true: later might (limits, outages). */
      retryable: boolean;
      /** The provider asked to wait this long (HTTP Retry-After, WeChat 45009). */
      retryAfterSeconds?: number;
      /** In plain words with the provider's code, never a secret. */
      error: string;
    };

export type ChannelName = NotificationChannel;
