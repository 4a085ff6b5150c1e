// The seeders every suite shares: a subscriber row written directly (no signup flow), and a suppression.
import type { Db } from "../../src/db/client.ts";
import { type SubscriberStatus, subscribers, suppressions } from "../../src/db/schema.ts";
import { hashEmail } from "../../src/lib/email-address.ts";

export type SubscriberSeed = {
  id: string;
  email: string;
  firstName?: string | null;
  status?: SubscriberStatus;
  source?: string;
  country?: string | null;
  timeZone?: string | null;
  softBounces?: number;
  createdAt?: Date;
};

export async function insertSubscriber(db: Db, seed: SubscriberSeed): Promise<{ id: string; email: string }> {
  await db.insert(subscribers).values({
    id: seed.id,
    email: seed.email,
    emailHash: await hashEmail(seed.email),
    firstName: seed.firstName ?? null,
    status: seed.status ?? "active",
    source: seed.source ?? "test",
    country: seed.country ?? null,
    timeZone: seed.timeZone ?? null,
    softBounces: seed.softBounces ?? 0,
    ...(seed.createdAt ? { createdAt: seed.createdAt, updatedAt: seed.createdAt } : {}),
  });
  return { id: seed.id, email: seed.email };
}

export async function suppress(db: Db, email: string, reason: (typeof suppressions.$inferInsert)["reason"]) {
  await db.insert(suppressions).values({ emailHash: await hashEmail(email), reason });
}
