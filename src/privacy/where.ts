// Where a person's data lives beyond the subscriber row, as conditions the export reads and the erasure deletes:
// the local outbox, rate-limit counters keyed by their IPs, and workflow events about them.
import { eq, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { consents, outbox, pendingEvents, rateLimits } from "../db/schema.ts";
import { IP_ADDRESS } from "../lib/ip.ts";

/** Rows in the local outbox addressed to this person (development/test transport; empty in production). */
export function outboxFor(email: string) {
  const address = email.toLowerCase();
  return or(sql`lower(${outbox.to}) = ${address}`, sql`lower(${outbox.to}) like ${`%<${address}>`}`);
}

/** Rate-limit counters are keyed "<bucket>:<ip>"; the person's IPs are known from their consent records. */
export function rateLimitsFor(ips: string[]) {
  const safe = ips.filter((ip) => IP_ADDRESS.test(ip));
  if (safe.length === 0) return undefined;
  return or(...safe.map((ip) => sql`${rateLimits.key} like ${`%:${ip}`}`));
}

export async function consentIps(db: Db, subscriberId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ip: consents.ip })
    .from(consents)
    .where(eq(consents.subscriberId, subscriberId));
  return rows.flatMap((r) => (r.ip ? [r.ip] : []));
}

export const aboutSubscriber = (subscriberId: string) =>
  sql`json_extract(${pendingEvents.data}, '$.subscriberId') = ${subscriberId}`;
