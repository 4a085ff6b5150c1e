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

export const UNSUBSCRIBE_REASONS = ["user", "one-click", "bounced", "complained", "provider_suppressed", "erased", "admin"] as const;

/** Sent on every way out (unsubscribe, bounce, complaint, erasure); the drip series cancels on it. */
export const subscriberUnsubscribed = eventType("newsletter/subscriber.unsubscribed", {
  schema: z.object({ subscriberId, reason: z.enum(UNSUBSCRIBE_REASONS) }),
});

export const campaignSendRequested = eventType("newsletter/campaign.send-requested", {
  schema: z.object({ campaignId: z.string().min(1), scheduledAt: z.number().int().optional() }),
});

export const campaignCancelled = eventType("newsletter/campaign.cancelled", {
  schema: z.object({ campaignId: z.string().min(1) }),
});

export type SubscriberCreated = z.infer<(typeof subscriberCreated)["schema"]>;
