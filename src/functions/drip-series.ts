// The educational series: a welcome email, then each lesson after its delay. Before every lesson a step re-reads
// the subscriber and stops if they left; the send step checks again right before the provider call. An
// unsubscribe event cancels the run outright, and sends are keyed per subscriber and lesson, so nothing is sent
// twice even when a step is retried. Preferences (src/subscribers/lesson-gate.ts): a reader on a break makes
// the next lesson wait for the break's end (or their early return) and then get it, nothing skipped; a reader
// who left the series topic gets no more lessons.
import type { AppDeps } from "../deps.ts";
import { subscriberConfirmed, subscriberResumed, subscriberUnsubscribed } from "../inngest/events.ts";
import { lessonEmail, welcomeEmail } from "../subscribers/emails.ts";
import { lessonGate, lessonGateFor } from "../subscribers/lesson-gate.ts";
import type { SendOutcome } from "../subscribers/send.ts";
import { waitForDeliveryWindow } from "./delivery-window.ts";
import { subscriberMailStep } from "./mail-step.ts";

/**
 * Breaks waited out before one lesson, at most (three steps each; Inngest allows 1,000 per run). A reader who
 * takes ten breaks in a row before the same lesson has stopped reading it; the series ends there.
 */
export const MAX_BREAKS_PER_LESSON = 10;

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

      const welcome = await subscriberMailStep(step, "send-welcome", deps, {
        subscriberId,
        idempotencyKey: `${subscriberId}:welcome`,
        sendKind: "lesson",
        statuses: ["active"],
        suppressions: "any",
        build: (subscriber) => welcomeEmail(deps, subscriber),
      });
      if (!proceeds(welcome)) return { completed: false, stoppedBefore: "welcome", sent, outcome: welcome };
      sent.push("welcome");

      for (const lesson of lessons) {
        await step.sleep(`wait-before-${lesson.id}`, dripDelayMs(lesson.delayMs, deps.config.dripTimeScale));
        // Round 1 keeps the step ids the series always had; each break waited out adds a round.
        for (let round = 1; ; round++) {
          const suffix = round === 1 ? "" : `-${round}`;
          const gate = await step.run(`check-${lesson.id}${suffix}`, () => lessonGate(deps, subscriberId));
          if (gate.state === "stopped")
            return { completed: false, stoppedBefore: lesson.id, sent, status: gate.reason };
          if (gate.state === "paused") {
            if (round > MAX_BREAKS_PER_LESSON)
              return { completed: false, stoppedBefore: lesson.id, sent, status: "paused-too-often" };
            // Wakes at the break's end, or at once when the reader resumes early; either way the gate decides
            // again (the break may have been made longer meanwhile).
            await step.waitForEvent(`break-before-${lesson.id}-${round}`, {
              event: subscriberResumed,
              timeout: new Date(gate.until),
              if: "async.data.subscriberId == event.data.subscriberId",
            });
            continue;
          }
          // Lessons arrive in the reader's daytime (DELIVERY_WINDOW); the send step re-checks them after.
          await waitForDeliveryWindow(step, deps, subscriberId, `${lesson.id}${suffix}`);

          const outcome = await subscriberMailStep(step, `send-${lesson.id}${suffix}`, deps, {
            subscriberId,
            idempotencyKey: `${subscriberId}:${lesson.id}`,
            sendKind: "lesson",
            statuses: ["active"],
            suppressions: "any",
            refuse: async (subscriber) => {
              const now = await lessonGateFor(deps, subscriber);
              if (now.state === "paused") return "paused";
              return now.state === "stopped" ? "opted-out" : undefined;
            },
            build: (subscriber) => lessonEmail(deps, subscriber, lesson),
          });
          // A break begun between the check and the send: wait for it like any other.
          if (!outcome.sent && outcome.reason === "paused") continue;
          if (!proceeds(outcome)) return { completed: false, stoppedBefore: lesson.id, sent, outcome };
          sent.push(lesson.id);
          break;
        }
      }
      return { completed: true, sent };
    },
  );
}
