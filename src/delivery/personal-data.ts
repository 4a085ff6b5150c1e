// Everything we hold about one person (GDPR art. 15 export), erasing it (art. 17), and deleting people who never
// confirmed (data minimisation). The suppression hash is the one thing erasure keeps: without it an erased
// address could be imported or signed up again and mailed (safety rule 14).
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { type AtomicStatement, atomic, type Db } from "../db/client.ts";
import {
  consents,
  outbox,
  pendingEvents,
  rateLimits,
  sends,
  subscribers,
  suppressions,
} from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { IP_ADDRESS } from "../lib/ip.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { unsubscribedEvent } from "../subscribers/events.ts";
import { findSubscriberById } from "../subscribers/store.ts";

/** The pending-event id of an erasure; its presence later tells a repeated DELETE that the person was erased. */
export const erasureEventId = (subscriberId: string) => `erase:${subscriberId}`;

/** Rows in the local outbox addressed to this person (development/test transport; empty in production). */
function outboxFor(email: string) {
  const address = email.toLowerCase();
  return or(sql`lower(${outbox.to}) = ${address}`, sql`lower(${outbox.to}) like ${`%<${address}>`}`);
}

/** Rate-limit counters are keyed "<bucket>:<ip>"; the person's IPs are known from their consent records. */
function rateLimitsFor(ips: string[]) {
  const safe = ips.filter((ip) => IP_ADDRESS.test(ip));
  if (safe.length === 0) return undefined;
  return or(...safe.map((ip) => sql`${rateLimits.key} like ${`%:${ip}`}`));
}

async function consentIps(db: Db, subscriberId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ip: consents.ip })
    .from(consents)
    .where(eq(consents.subscriberId, subscriberId));
  return rows.flatMap((r) => (r.ip ? [r.ip] : []));
}

const aboutSubscriber = (subscriberId: string) =>
  sql`json_extract(${pendingEvents.data}, '$.subscriberId') = ${subscriberId}`;

export async function exportSubscriberData(db: Db, subscriberId: string, now: Date) {
  const profile = await findSubscriberById(db, subscriberId);
  if (!profile) return null;
  const limits = rateLimitsFor(await consentIps(db, subscriberId));
  const [consentRows, sendRows, suppressionRows, outboxRows, eventRows, rateLimitRows] = await Promise.all([
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
  ]);
  const suppression = suppressionRows[0];
  return {
    exportedAt: now.toISOString(),
    subscriberId,
    profile,
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
  };
}

export type SubscriberExport = NonNullable<Awaited<ReturnType<typeof exportSubscriberData>>>;

export type ErasureResult = { status: "erased" | "already_erased" | "not_found" };

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
    return { status: erased ? "already_erased" : "not_found" };
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
    db.delete(outbox).where(outboxFor(profile.email)),
    // Counters only; losing them at most resets a 10-minute window.
    ...(limits ? [db.delete(rateLimits).where(limits)] : []),
    db.delete(subscribers).where(eq(subscribers.id, subscriberId)),
    // Workflow events about the person (sent or not) go too: an unsent "confirmed" must not start a drip later.
    // The erasure event replaces them and is the one trace of the (random, now unlinkable) id.
    db.delete(pendingEvents).where(aboutSubscriber(subscriberId)),
    queueEventStatement(db, event),
  ]);
  await dispatchEvents(deps, [event]);
  deps.logger.info("subscriber erased", { subscriberId });
  return { status: "erased" };
}

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
    db.delete(subscribers).where(and(inArray(subscribers.id, ids), stale)),
  ];
  await atomic(db, statements);
  return ids.length;
}
