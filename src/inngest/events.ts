// Every event the pipeline sends or receives, in one module. Payload types come from these schemas; nothing
// re-declares them. Payloads carry ids, never addresses or names (events are stored by Inngest).
import { eventType } from "inngest";
import { z } from "zod";

const subscriberId = z.string().min(1);

export const subscriberCreated = eventType("newsletter/subscriber.created", {
  schema: z.object({ subscriberId }),
});

/** A pending subscriber asked again: re-send the confirmation (throttled to once per 10 minutes upstream). */
export const confirmationRequested = eventType("newsletter/subscriber.confirmation-requested", {
  schema: z.object({ subscriberId, requestedAt: z.number().int() }),
});

export const subscriberConfirmed = eventType("newsletter/subscriber.confirmed", {
  schema: z.object({ subscriberId }),
});

export const UNSUBSCRIBE_REASONS = [
  "user",
  "one-click",
  "bounced",
  "complained",
  "provider_suppressed",
  "erased",
  "admin",
] as const;

/** Sent on every way out (unsubscribe, bounce, complaint, erasure); the drip series cancels on it. */
export const subscriberUnsubscribed = eventType("newsletter/subscriber.unsubscribed", {
  schema: z.object({ subscriberId, reason: z.enum(UNSUBSCRIBE_REASONS) }),
});

/**
 * A reader took a break (src/subscribers/pause.ts) until `until` (ms): welcome-back waits for its end. Id
 * `paused:<subscriberId>:<until>`, so each break starts one run.
 */
export const subscriberPaused = eventType("newsletter/subscriber.paused", {
  schema: z.object({ subscriberId, until: z.number().int() }),
});

/** A reader ended their break early: a drip waiting for the break's end goes on at once. */
export const subscriberResumed = eventType("newsletter/subscriber.resumed", {
  schema: z.object({ subscriberId }),
});

/**
 * `requestId` is "send" for the first send and "resume-<n>" for each resume: the broadcast function runs once per
 * campaign and request (its idempotency key), so a double click sends once and a resume still starts a run.
 */
export const campaignSendRequested = eventType("newsletter/campaign.send-requested", {
  schema: z.object({
    campaignId: z.string().min(1),
    requestId: z.string().min(1),
    scheduledAt: z.number().int().optional(),
  }),
});

export const localPlanSchema = z.object({
  /** zone: a zone key ("" for readers on the brand's zone), see src/subscribers/time-zone.ts. */
  plan: z.array(z.object({ at: z.iso.datetime(), zone: z.string().max(64) })).min(1),
  slot: z.number().int().min(0),
  /** The previous run ended with the slot before: start this slot from its beginning. */
  startSlot: z.boolean().optional(),
});

/**
 * The broadcast continues in a fresh run after every 10,000 recipients (Inngest allows 1,000 steps per run);
 * `afterId` is the keyset cursor (last subscriber id handled), `chunk` counts runs after the first.
 */
export const campaignChunkRequested = eventType("newsletter/campaign.chunk-requested", {
  schema: z.object({
    campaignId: z.string().min(1),
    requestId: z.string().min(1),
    afterId: z.string().min(1),
    chunk: z.number().int().min(1),
    /** A local-time campaign's plan and the slot this run continues (src/campaigns/local-time.ts). */
    local: localPlanSchema.optional(),
  }),
});

export const campaignCancelled = eventType("newsletter/campaign.cancelled", {
  schema: z.object({ campaignId: z.string().min(1) }),
});

/**
 * Delivery feedback from Resend, forwarded after the webhook signature is verified (id `resend:<svix-id>`).
 * The webhook handler has already updated sends/subscribers/suppressions; these are for downstream consumers.
 * Ids only: no address, subject or clicked link (links carry unsubscribe tokens).
 */
const resendEmailEvent = z.object({
  /** The svix-id of the webhook delivery. */
  webhookId: z.string().min(1),
  /** Resend's email id = sends.provider_message_id. */
  emailId: z.string().min(1),
  sendId: z.string().nullable(),
  subscriberId: z.string().nullable(),
  campaignId: z.string().nullable(),
  occurredAt: z.number().int(),
});

export const resendEmailDelivered = eventType("resend/email.delivered", { schema: resendEmailEvent });
export const resendEmailBounced = eventType("resend/email.bounced", {
  schema: resendEmailEvent.extend({ bounceType: z.string(), bounceSubType: z.string(), hard: z.boolean() }),
});
export const resendEmailComplained = eventType("resend/email.complained", { schema: resendEmailEvent });
export const resendEmailDeliveryDelayed = eventType("resend/email.delivery_delayed", {
  schema: resendEmailEvent,
});
export const resendEmailFailed = eventType("resend/email.failed", {
  schema: resendEmailEvent.extend({ reason: z.string() }),
});
export const resendEmailSuppressed = eventType("resend/email.suppressed", {
  schema: resendEmailEvent.extend({ suppressionType: z.string() }),
});
/** Only forwarded when TRACKING=on. */
export const resendEmailOpened = eventType("resend/email.opened", { schema: resendEmailEvent });
/** Only forwarded when TRACKING=on. */
export const resendEmailClicked = eventType("resend/email.clicked", { schema: resendEmailEvent });

/**
 * A reader's reply arrived (Resend's email.received webhook, or /dev/inbound in development); starts triage-reply.
 * Id `reply:<source>:<messageRef>`, so a redelivered webhook (new svix-id, same email) starts nothing twice. Only
 * where the message lives: triage reads it from there, so no address or body passes through the event bus.
 */
export const replyReceived = eventType("newsletter/reply.received", {
  schema: z.object({
    source: z.enum(["resend", "local"]),
    /** Resend's email id, or the dev_inbox row id. */
    messageRef: z.string().min(1).max(200),
    receivedAt: z.number().int(),
  }),
});

export type SubscriberCreated = z.infer<(typeof subscriberCreated)["schema"]>;
