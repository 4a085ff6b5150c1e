// How a campaign went: who it was for, what was sent, what the mailbox providers said about each message, who
// left through its unsubscribe link, and deliveries over time. Everything is counted from the sends rows (one per
// recipient, kept after erasure), so the figures agree with each other and with a person's page.
import { and, eq, sql } from "drizzle-orm";
import { type CampaignStatus, sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { countAudience } from "./audience.ts";
import { loadCampaign } from "./broadcast.ts";
import { notFound, type Result } from "./result.ts";

/** Bucket sizes the series may use, smallest first; the first that gives at most MAX_BUCKETS wins. */
const BUCKET_SIZES_MS = [
  10_000,
  30_000,
  60_000,
  5 * 60_000,
  15 * 60_000,
  30 * 60_000,
  3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  86_400_000,
];
export const MAX_BUCKETS = 48;

export type DeliveryPoint = { at: string; delivered: number };
export type DeliverySeries = {
  /** Width of each bucket in milliseconds; 0 when nothing has been delivered. */
  bucketMs: number;
  /** Consecutive buckets from the first delivery to the last, empty ones included (a chart needs the gaps). */
  points: DeliveryPoint[];
};

export type CampaignReport = {
  campaignId: string;
  name: string;
  status: CampaignStatus;
  audience: number;
  sent: number;
  /** Messages with a delivered event (each counted once, whatever came after). */
  delivered: number;
  bounced: number;
  complained: number;
  /** Recipients who left through this campaign's unsubscribe link. */
  unsubscribed: number;
  failed: number;
  /** The provider refused to send (its own suppression list). */
  suppressed: number;
  /** Sent, no word from the provider yet (or only a delay). */
  awaiting: number;
  /** In the audience at the start but not mailed (suppressed here, or left before their page). */
  skipped: number;
  startedAt: string | null;
  finishedAt: string | null;
  deliveries: DeliverySeries;
};

/** Picks the bucket width for a span of time (ms). */
export function bucketFor(spanMs: number): number {
  for (const size of BUCKET_SIZES_MS) if (Math.floor(spanMs / size) + 1 <= MAX_BUCKETS) return size;
  return BUCKET_SIZES_MS[BUCKET_SIZES_MS.length - 1] as number;
}

/** Pure: fills the gaps between the first and last bucket with zeros. `counts` maps bucket start (ms) to count. */
export function fillSeries(counts: ReadonlyMap<number, number>, bucketMs: number): DeliveryPoint[] {
  if (counts.size === 0 || bucketMs <= 0) return [];
  const keys = [...counts.keys()];
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const points: DeliveryPoint[] = [];
  for (let at = first; at <= last; at += bucketMs) {
    points.push({ at: new Date(at).toISOString(), delivered: counts.get(at) ?? 0 });
  }
  return points;
}

/** The first delivered event of each of the campaign's messages, in ms. */
function firstDeliveries(campaignId: string) {
  return sql`select min(json_extract(e.value, '$.at')) as at
    from ${sends}, json_each(${sends.events}) as e
    where ${sends.campaignId} = ${campaignId} and ${sends.kind} = 'campaign'
      and json_extract(e.value, '$.type') = 'delivered'
    group by ${sends.id}`;
}

async function deliverySeries(deps: Pick<AppDeps, "db">, campaignId: string) {
  const firsts = firstDeliveries(campaignId);
  const [span] = await deps.db.all<{ n: number; lo: number | null; hi: number | null }>(
    sql`select count(*) as n, min(at) as lo, max(at) as hi from (${firsts})`,
  );
  const delivered = span?.n ?? 0;
  if (!span || span.lo === null || span.hi === null) {
    return { delivered, series: { bucketMs: 0, points: [] } satisfies DeliverySeries };
  }
  const bucketMs = bucketFor(span.hi - span.lo);
  const rows = await deps.db.all<{ bucket: number; n: number }>(
    sql`select cast(at / ${bucketMs} as integer) * ${bucketMs} as bucket, count(*) as n from (${firsts}) group by bucket`,
  );
  const counts = new Map(rows.map((r) => [Number(r.bucket), Number(r.n)]));
  return { delivered, series: { bucketMs, points: fillSeries(counts, bucketMs) } satisfies DeliverySeries };
}

export async function campaignReport(
  deps: Pick<AppDeps, "db" | "content">,
  id: string,
): Promise<Result<{ report: CampaignReport }>> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;

  const byStatus = await deps.db
    .select({
      status: sends.status,
      n: sql<number>`count(*)`,
      unsubscribed: sql<number>`sum(case when ${sends.unsubscribedAt} is not null then 1 else 0 end)`,
    })
    .from(sends)
    .where(and(eq(sends.campaignId, id), eq(sends.kind, "campaign")))
    .groupBy(sends.status);
  const countOf = (...statuses: string[]) =>
    byStatus.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + Number(r.n), 0);
  const { delivered, series } = await deliverySeries(deps, id);

  return {
    ok: true,
    report: {
      campaignId: campaign.id,
      name: campaign.name,
      status: campaign.status,
      audience:
        campaign.startedAt !== null
          ? campaign.audienceCount
          : await countAudience(deps.db, campaign.audience, deps.content.topics),
      sent: byStatus.reduce((sum, r) => sum + Number(r.n), 0),
      delivered,
      bounced: countOf("bounced"),
      complained: countOf("complained"),
      unsubscribed: byStatus.reduce((sum, r) => sum + Number(r.unsubscribed ?? 0), 0),
      failed: countOf("failed"),
      suppressed: countOf("suppressed"),
      awaiting: countOf("queued", "sent", "delivery_delayed"),
      skipped: campaign.skippedCount,
      startedAt: campaign.startedAt?.toISOString() ?? null,
      finishedAt: campaign.finishedAt?.toISOString() ?? null,
      deliveries: series,
    },
  };
}
