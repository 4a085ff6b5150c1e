// The per-inbox side of the confirmation throttle. The per-address one (confirmationSentAt) holds for one exact
// spelling, but victim+1@, victim+2@, v.i.c.t.i.m@gmail.com ... are new subscribers that all land in one inbox:
// without this, a script could fill someone's inbox with our confirmation emails. Every spelling stays its own
// subscriber; only the email is held back.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateLimits } from "../db/schema.ts";

/** Key prefix in rate_limits; the value after it is a hash of the inbox, never the address. */
export const MAILBOX_KEY_PREFIX = "mailbox:";

/**
 * Claims the right to send one confirmation to this inbox now. True when none was claimed within `intervalMs`;
 * one upsert, so two simultaneous signups for the same inbox cannot both win. The row's window_start is the
 * time of the last claim; prune-operational-logs drops rows after a day like any other rate-limit row.
 */
export async function claimMailboxConfirmation(
  db: Db,
  mailboxHash: string,
  nowMs: number,
  intervalMs: number,
): Promise<boolean> {
  const rows = await db
    .insert(rateLimits)
    .values({ key: `${MAILBOX_KEY_PREFIX}${mailboxHash}`, windowStart: nowMs, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: { windowStart: nowMs, count: sql`${rateLimits.count} + 1` },
      setWhere: sql`${rateLimits.windowStart} <= ${nowMs - intervalMs}`,
    })
    .returning({ key: rateLimits.key });
  return rows.length > 0;
}
