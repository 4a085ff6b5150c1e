// The per-inbox side of the confirmation throttle. The per-address one (confirmationSentAt) holds for one exact
// spelling, but victim+1@, victim+2@, v.i.c.t.i.m@gmail.com ... are new subscribers that all land in one inbox:
// without this, a script could fill someone's inbox with our confirmation emails. Every spelling stays its own
// subscriber; only the email is held back.
import { sql } from "drizzle-orm";
import { type Db, preparedPerDb } from "../db/client.ts";
import { rateLimits } from "../db/schema.ts";

/** Key prefix in rate_limits; the value after it is a hash of the inbox, never the address. */
export const MAILBOX_KEY_PREFIX = "mailbox:";

/**
 * Claims the right to send one confirmation to this inbox now. True when none was claimed within `intervalMs`;
 * one upsert, so two simultaneous signups for the same inbox cannot both win. The row's window_start is the
 * time of the last claim; prune-operational-logs drops rows after a day like any other rate-limit row.
 */
// Every new signup claims, so the upsert is prepared once per database (both columns are plain integers, so the
// placeholders need no mapping).
const claim = preparedPerDb((db) =>
  db
    .insert(rateLimits)
    .values({ key: sql.placeholder("key"), windowStart: sql.placeholder("nowMs"), count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: { windowStart: sql`${sql.placeholder("nowMs")}`, count: sql`${rateLimits.count} + 1` },
      setWhere: sql`${rateLimits.windowStart} <= ${sql.placeholder("cutoff")}`,
    })
    .returning({ key: rateLimits.key })
    .prepare(),
);

export async function claimMailboxConfirmation(
  db: Db,
  mailboxHash: string,
  nowMs: number,
  intervalMs: number,
): Promise<boolean> {
  const rows = await claim(db).all({
    key: `${MAILBOX_KEY_PREFIX}${mailboxHash}`,
    nowMs,
    cutoff: nowMs - intervalMs,
  });
  return rows.length > 0;
}
