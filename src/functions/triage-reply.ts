// One run per received reply: read it from where it lives, classify it with the phrase rules, store it, then act.
//   crisis       -> decide the auto-reply (never for automatic mail, at most one a day), then the [URGENT]
//                   alert to the team and the auto-reply to the reader; never unsubscribes anyone
//   unsubscribe  -> unsubscribe at once (the drip is cancelled by the event; send-goodbye confirms), forward
//   auto-reply   -> stored, never answered (RFC 3834)
//   other        -> forwarded to the team inbox and listed in the reply queue
// Idempotent per message; every send's key comes from the reply id, so a retried step sends nothing twice.
import type { AppDeps } from "../deps.ts";
import { replyReceived } from "../inngest/events.ts";
import {
  decideAutoReply,
  notifyTeam,
  readAndTriage,
  sendCrisisReply,
  unsubscribeByReply,
} from "../replies/effects.ts";
import { mailStep } from "./mail-step.ts";

export function createTriageReply(deps: AppDeps) {
  return deps.inngest.createFunction(
    {
      id: "triage-reply",
      triggers: [{ event: replyReceived }],
      idempotency: 'event.data.source + ":" + event.data.messageRef',
      retries: 5,
    },
    async ({ event, step }) => {
      const reply = await step.run("read-and-triage", () => readAndTriage(deps, event.data));
      if (!reply) return { status: "message-not-found" as const };

      if (reply.class === "crisis") {
        const autoReply = await step.run("decide-auto-reply", () => decideAutoReply(deps, reply.replyId));
        // The alert goes first: a reader's address the provider refuses (a non-retriable failure of the
        // auto-reply) must never keep the team from hearing about it. Both are sent within the same second.
        const alert = await step.run("send-urgent-alert", () =>
          mailStep(() => notifyTeam(deps, reply.replyId, { autoReply })),
        );
        const answer =
          autoReply === "send"
            ? await step.run("send-crisis-reply", () => mailStep(() => sendCrisisReply(deps, reply.replyId)))
            : { sent: false, reason: autoReply };
        return { status: "crisis" as const, rule: reply.rule, autoReply: answer, alert };
      }
      if (reply.class === "auto-reply") return { status: "automatic" as const, rule: reply.rule };

      const unsubscribed =
        reply.class === "unsubscribe"
          ? await step.run("unsubscribe-sender", () => unsubscribeByReply(deps, reply.replyId))
          : { unsubscribed: false };
      const forward = await step.run("forward-to-team", () =>
        mailStep(() => notifyTeam(deps, reply.replyId, { unsubscribed: unsubscribed.unsubscribed })),
      );
      return { status: reply.class, rule: reply.rule, ...unsubscribed, forward };
    },
  );
}
