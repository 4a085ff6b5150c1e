// The shape of the Resend webhook payloads we act on, checked after the signature is verified. Field names follow
// the Resend SDK's WebhookEventPayload types (resend 6.38) and https://resend.com/docs/webhooks/event-types.
// Only what we use is required; Resend may add fields at any time.
import { z } from "zod";
import {
  resendEmailBounced,
  resendEmailClicked,
  resendEmailComplained,
  resendEmailDelivered,
  resendEmailDeliveryDelayed,
  resendEmailFailed,
  resendEmailOpened,
  resendEmailSuppressed,
} from "../inngest/events.ts";

/** Resend event type -> the Inngest event we forward it as. Anything else is acknowledged and ignored. */
export const HANDLED_RESEND_EVENTS = {
  "email.delivered": resendEmailDelivered,
  "email.bounced": resendEmailBounced,
  "email.complained": resendEmailComplained,
  "email.delivery_delayed": resendEmailDeliveryDelayed,
  "email.failed": resendEmailFailed,
  "email.suppressed": resendEmailSuppressed,
  "email.opened": resendEmailOpened,
  "email.clicked": resendEmailClicked,
} as const;

export type HandledResendType = keyof typeof HANDLED_RESEND_EVENTS;

/**
 * Opens and clicks are personal behavioural data: stored only when TRACKING=on. Resend has no per-message
 * tracking switch (SDK 6.38 CreateEmailOptions has none); tracking is a per-domain setting, off by default
 * (`resend.domains.update({ id, openTracking: false, clickTracking: false })`). With TRACKING=off the sending
 * domain must keep both off, so no pixel or rewritten link is ever added; these events then never arrive, and
 * any that do are acknowledged and dropped.
 */
export const TRACKING_EVENTS: ReadonlySet<string> = new Set(["email.opened", "email.clicked"]);

export function isHandledResendType(type: string): type is HandledResendType {
  return Object.hasOwn(HANDLED_RESEND_EVENTS, type);
}

/** The minimum every signed payload must have before we look at its type. */
export const envelopeSchema = z.object({
  type: z.string().min(1),
  created_at: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

const emailData = z.object({
  email_id: z.string().min(1),
  /** An array in Resend's payloads; a bare string is accepted too. We always send to exactly one recipient. */
  to: z.union([z.array(z.string()), z.string().transform((s) => [s])]).default([]),
  created_at: z.string().optional(),
});

const common = { created_at: z.string().optional() };

export const resendEmailEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("email.delivered"), ...common, data: emailData }),
  z.object({ type: z.literal("email.complained"), ...common, data: emailData }),
  z.object({ type: z.literal("email.delivery_delayed"), ...common, data: emailData }),
  z.object({ type: z.literal("email.opened"), ...common, data: emailData }),
  z.object({ type: z.literal("email.clicked"), ...common, data: emailData }),
  z.object({
    type: z.literal("email.bounced"),
    ...common,
    data: emailData.extend({
      // type is "Permanent" (hard), "Transient" (soft) or "Undetermined"; subType e.g. "General", "MailboxFull".
      bounce: z.object({
        type: z.string().min(1),
        subType: z.string().default(""),
        message: z.string().optional(),
      }),
    }),
  }),
  z.object({
    type: z.literal("email.failed"),
    ...common,
    data: emailData.extend({ failed: z.object({ reason: z.string() }).optional() }),
  }),
  z.object({
    type: z.literal("email.suppressed"),
    ...common,
    data: emailData.extend({
      suppressed: z.object({ type: z.string(), message: z.string().optional() }).optional(),
    }),
  }),
]);

export type ResendEmailEvent = z.output<typeof resendEmailEventSchema>;

/** Resend calls a hard bounce "Permanent"; everything else (Transient, Undetermined) counts as soft. */
export function isHardBounce(bounceType: string): boolean {
  return bounceType.toLowerCase() === "permanent";
}

/**
 * An inbound message on a Resend receiving domain (a reader's reply). The webhook carries metadata only; the body
 * is fetched with `resend.emails.receiving.get(email_id)` by triage-reply. Nothing else is read from it here.
 */
export const RECEIVED_TYPE = "email.received";
export const resendReceivedEventSchema = z.object({
  type: z.literal(RECEIVED_TYPE),
  created_at: z.string().optional(),
  data: z.object({
    email_id: z.string().min(1).max(200),
    created_at: z.string().optional(),
  }),
});
