// Taking a break instead of leaving: no marketing email (lessons, campaigns) until the break ends, then everything
// goes on where it stopped. The break is a moment on the subscriber row (paused_until), so every send decides from
// the database at send time. Status stays "active": a break is not a withdrawal of consent, and ending it needs
// no new opt-in. Events tell the functions: "paused" starts welcome-back's wait, "resumed" wakes a waiting drip.
import { and, eq, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import { atomic } from "../db/client.ts";
import { subscribers } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { pausedEvent, resumedEvent } from "./events.ts";
import { findSubscriberById, type Subscriber } from "./store.ts";

/** The breaks a reader can choose, in weeks. */
export const PAUSE_WEEKS = [2, 4, 12] as const;
export type PauseWeeks = (typeof PAUSE_WEEKS)[number];

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

type Deps = Pick<AppDeps, "db" | "inngest" | "logger" | "now">;

/** Whether the reader is on a break at `now`. */
export function isPaused(subscriber: Pick<Subscriber, "pausedUntil">, now: Date): boolean {
  return subscriber.pausedUntil !== null && subscriber.pausedUntil.getTime() > now.getTime();
}

/** SQL: the subscriber row is not on a break at `now` (campaign pages skip the others). */
export function notPausedCondition(now: Date): SQL {
  return or(isNull(subscribers.pausedUntil), lte(subscribers.pausedUntil, now)) as SQL;
}

export type PauseOutcome =
  | { outcome: "paused"; until: Date }
  /** Unsubscribed, bounced, pending or erased: there is nothing to pause. */
  | { outcome: "not-active" };

/**
 * Starts (or replaces) a break of `weeks` from now. A reader already on a break gets the new end date: a break
 * can be made longer or shorter by choosing again.
 */
export async function pauseSubscriber(
  deps: Deps,
  subscriberId: string,
  input: { weeks: PauseWeeks; welcomeBack: boolean },
): Promise<PauseOutcome> {
  const subscriber = await findSubscriberById(deps.db, subscriberId);
  if (subscriber?.status !== "active") return { outcome: "not-active" };
  const now = deps.now();
  const until = new Date(now.getTime() + input.weeks * WEEK_MS);
  const event = pausedEvent(subscriberId, until);
  await atomic(deps.db, [
    deps.db
      .update(subscribers)
      .set({ pausedUntil: until, pauseWelcomeBack: input.welcomeBack, updatedAt: now })
      .where(and(eq(subscribers.id, subscriberId), eq(subscribers.status, "active"))),
    queueEventStatement(deps.db, event),
  ]);
  await dispatchEvents(deps, [event]);
  return { outcome: "paused", until };
}

export type ResumeOutcome = "resumed" | "not-paused";

/** Ends a break now. The drip's wait wakes on the event and the next lesson goes out. */
export async function resumeSubscriber(deps: Deps, subscriberId: string): Promise<ResumeOutcome> {
  const now = deps.now();
  const subscriber = await findSubscriberById(deps.db, subscriberId);
  if (subscriber?.status !== "active" || !isPaused(subscriber, now)) return "not-paused";
  const event = resumedEvent(subscriberId, now);
  await atomic(deps.db, [
    deps.db
      .update(subscribers)
      .set({ pausedUntil: null, pauseWelcomeBack: false, updatedAt: now })
      .where(and(eq(subscribers.id, subscriberId), gt(subscribers.pausedUntil, now))),
    queueEventStatement(deps.db, event),
  ]);
  await dispatchEvents(deps, [event]);
  return "resumed";
}
