// Builds pending-event rows for the subscriber events with their deterministic ids. The id is what makes a
// re-dispatch by the reconciler, or a double click, start nothing twice: Inngest drops a repeated event id.
import type { z } from "zod";
import {
  confirmationRequested,
  subscriberConfirmed,
  subscriberCreated,
  subscriberUnsubscribed,
} from "../functions/events.ts";
import type { PendingEvent } from "../lib/pending-events.ts";

export function createdEvent(subscriberId: string): PendingEvent {
  const data: z.input<typeof subscriberCreated.schema> = { subscriberId };
  return { id: `created:${subscriberId}`, name: subscriberCreated.name, data };
}

export function confirmationRequestedEvent(subscriberId: string, requestedAt: Date): PendingEvent {
  const data: z.input<typeof confirmationRequested.schema> = {
    subscriberId,
    requestedAt: requestedAt.getTime(),
  };
  return {
    id: `confirmation-requested:${subscriberId}:${requestedAt.getTime()}`,
    name: confirmationRequested.name,
    data,
  };
}

export function confirmedEvent(subscriberId: string): PendingEvent {
  const data: z.input<typeof subscriberConfirmed.schema> = { subscriberId };
  return { id: `confirmed:${subscriberId}`, name: subscriberConfirmed.name, data };
}

/**
 * By default the id is the moment of leaving, so leaving again after a resubscribe is a new event. Erasure and
 * delivery feedback pass their own id, derived from what caused them (the erasure, the provider's webhook id).
 */
export function unsubscribedEvent(
  subscriberId: string,
  reason: z.input<typeof subscriberUnsubscribed.schema>["reason"],
  at: Date,
  id = `unsubscribed:${subscriberId}:${at.getTime()}`,
): PendingEvent {
  const data: z.input<typeof subscriberUnsubscribed.schema> = { subscriberId, reason };
  return { id, name: subscriberUnsubscribed.name, data };
}
