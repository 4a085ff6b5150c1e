// "Humane hours" for lessons: when may the next lesson reach this subscriber? Counted in their own time zone
// (src/subscribers/time-zone.ts) against DELIVERY_WINDOW. Transactional mail (confirmation, goodbye, crisis
// replies) and the welcome, which answers the reader's own click, never ask.
import type { AppDeps } from "../deps.ts";
import { nextWindowOpening } from "../lib/time-zone.ts";
import { findSubscriberById } from "./store.ts";
import { effectiveTimeZone } from "./time-zone.ts";

/**
 * Null when a lesson may go now (inside the window, no window configured, or the subscriber is gone, which
 * the send step then handles); otherwise the ISO instant the window next opens in the subscriber's zone.
 */
export async function nextLessonOpening(
  deps: Pick<AppDeps, "db" | "config" | "now">,
  subscriberId: string,
): Promise<{ at: string; timeZone: string } | null> {
  const window = deps.config.deliveryWindow;
  if (!window) return null;
  const subscriber = await findSubscriberById(deps.db, subscriberId);
  if (!subscriber) return null;
  const { timeZone } = effectiveTimeZone(subscriber, deps.config.brandTimeZone);
  const opening = nextWindowOpening(deps.now(), timeZone, window);
  return opening ? { at: opening.toISOString(), timeZone } : null;
}
