// Builds pending-event rows for the subscriber events with their deterministic ids. The id is what makes a
// re-dispatch by the reconciler, or a double click, start nothing twice: Inngest drops a repeated event id.
import type { z } from "zod";
import { buildEvent } from "../inngest/build-event.ts";
import {
  confirmationRequested,
  subscriberConfirmed,
  subscriberCreated,
  subscriberPaused,
  subscriberResumed,
  subscriberUnsubscribed,
} from "../inngest/events.ts";

export function createdEvent(subscriberId: string) {
  return buildEvent(subscriberCreated, { subscriberId }, { id: `created:${subscriberId}` });
}

export function confirmationRequestedEvent(subscriberId: string, requestedAt: Date) {
  return buildEvent(
    confirmationRequested,
    { subscriberId, requestedAt: requestedAt.getTime() },
    { id: `confirmation-requested:${subscriberId}:${requestedAt.getTime()}` },
  );
}

export function confirmedEvent(subscriberId: string) {
  return buildEvent(subscriberConfirmed, { subscriberId }, { id: `confirmed:${subscriberId}` });
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
) {
  return buildEvent(subscriberUnsubscribed, { subscriberId, reason }, { id });
}

export function pausedEvent(subscriberId: string, until: Date) {
  return buildEvent(
    subscriberPaused,
    { subscriberId, until: until.getTime() },
    { id: `paused:${subscriberId}:${until.getTime()}` },
  );
}

export function resumedEvent(subscriberId: string, at: Date) {
  return buildEvent(subscriberResumed, { subscriberId }, { id: `resumed:${subscriberId}:${at.getTime()}` });
}
