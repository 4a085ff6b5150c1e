// Deleting people who never confirmed (data minimisation), run daily by the purge-unconfirmed function.
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { forgetSubscriberInAudit } from "../audit/forget-subscriber.ts";
import { type AtomicStatement, atomic, type Db } from "../db/client.ts";
import { consents, sends, subscribers } from "../db/schema.ts";

/** Unconfirmed sign-ups are kept this long after the last confirmation email, then deleted. */
export const UNCONFIRMED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes up to `limit` subscribers still pending whose sign-up and last confirmation email are both older than
 * `cutoff`, with their consent records; their confirmation sends lose the link to them. Returns how many went.
 */
export async function purgeUnconfirmedPage(db: Db, cutoff: Date, limit: number): Promise<number> {
  const stale = and(
    eq(subscribers.status, "pending"),
    isNull(subscribers.confirmedAt),
    lt(subscribers.createdAt, cutoff),
    or(isNull(subscribers.confirmationSentAt), lt(subscribers.confirmationSentAt, cutoff)),
  );
  const rows = await db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(stale)
    .orderBy(asc(subscribers.id))
    .limit(limit);
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  // The condition is repeated in every statement: someone who confirms between the select and the batch stays.
  const stillStale = db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(inArray(subscribers.id, ids), stale));
  const statements: AtomicStatement[] = [
    db
      .update(sends)
      .set({ subscriberId: null, idempotencyKey: sql`'erased:' || ${sends.id}` })
      .where(inArray(sends.subscriberId, stillStale)),
    db.delete(consents).where(inArray(consents.subscriberId, stillStale)),
    forgetSubscriberInAudit(db, stillStale),
    db.delete(subscribers).where(and(inArray(subscribers.id, ids), stale)),
  ];
  await atomic(db, statements);
  return ids.length;
}
