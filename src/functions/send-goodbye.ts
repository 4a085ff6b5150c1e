// One note confirming a visible-link unsubscribe, and nothing after it. Not sent for one-click unsubscribes
// (the mailbox provider asked on the person's behalf and they expect silence) nor for bounces, complaints or
// erasure. Keyed by the unsubscribe time, so a retried step or a repeated event sends it at most once.
import type { AppDeps } from "../deps.ts";
import { subscriberUnsubscribed } from "../inngest/events.ts";
import { goodbyeEmail } from "../subscribers/emails.ts";
import { findSubscriberById } from "../subscribers/store.ts";
import { subscriberMailStep } from "./mail-step.ts";

export function createSendGoodbye(deps: AppDeps) {
  return deps.inngest.createFunction(
    {
      id: "send-goodbye",
      triggers: [{ event: subscriberUnsubscribed, if: 'event.data.reason == "user"' }],
      retries: 3,
    },
    async ({ event, step }) => {
      const { subscriberId } = event.data;
      if (event.data.reason !== "user") return { sent: false, reason: "not-a-user-unsubscribe" };
      const unsubscribedAt = await step.run("read-unsubscribed-at", async () => {
        const subscriber = await findSubscriberById(deps.db, subscriberId);
        return subscriber?.status === "unsubscribed" ? (subscriber.unsubscribedAt?.getTime() ?? null) : null;
      });
      if (unsubscribedAt === null) return { sent: false, reason: "not-unsubscribed" };
      return subscriberMailStep(step, "send-goodbye-email", deps, {
        subscriberId,
        idempotencyKey: `${subscriberId}:goodbye:${unsubscribedAt}`,
        sendKind: "transactional",
        statuses: ["unsubscribed"],
        suppressions: "any",
        build: (subscriber) => goodbyeEmail(deps, subscriber),
      });
    },
  );
}
