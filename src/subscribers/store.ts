// Small reads shared by the signup, confirm and unsubscribe paths and by the send steps.
import { eq, sql } from "drizzle-orm";
import { type Db, preparedPerDb } from "../db/client.ts";
import { subscribers, suppressions } from "../db/schema.ts";

export type Subscriber = typeof subscribers.$inferSelect;
export type SuppressionReason = (typeof suppressions.$inferSelect)["reason"];

/**
 * Reasons that mean "never mail this address again, not even a confirmation": the mailbox refused us or the
 * person complained. "erased" and "manual" let a person come back through a fresh double opt-in.
 */
export const HARD_SUPPRESSION_REASONS: readonly SuppressionReason[] = [
  "bounced",
  "complained",
  "provider_suppressed",
];

export function isHardSuppression(reason: SuppressionReason | undefined): boolean {
  return reason !== undefined && HARD_SUPPRESSION_REASONS.includes(reason);
}

export async function findSubscriberById(db: Db, id: string): Promise<Subscriber | undefined> {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id)).limit(1);
  return row;
}

// Every signup makes these two reads, so they are prepared once per database.
const subscriberByHash = preparedPerDb((db) =>
  db
    .select()
    .from(subscribers)
    .where(eq(subscribers.emailHash, sql.placeholder("emailHash")))
    .limit(1)
    .prepare(),
);
const suppressionByHash = preparedPerDb((db) =>
  db
    .select({ reason: suppressions.reason })
    .from(suppressions)
    .where(eq(suppressions.emailHash, sql.placeholder("emailHash")))
    .limit(1)
    .prepare(),
);

export async function findSubscriberByHash(db: Db, emailHash: string): Promise<Subscriber | undefined> {
  return (await subscriberByHash(db).get({ emailHash })) ?? undefined;
}

export async function suppressionReason(db: Db, emailHash: string): Promise<SuppressionReason | undefined> {
  return (await suppressionByHash(db).get({ emailHash }))?.reason;
}
