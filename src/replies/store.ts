// Reads and writes of the replies table. Every state change is a conditional write, so a retried step or two
// runs racing each other change nothing twice.
import { and, desc, eq, gt, isNotNull, isNull, lt, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { devInbox, replies } from "../db/schema.ts";

export type Reply = typeof replies.$inferSelect;
export type NewReply = typeof replies.$inferInsert;

/** At most one crisis auto-reply per person in this window (safety rule 21: never more than once in a loop window). */
export const AUTO_REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function findReplyById(db: Db, id: string): Promise<Reply | undefined> {
  const [row] = await db.select().from(replies).where(eq(replies.id, id)).limit(1);
  return row;
}

export async function findReplyByRef(
  db: Db,
  source: Reply["source"],
  ref: string,
): Promise<Reply | undefined> {
  const [row] = await db
    .select()
    .from(replies)
    .where(and(eq(replies.source, source), eq(replies.messageRef, ref)))
    .limit(1);
  return row;
}

/** Inserts the reply once per received message; a second insert of the same message returns the first row. */
export async function recordReply(db: Db, row: NewReply): Promise<Reply> {
  await db.insert(replies).values(row).onConflictDoNothing();
  const stored = await findReplyByRef(db, row.source, row.messageRef);
  if (!stored) throw new Error("replies: row missing after insert");
  return stored;
}

const earlier = alias(replies, "earlier");

/**
 * Claims this reply's crisis auto-reply unless the same sender already had one in the last 24 hours. One
 * statement, so two crisis replies arriving together cannot both claim. True when this reply holds the claim.
 */
export async function claimAutoReply(
  db: Db,
  reply: Pick<Reply, "id" | "senderHash">,
  now: Date,
): Promise<boolean> {
  const since = new Date(now.getTime() - AUTO_REPLY_WINDOW_MS);
  const claimed = await db
    .update(replies)
    .set({ autoReply: "claimed", autoReplyAt: now })
    .where(
      and(
        eq(replies.id, reply.id),
        isNull(replies.autoReply),
        notExists(
          db
            .select({ one: sql`1` })
            .from(earlier)
            .where(
              and(
                eq(earlier.senderHash, reply.senderHash),
                ne(earlier.id, reply.id),
                or(eq(earlier.autoReply, "claimed"), eq(earlier.autoReply, "sent")),
                gt(earlier.autoReplyAt, since),
              ),
            ),
        ),
      ),
    )
    .returning({ id: replies.id });
  if (claimed.length > 0) return true;
  const row = await findReplyById(db, reply.id);
  return row?.autoReply === "claimed" || row?.autoReply === "sent";
}

export async function setAutoReply(db: Db, id: string, state: NonNullable<Reply["autoReply"]>, now: Date) {
  await db
    .update(replies)
    .set({ autoReply: state, ...(state === "sent" ? { autoReplyAt: now } : {}) })
    .where(and(eq(replies.id, id), or(isNull(replies.autoReply), ne(replies.autoReply, "sent"))));
}

type Mark = "alertedAt" | "forwardedAt" | "unsubscribedAt" | "handledAt";

/** Sets a time once; a repeat keeps the first. */
export async function markReply(db: Db, id: string, field: Mark, now: Date): Promise<void> {
  await db
    .update(replies)
    .set({ [field]: now })
    .where(and(eq(replies.id, id), isNull(replies[field])));
}

/**
 * The reply queue: open replies first, crisis at the top, then newest first. Handled ones follow when asked for.
 */
export async function replyQueue(db: Db, options: { status: "open" | "handled" | "all"; limit: number }) {
  const where =
    options.status === "open"
      ? isNull(replies.handledAt)
      : options.status === "handled"
        ? isNotNull(replies.handledAt)
        : undefined;
  return db
    .select()
    .from(replies)
    .where(where)
    .orderBy(
      sql`${replies.handledAt} is not null`,
      sql`case when ${replies.class} = 'crisis' then 0 else 1 end`,
      desc(replies.receivedAt),
      desc(replies.id),
    )
    .limit(options.limit);
}

/** Deletes subjects and bodies of replies received before `before`; the triage record stays. Returns how many. */
export async function pruneReplyBodies(db: Db, before: Date, now: Date): Promise<number> {
  const gone = await db
    .update(replies)
    .set({ subject: null, body: null, bodyDeletedAt: now })
    .where(and(lt(replies.receivedAt, before), isNull(replies.bodyDeletedAt)))
    .returning({ id: replies.id });
  return gone.length;
}

/** Pasted development messages older than the retention go too. */
export async function pruneDevInbox(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(devInbox).where(lt(devInbox.createdAt, before)).returning({ id: devInbox.id });
  return gone.length;
}

/** Replies linked to this subscriber or sent from their address (export and erasure). */
export function repliesOf(subscriberId: string, emailHash: string) {
  return or(eq(replies.subscriberId, subscriberId), eq(replies.senderHash, emailHash));
}
