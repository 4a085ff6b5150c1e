// What went wrong with a send, in the mail layer's own terms. The mail layer knows nothing of Inngest: the
// functions that send translate these at their edge (src/functions/mail-step.ts) into Inngest's retry semantics,
// and the admin API's test send answers 502 for any of them.

/**
 * - `rate_limited`: the provider asked us to wait `retryAfterMs`, then the same call will do.
 * - `rejected`: the provider or the send gate refused the message; sending it again fails the same way.
 * - `transient`: no answer, a server error or a request still in flight: retry with backoff.
 */
export type MailErrorKind = "rate_limited" | "rejected" | "transient";

export class MailError extends Error {
  constructor(
    message: string,
    readonly kind: MailErrorKind,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "MailError";
  }
}
