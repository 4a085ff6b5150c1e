// The contract between whoever composes an email (functions, routes) and whoever delivers it (a transport).
// Every message goes through Mailer, which runs the send gate before any transport sees it.

/** Marketing emails (welcome, lessons, campaigns) need unsubscribe link + List-Unsubscribe headers. */
export type EmailKind = "transactional" | "marketing";

export interface OutgoingEmail {
  to: string;
  /** Defaults to config.mail.from when omitted. */
  from?: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Includes List-Unsubscribe and List-Unsubscribe-Post for marketing email. */
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  /** Stable across retries: also passed to the provider as its idempotency key. */
  idempotencyKey: string;
  /** Registry id of the template that produced it, e.g. "lesson", "campaign"; named in send-gate errors. */
  templateId: string;
  kind: EmailKind;
  /** Campaigns are advertising under CAN-SPAM and must say so. */
  advertising?: boolean;
}

/** Resend accepts at most 100 emails per batch call; the Mailer and the Resend transport both enforce it. */
export const MAX_BATCH = 100;

export interface SendResult {
  providerMessageId: string;
}

export interface Transport {
  readonly name: "resend" | "outbox";
  send(message: OutgoingEmail): Promise<SendResult>;
  /** At most MAX_BATCH messages; one provider call, idempotent under `idempotencyKey`. */
  sendBatch(messages: OutgoingEmail[], options: { idempotencyKey: string }): Promise<SendResult[]>;
}

export interface Mailer {
  readonly transport: Transport["name"];
  send(message: OutgoingEmail): Promise<SendResult>;
  sendBatch(messages: OutgoingEmail[], options: { idempotencyKey: string }): Promise<SendResult[]>;
}
