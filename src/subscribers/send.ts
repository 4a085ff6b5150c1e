// The one way the subscriber functions send: re-read the subscriber right before the provider call, send with
// the sends-table key as the provider idempotency key, then record the send. A retried step finds the row (or
// the provider/outbox finds the key) and nothing goes out twice.
import { eq } from "drizzle-orm";
import { type SubscriberStatus, sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { randomId } from "../lib/ids.ts";
import type { OutgoingEmail } from "../mail/types.ts";
import { findSubscriberById, isHardSuppression, type Subscriber, suppressionReason } from "./store.ts";

export type SendPlan = {
  subscriberId: string;
  /** `${subscriberId}:welcome`, `${subscriberId}:${lessonId}`, `${subscriberId}:confirm:${n}`. */
  idempotencyKey: string;
  sendKind: "transactional" | "lesson";
  /** The subscriber must be in one of these states at send time. */
  statuses: readonly SubscriberStatus[];
  /**
   * "any": every suppression blocks (marketing). "hard": only bounces, complaints and provider suppressions
   * block, so an erased person coming back can still receive the confirmation that lets them return.
   */
  suppressions: "any" | "hard";
  build: (subscriber: Subscriber) => Promise<Omit<OutgoingEmail, "idempotencyKey">>;
  /** Marketing preferences, checked with the row read right before sending: a break, or a topic left. */
  refuse?: (subscriber: Subscriber) => Promise<"paused" | "opted-out" | undefined>;
};

export type SendOutcome =
  | { sent: true; providerMessageId: string }
  | {
      sent: false;
      reason:
        | "already-sent"
        | "not-found"
        | "suppressed"
        | "paused"
        | "opted-out"
        | `status:${SubscriberStatus}`;
    };

export async function sendToSubscriber(
  deps: Pick<AppDeps, "db" | "mailer" | "now">,
  plan: SendPlan,
): Promise<SendOutcome> {
  const [done] = await deps.db
    .select({ id: sends.id })
    .from(sends)
    .where(eq(sends.idempotencyKey, plan.idempotencyKey))
    .limit(1);
  if (done) return { sent: false, reason: "already-sent" };

  const subscriber = await findSubscriberById(deps.db, plan.subscriberId);
  if (!subscriber) return { sent: false, reason: "not-found" };
  if (!plan.statuses.includes(subscriber.status))
    return { sent: false, reason: `status:${subscriber.status}` };
  const suppression = await suppressionReason(deps.db, subscriber.emailHash);
  if (suppression && (plan.suppressions === "any" || isHardSuppression(suppression))) {
    return { sent: false, reason: "suppressed" };
  }
  const refused = await plan.refuse?.(subscriber);
  if (refused) return { sent: false, reason: refused };

  const message = await plan.build(subscriber);
  const { providerMessageId } = await deps.mailer.send({ ...message, idempotencyKey: plan.idempotencyKey });
  const at = deps.now();
  await deps.db
    .insert(sends)
    .values({
      id: randomId("snd"),
      idempotencyKey: plan.idempotencyKey,
      kind: plan.sendKind,
      templateId: message.templateId,
      subscriberId: subscriber.id,
      providerMessageId,
      status: "sent",
      events: [{ type: "sent", at: at.getTime() }],
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing();
  return { sent: true, providerMessageId };
}
