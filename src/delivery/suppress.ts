// Taking an address out of circulation after a hard bounce, a complaint or a provider suppression: the hash goes
// on the suppression list (which outlives erasure), the subscriber's status says why, and a running drip is
// cancelled through newsletter/subscriber.unsubscribed.
import { and, eq, inArray } from "drizzle-orm";
import type { AtomicStatement, Db } from "../db/client.ts";
import { type SubscriberStatus, subscribers, suppressions } from "../db/schema.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import { queueEventStatement } from "../lib/pending-events.ts";
import { unsubscribedEvent } from "../subscribers/events.ts";

export type DeliverySuppressionReason = "bounced" | "complained" | "provider_suppressed";

/** A complaint is the strongest signal and overrides bounced/unsubscribed; a bounce leaves a deliberate unsubscribe as it is. */
const STATUS_FOR: Record<DeliverySuppressionReason, { to: SubscriberStatus; from: SubscriberStatus[] }> = {
  bounced: { to: "bounced", from: ["pending", "active"] },
  provider_suppressed: { to: "bounced", from: ["pending", "active"] },
  complained: { to: "complained", from: ["pending", "active", "unsubscribed", "bounced"] },
};

/** Subscribers in these states may have a drip running or a campaign page coming. */
const RECEIVING: SubscriberStatus[] = ["pending", "active"];

export function suppressionStatements(
  db: Db,
  input: {
    subscriber: { id: string; status: SubscriberStatus } | null;
    emailHash: string;
    reason: DeliverySuppressionReason;
    now: Date;
    /** Deterministic id of the cancelling event, so a retried request never queues it twice. */
    eventId: string;
  },
): { statements: AtomicStatement[]; events: PendingEvent[] } {
  const { subscriber, emailHash, reason, now } = input;
  // An existing row (e.g. "erased", or an earlier bounce) keeps its reason: the address is suppressed either way.
  const statements: AtomicStatement[] = [
    db.insert(suppressions).values({ emailHash, reason }).onConflictDoNothing(),
  ];
  const events: PendingEvent[] = [];
  if (subscriber) {
    const rule = STATUS_FOR[reason];
    statements.push(
      db
        .update(subscribers)
        .set({ status: rule.to, updatedAt: now })
        .where(and(eq(subscribers.id, subscriber.id), inArray(subscribers.status, rule.from))),
    );
    if (RECEIVING.includes(subscriber.status)) {
      const event = unsubscribedEvent(subscriber.id, reason, now, input.eventId);
      statements.push(queueEventStatement(db, event));
      events.push(event);
    }
  }
  return { statements, events };
}
