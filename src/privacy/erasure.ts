// Erasing a person (GDPR art. 17). The suppression hash is the one thing erasure keeps: without it an erased
// address could be imported or signed up again and mailed (safety rule 14).
import { eq, sql } from "drizzle-orm";
import { forgetSubscriberInAudit } from "../audit/forget-subscriber.ts";
import { atomic } from "../db/client.ts";
import {
  consents,
  outbox,
  pendingEvents,
  rateLimits,
  replies,
  sends,
  subscribers,
  subscriberTopics,
  suppressions,
} from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { hashMailbox } from "../lib/email-address.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { repliesOf } from "../replies/store.ts";
import { unsubscribedEvent } from "../subscribers/events.ts";
import { MAILBOX_KEY_PREFIX } from "../subscribers/mailbox-throttle.ts";
import { findSubscriberById } from "../subscribers/store.ts";
import { aboutSubscriber, consentIps, outboxFor, rateLimitsFor } from "./where.ts";

/** The pending-event id of an erasure; its presence later tells a repeated DELETE that the person was erased. */
export const erasureEventId = (subscriberId: string) => `erase:${subscriberId}`;

export type ErasureResult = Result<{ status: "erased" | "already_erased" }, Failure<"not_found">>;

/**
 * Deletes the profile and consents, detaches and de-identifies the sends, keeps the hash on the suppression list
 * and cancels any running drip, all in one batch. Repeating it is harmless and reports "already_erased".
 */
export async function eraseSubscriber(
  deps: Pick<AppDeps, "db" | "inngest" | "logger" | "now">,
  subscriberId: string,
): Promise<ErasureResult> {
  const { db } = deps;
  const profile = await findSubscriberById(db, subscriberId);
  if (!profile) {
    const [erased] = await db
      .select({ id: pendingEvents.id })
      .from(pendingEvents)
      .where(eq(pendingEvents.id, erasureEventId(subscriberId)))
      .limit(1);
    return erased ? { ok: true, status: "already_erased" } : fail("not_found", "No subscriber with this id.");
  }

  const now = deps.now();
  const limits = rateLimitsFor(await consentIps(db, subscriberId));
  const event = unsubscribedEvent(subscriberId, "erased", now, erasureEventId(subscriberId));
  await atomic(db, [
    // An existing bounce/complaint suppression is stricter than "erased" (which allows a fresh double opt-in
    // later), so it keeps its reason.
    db.insert(suppressions).values({ emailHash: profile.emailHash, reason: "erased" }).onConflictDoNothing(),
    // Delivery statistics survive without a person: the idempotency key embeds the subscriber id, so it goes too.
    db
      .update(sends)
      .set({ subscriberId: null, idempotencyKey: sql`'erased:' || ${sends.id}`, updatedAt: now })
      .where(eq(sends.subscriberId, subscriberId)),
    db.delete(consents).where(eq(consents.subscriberId, subscriberId)),
    // Topic choices (the foreign key cascades too; said here so the list of what goes is complete).
    db.delete(subscriberTopics).where(eq(subscriberTopics.subscriberId, subscriberId)),
    // Replies are health data: they go with the person, also those matched only by the sender's address.
    db.delete(replies).where(repliesOf(subscriberId, profile.emailHash)),
    db.delete(outbox).where(outboxFor(profile.email)),
    // Counters only; losing them at most resets a 10-minute window.
    ...(limits ? [db.delete(rateLimits).where(limits)] : []),
    // The inbox's confirmation throttle (a hash of the address): a returning person starts afresh.
    db
      .delete(rateLimits)
      .where(eq(rateLimits.key, `${MAILBOX_KEY_PREFIX}${await hashMailbox(profile.email)}`)),
    db.delete(subscribers).where(eq(subscribers.id, subscriberId)),
    // The audit trail keeps what was done, no longer to whom.
    forgetSubscriberInAudit(db, subscriberId),
    // Workflow events about the person (sent or not) go too: an unsent "confirmed" must not start a drip later.
    // The erasure event replaces them and is the one trace of the (random, now unlinkable) id.
    db.delete(pendingEvents).where(aboutSubscriber(subscriberId)),
    queueEventStatement(db, event),
  ]);
  await dispatchEvents(deps, [event]);
  deps.logger.info("subscriber erased", { subscriberId });
  return { ok: true, status: "erased" };
}
