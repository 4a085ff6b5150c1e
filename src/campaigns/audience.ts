// Who a campaign goes to. Eligibility is decided by the database at the moment each page is read, so a person who
// unsubscribes, bounces or is suppressed while a campaign is sending is left out of every later page, and a
// person who already has a sends row for this campaign is never picked again (that is what makes retries and
// resumes safe). Pages are read by keyset (subscriber id order), never by OFFSET: each page is an index range
// scan on subscribers(status, id), however far into the list it is. Preferences are decided the same way: a
// reader on a break, or out of the campaign's topics, when their page is read is left out (topic-audience.ts).
import { and, asc, count, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Topics } from "../content/index.ts";
import type { Db } from "../db/client.ts";
import { type CampaignAudience, sends, subscribers, suppressions } from "../db/schema.ts";
import { MAX_BATCH } from "../mail/types.ts";
import { segmentConditions } from "../subscribers/segment.ts";
import { inZoneKey } from "../subscribers/time-zone.ts";
import { type AudiencePreferences, preferenceConditions, topicConditions } from "./topic-audience.ts";

/** One page is one provider batch call, so a page is as large as a batch may be. */
export const PAGE_SIZE = MAX_BATCH;

export type Recipient = {
  id: string;
  email: string;
  firstName: string | null;
  locale: string;
  country: string | null;
};

const notSuppressed = sql`not exists (select 1 from ${suppressions} where ${suppressions.emailHash} = ${subscribers.emailHash})`;

function notYetSent(campaignId: string): SQL {
  return sql`not exists (select 1 from ${sends} where ${sends.campaignId} = ${campaignId} and ${sends.subscriberId} = ${subscribers.id})`;
}

/**
 * Who may get this campaign now: active, in the segment and the campaign's topics, not on a break, not
 * suppressed, without a sends row for it. The local-time plan (src/campaigns/local-time.ts) uses the same list.
 */
export function eligibleConditions(
  campaignId: string,
  audience: CampaignAudience,
  preferences: AudiencePreferences,
): SQL[] {
  return [
    eq(subscribers.status, "active"),
    ...segmentConditions(audience),
    ...preferenceConditions(audience, preferences),
    notSuppressed,
    notYetSent(campaignId),
  ];
}

type PageInput = {
  campaignId: string;
  audience: CampaignAudience;
  afterId: string | null;
  limit: number;
  preferences: AudiencePreferences;
  /** Only people with this zone key (a local-time campaign's slot; src/campaigns/local-time.ts). */
  zoneKey?: string | undefined;
};

/**
 * The next `limit` eligible recipients after `afterId` in id order. Callers ask for PAGE_SIZE + 1 to learn
 * whether another page follows. With a zone key the read is a range on subscribers_status_zone_id.
 */
export function eligiblePageQuery(db: Db, input: PageInput) {
  const conditions = [
    ...(input.afterId === null ? [] : [gt(subscribers.id, input.afterId)]),
    ...(input.zoneKey === undefined ? [] : [inZoneKey(input.zoneKey)]),
    ...eligibleConditions(input.campaignId, input.audience, input.preferences),
  ];
  return db
    .select({
      id: subscribers.id,
      email: subscribers.email,
      firstName: subscribers.firstName,
      locale: subscribers.locale,
      country: subscribers.country,
    })
    .from(subscribers)
    .where(and(...conditions))
    .orderBy(asc(subscribers.id))
    .limit(input.limit);
}

export async function readEligiblePage(db: Db, input: PageInput): Promise<Recipient[]> {
  return eligiblePageQuery(db, input);
}

/**
 * Active subscribers in the segment and the campaign's topics, suppressed ones and readers on a break included:
 * the campaign's "audience" figure. Those that are never mailed (suppressed, on a break, or gone before their
 * page) show up as "skipped" when the campaign finishes.
 */
export async function countAudience(db: Db, audience: CampaignAudience, topics: Topics): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.status, "active"),
        ...segmentConditions(audience),
        ...topicConditions(topics, audience),
      ),
    );
  return row?.n ?? 0;
}
