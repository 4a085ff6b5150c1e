// Production transport over the real Resend SDK. The SDK never throws on send; it returns { data, error }.
// Errors are classified as MailErrors: rate limits wait as long as Resend asks, server and network failures are
// transient, and anything Resend rejected as invalid is rejected (a retry would fail the same way).
import { type CreateEmailOptions, type ErrorResponse, Resend } from "resend";
import { redact } from "../lib/log.ts";
import { MailError } from "./errors.ts";
import { MAX_BATCH, type OutgoingEmail, type SendResult, type Transport } from "./types.ts";

const DEFAULT_RETRY_AFTER_MS = 1000;

export interface ResendTransportOptions {
  apiKey: string;
  /** Defaults to https://api.resend.com (the SDK also reads RESEND_BASE_URL). Tests point it at a stub. */
  baseUrl?: string;
  /** Used when a message has no `from`. */
  from: string;
}

// When an error body lacks statusCode (the SDK passes Resend's JSON body through as-is), infer it from the name.
const STATUS_BY_NAME: Partial<Record<ErrorResponse["name"], number>> = {
  rate_limit_exceeded: 429,
  daily_quota_exceeded: 429,
  monthly_quota_exceeded: 429,
  internal_server_error: 500,
  concurrent_idempotent_requests: 409,
  invalid_idempotent_request: 409,
  validation_error: 422,
  missing_required_field: 422,
  invalid_from_address: 403,
};

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds; falls back to 1 s. */
export function retryAfterMs(headers: Record<string, string> | null, now = Date.now()): number {
  const raw = headers?.["retry-after"]?.trim();
  if (!raw) return DEFAULT_RETRY_AFTER_MS;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.max(DEFAULT_RETRY_AFTER_MS, Math.ceil(Number(raw) * 1000));
  const at = Date.parse(raw);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(DEFAULT_RETRY_AFTER_MS, at - now);
}

/** Classifies a Resend error. Messages are redacted: no addresses or tokens. */
function toSendError(error: ErrorResponse, headers: Record<string, string> | null, what: string): MailError {
  const status =
    typeof error.statusCode === "number" ? error.statusCode : (STATUS_BY_NAME[error.name] ?? null);
  const message = `Resend ${what} failed: ${status ?? "network"} ${error.name}: ${String(redact(error.message ?? ""))}`;
  if (status === 429) return new MailError(message, "rate_limited", retryAfterMs(headers));
  // No status means the request never got an answer (DNS, connection reset, timeout): retry.
  if (status === null || status >= 500) return new MailError(message, "transient");
  // Another request with the same idempotency key is still in flight: retry once it has finished.
  if (error.name === "concurrent_idempotent_requests") return new MailError(message, "transient");
  return new MailError(message, "rejected");
}

function toPayload(message: OutgoingEmail, defaultFrom: string): CreateEmailOptions {
  return {
    from: message.from ?? defaultFrom,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    headers: message.headers,
    tags: message.tags,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
  };
}

export function createResendTransport(options: ResendTransportOptions): Transport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    name: "resend",
    async send(message): Promise<SendResult> {
      const { data, error, headers } = await resend.emails.send(toPayload(message, options.from), {
        idempotencyKey: message.idempotencyKey,
      });
      if (error) throw toSendError(error, headers, `send of template "${message.templateId}"`);
      return { providerMessageId: data.id };
    },
    async sendBatch(messages, { idempotencyKey }): Promise<SendResult[]> {
      // The SDK does not check the limit, so we do (the Mailer checks too; this guards direct use).
      if (messages.length > MAX_BATCH) {
        throw new MailError(
          `Resend batch holds at most ${MAX_BATCH} emails, got ${messages.length}`,
          "rejected",
        );
      }
      if (messages.length === 0) return [];
      const { data, error, headers } = await resend.batch.send(
        messages.map((m) => toPayload(m, options.from)),
        { idempotencyKey },
      );
      if (error) throw toSendError(error, headers, `batch of ${messages.length}`);
      if (data.data.length !== messages.length) {
        throw new Error(`Resend batch returned ${data.data.length} ids for ${messages.length} emails`);
      }
      return data.data.map((d) => ({ providerMessageId: d.id }));
    },
  };
}
