// The gentle note at the end of a break, only for readers who ticked that they want it. Each break starts one run
// (the paused event's id is per break); the run sleeps until the break's end and then sends only if that same
// break is still the one on the row: a break made longer has its own run, and one ended early sends nothing
// (the reader came back by themselves). Keyed by subscriber and break end, so nothing is sent twice. Like a
// lesson, the note waits for the reader's daytime (DELIVERY_WINDOW): a break may end at 3 a.m. where they live.
import { inArray } from "drizzle-orm";
import { sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { subscriberPaused, subscriberUnsubscribed } from "../inngest/events.ts";
import { welcomeBackEmail } from "../subscribers/emails.ts";
import { findSubscriberById, type Subscriber } from "../subscribers/store.ts";
import { isInTopic } from "../subscribers/topics.ts";
import { waitForDeliveryWindow } from "./delivery-window.ts";
import { subscriberMailStep } from "./mail-step.ts";

/** The break that started this run is the one that has just ended, and the reader asked for the note. */
function stillDue(subscriber: Subscriber | undefined, until: number, now: Date) {
  return (
    subscriber?.status === "active" &&
    subscriber.pauseWelcomeBack &&
    subscriber.pausedUntil?.getTime() === until &&
    until <= now.getTime()
  );
}

export function createWelcomeBack(deps: AppDeps) {
  return deps.inngest.createFunction(
    {
      id: "welcome-back",
      triggers: [{ event: subscriberPaused }],
      cancelOn: [
        { event: subscriberUnsubscribed.name, if: "async.data.subscriberId == event.data.subscriberId" },
      ],
      retries: 3,
    },
    async ({ event, step }) => {
      const { subscriberId, until } = event.data;
      await step.sleepUntil("wait-for-break-end", new Date(until));
      await waitForDeliveryWindow(step, deps, subscriberId, "welcome-back");
      const check = await step.run("check-break", async () => {
        const subscriber = await findSubscriberById(deps.db, subscriberId);
        if (!stillDue(subscriber, until, deps.now())) return { due: false as const };
        const lessonKeys = deps.content.lessons.map((l) => `${subscriberId}:${l.id}`);
        const done = await deps.db
          .select({ key: sends.idempotencyKey })
          .from(sends)
          .where(inArray(sends.idempotencyKey, lessonKeys));
        const inSeries = await isInTopic(deps.db, deps.content.topics.series, subscriberId);
        return { due: true as const, seriesContinues: inSeries && done.length < lessonKeys.length };
      });
      if (!check.due) return { sent: false, reason: "not-due" };
      return subscriberMailStep(step, "send-welcome-back", deps, {
        subscriberId,
        idempotencyKey: `${subscriberId}:welcome-back:${until}`,
        sendKind: "lesson",
        statuses: ["active"],
        suppressions: "any",
        // A new break chosen since the check: its own run will decide.
        refuse: async (subscriber) => (stillDue(subscriber, until, deps.now()) ? undefined : "paused"),
        build: (subscriber) => welcomeBackEmail(deps, subscriber, check.seriesContinues),
      });
    },
  );
}
