// The complaint-rate brake. Mailbox providers start blocking a sender at a 0.3% complaint rate; we stop a
// campaign at 0.1%, once enough mail has been delivered for the rate to mean something. The broadcast function
// re-reads the campaign status before every page, so "paused" stops the next page; a marketer resumes explicitly.
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { AtomicStatement, Db } from "../db/client.ts";
import { campaigns } from "../db/schema.ts";

/** Below this many deliveries one or two complaints would swing the rate wildly, so the brake waits. */
export const COMPLAINT_BRAKE_MIN_DELIVERED = 1000;
/** 0.1%, as complaints per 1,000 delivered: integer arithmetic, so exactly 0.1% is not "above". */
export const COMPLAINT_BRAKE_PER_THOUSAND = 1;

/** Pure form of the rule, for callers that want to warn before resuming (e.g. the resume endpoint). */
export function complaintBrakeTripped(delivered: number, complained: number): boolean {
  return (
    delivered >= COMPLAINT_BRAKE_MIN_DELIVERED && complained * 1000 > delivered * COMPLAINT_BRAKE_PER_THOUSAND
  );
}

/**
 * Pauses the campaign if the rule holds on the counters as they stand inside the same atomic batch (so it sees
 * the increment that precedes it, and two concurrent webhooks cannot both miss the crossing). Only a campaign
 * that is sending or scheduled is paused; the reason records the figures.
 */
export function complaintBrakeStatement(db: Db, campaignId: string, now: Date): AtomicStatement {
  return db
    .update(campaigns)
    .set({
      status: "paused",
      statusReason: sql`printf('Paused automatically by the complaint-rate brake: %d complaints out of %d delivered (%.4f%%) is above the %.1f%% limit that applies from %d deliveries (mailbox providers block senders at 0.3%%). Review the content and audience, then resume explicitly.', ${campaigns.complainedCount}, ${campaigns.deliveredCount}, ${campaigns.complainedCount} * 100.0 / ${campaigns.deliveredCount}, ${COMPLAINT_BRAKE_PER_THOUSAND / 10}, ${COMPLAINT_BRAKE_MIN_DELIVERED})`,
      updatedAt: now,
    })
    .where(
      and(
        eq(campaigns.id, campaignId),
        inArray(campaigns.status, ["sending", "scheduled"]),
        gte(campaigns.deliveredCount, COMPLAINT_BRAKE_MIN_DELIVERED),
        sql`${campaigns.complainedCount} * 1000 > ${campaigns.deliveredCount} * ${COMPLAINT_BRAKE_PER_THOUSAND}`,
      ),
    );
}
