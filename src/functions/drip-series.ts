// The educational series: a welcome email, then each lesson after its delay. Before every lesson a step re-reads
// the subscriber and stops if they left; the send step checks again right before the provider call. An
// unsubscribe event cancels the run outright, and sends are keyed per subscriber and lesson, so nothing is sent
// twice even when a step is retried.
import type { AppDeps } from "../deps.ts";
import { subscriberConfirmed, subscriberUnsubscribed } from "../inngest/events.ts";
import { lessonEmail, welcomeEmail } from "../subscribers/emails.ts";
import { type SendOutcome, sendToSubscriber } from "../subscribers/send.ts";
import { findSubscriberById } from "../subscribers/store.ts";
import { waitForDeliveryWindow } from "./delivery-window.ts";
import { mailStep } from "./mail-step.ts";

/** Inngest needs a positive sleep; a demo DRIP_TIME_SCALE can shrink delays below that. */
const MIN_SLEEP_MS = 1000;

export function dripDelayMs(delayMs: number, scale: number): number {
  return Math.max(MIN_SLEEP_MS, Math.round(delayMs * scale));
}

// "already-sent" means a previous attempt of this step got through: carry on with the series.
const proceeds = (outcome: SendOutcome) => outcome.sent || outcome.reason === "already-sent";

export function createDripSeries(deps: AppDeps) {
  return deps.inngest.createFunction(
    {
      id: "drip-series",
      triggers: [{ event: subscriberConfirmed }],
      // One series per subscriber, even if the confirmed event arrives twice.
      idempotency: "event.data.subscriberId",
      cancelOn: [
        { event: subscriberUnsubscribed.name, if: "async.data.subscriberId == event.data.subscriberId" },
      ],
      retries: 5,
    },
    async ({ event, step }) => {
      const { subscriberId } = event.data;
      const lessons = deps.content.lessons;
      const sent: string[] = [];

      const welcome = await step.run("send-welcome", () =>
        mailStep(() =>
          sendToSubscriber(deps, {
            subscriberId,
            idempotencyKey: `${subscriberId}:welcome`,
            sendKind: "lesson",
            statuses: ["active"],
            suppressions: "any",
            build: (subscriber) => welcomeEmail(deps, subscriber),
          }),
        ),
      );
      if (!proceeds(welcome)) return { completed: false, stoppedBefore: "welcome", sent, outcome: welcome };
      sent.push("welcome");

      for (const lesson of lessons) {
        await step.sleep(`wait-before-${lesson.id}`, dripDelayMs(lesson.delayMs, deps.config.dripTimeScale));
        const status = await step.run(
          `check-${lesson.id}`,
          async () => (await findSubscriberById(deps.db, subscriberId))?.status ?? "missing",
        );
        if (status !== "active") return { completed: false, stoppedBefore: lesson.id, sent, status };
        // Lessons arrive in the reader's daytime (DELIVERY_WINDOW); the send step re-checks their status after.
        await waitForDeliveryWindow(step, deps, subscriberId, lesson.id);

        const outcome = await step.run(`send-${lesson.id}`, () =>
          mailStep(() =>
            sendToSubscriber(deps, {
              subscriberId,
              idempotencyKey: `${subscriberId}:${lesson.id}`,
              sendKind: "lesson",
              statuses: ["active"],
              suppressions: "any",
              build: (subscriber) => lessonEmail(deps, subscriber, lesson),
            }),
          ),
        );
        if (!proceeds(outcome)) return { completed: false, stoppedBefore: lesson.id, sent, outcome };
        sent.push(lesson.id);
      }
      return { completed: true, sent };
    },
  );
}
