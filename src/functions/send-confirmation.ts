// Double opt-in, first half: mails the signed, expiring confirm link. Triggered by a new signup and by a
// pending subscriber asking again (throttled upstream to once per 10 minutes).
import type { AppDeps } from "../deps.ts";
import { confirmationRequested, subscriberCreated } from "../inngest/events.ts";
import { confirmationEmail } from "../subscribers/emails.ts";
import { subscriberMailStep } from "./mail-step.ts";

export function createSendConfirmation(deps: AppDeps) {
  return deps.inngest.createFunction(
    {
      id: "send-confirmation",
      triggers: [{ event: subscriberCreated }, { event: confirmationRequested }],
      retries: 5,
    },
    async ({ event, step }) => {
      const { subscriberId } = event.data;
      // n tells legitimate re-sends apart: 0 for the first, the request time for each later one, so a retry of
      // the same request reuses its key and never sends twice.
      const n = "requestedAt" in event.data ? event.data.requestedAt : 0;
      return subscriberMailStep(step, "send-confirmation-email", deps, {
        subscriberId,
        idempotencyKey: `${subscriberId}:confirm:${n}`,
        sendKind: "transactional",
        statuses: ["pending"],
        suppressions: "hard",
        build: (subscriber) => confirmationEmail(deps, subscriber),
      });
    },
  );
}
