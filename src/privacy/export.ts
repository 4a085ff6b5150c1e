// Everything we hold about one person (GDPR art. 15), for GET /api/admin/subscribers/:id/data.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import {
  consents,
  outbox,
  pendingEvents,
  rateLimits,
  replies,
  sends,
  subscriberTopics,
  suppressions,
} from "../db/schema.ts";
import { type Failure, fail, type Result } from "../lib/result.ts";
import { repliesOf } from "../replies/store.ts";
import { findSubscriberById, type Subscriber } from "../subscribers/store.ts";
import { aboutSubscriber, consentIps, outboxFor, rateLimitsFor } from "./where.ts";

export async function exportSubscriberData(
  db: Db,
  subscriberId: string,
  now: Date,
): Promise<Result<{ data: SubscriberExport }, Failure<"not_found">>> {
  const profile = await findSubscriberById(db, subscriberId);
  if (!profile) {
    return fail("not_found", "No subscriber with this id (erased people have nothing left to export).");
  }
  return { ok: true, data: await collect(db, profile, now) };
}

async function collect(db: Db, profile: Subscriber, now: Date) {
  const subscriberId = profile.id;
  const limits = rateLimitsFor(await consentIps(db, subscriberId));
  const [consentRows, sendRows, suppressionRows, outboxRows, eventRows, rateLimitRows, replyRows, topicRows] =
    await Promise.all([
      db.select().from(consents).where(eq(consents.subscriberId, subscriberId)).orderBy(asc(consents.at)),
      db.select().from(sends).where(eq(sends.subscriberId, subscriberId)).orderBy(asc(sends.createdAt)),
      db.select().from(suppressions).where(eq(suppressions.emailHash, profile.emailHash)).limit(1),
      db.select().from(outbox).where(outboxFor(profile.email)).orderBy(asc(outbox.createdAt)),
      db
        .select()
        .from(pendingEvents)
        .where(aboutSubscriber(subscriberId))
        .orderBy(asc(pendingEvents.createdAt)),
      limits ? db.select().from(rateLimits).where(limits) : Promise.resolve([]),
      db
        .select()
        .from(replies)
        .where(repliesOf(subscriberId, profile.emailHash))
        .orderBy(asc(replies.receivedAt)),
      db.select().from(subscriberTopics).where(eq(subscriberTopics.subscriberId, subscriberId)),
    ]);
  const suppression = suppressionRows[0];
  return {
    exportedAt: now.toISOString(),
    subscriberId,
    profile,
    /** The topics they turned on or off themselves (every other topic follows templates/topics.yaml). */
    topicChoices: topicRows,
    consents: consentRows,
    /** Each send carries its delivery events (delivered, bounced, opened when tracking is on, ...). */
    sends: sendRows,
    suppression: {
      emailHash: profile.emailHash,
      suppressed: suppression !== undefined,
      reason: suppression?.reason ?? null,
      since: suppression?.createdAt ?? null,
    },
    /** Copies of messages captured by the local outbox transport (never used in production). */
    outbox: outboxRows,
    /** Workflow events about this person (ids only). */
    events: eventRows,
    /** Short-lived abuse counters keyed by an IP address found in this person's consent records. */
    rateLimits: rateLimitRows,
    /** Replies they sent us, with how triage classified them (bodies until REPLY_RETENTION_DAYS). */
    replies: replyRows,
  };
}

export type SubscriberExport = Awaited<ReturnType<typeof collect>>;
