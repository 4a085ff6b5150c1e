// The work inside the broadcast functions' steps. Each export is one step's body: it reads what it needs from the
// database (never from memory of an earlier step), so a retried or replayed step decides again from the truth.
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { atomic } from "../db/client.ts";
import { type CampaignStatus, campaigns, sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { randomId } from "../lib/ids.ts";
import { redact } from "../lib/log.ts";
import { countAudience, PAGE_SIZE, type Recipient, readEligiblePage } from "./audience.ts";
import { buildCampaignMessages, type Campaign } from "./build-emails.ts";
import { createVariantCache } from "./personalise.ts";

export type BroadcastDeps = Pick<AppDeps, "config" | "content" | "db" | "mailer" | "logger" | "now">;

/** Shared by every page step in this process; see createVariantCache. */
const sharedCache = createVariantCache();

/**
 * One key per campaign and recipient: the provider's idempotency key for the message and the sends row's unique
 * key, so a recipient already recorded is never picked again and a repeated message is never sent again.
 */
const campaignSendKey = (campaignId: string, subscriberId: string) => `${campaignId}:${subscriberId}`;

export type PageOptions = {
  /**
   * The page step holds the provider lane at least this long (see the concurrency note in
   * src/functions/broadcast-campaign.ts). 1000 / BROADCAST_BATCHES_PER_SECOND by default; 0 turns pacing off.
   */
  minPageMs: number;
};

export async function loadCampaign(
  db: BroadcastDeps["db"],
  campaignId: string,
): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  return row;
}

/** First step of a run: what state is the campaign in, and when is it due? */
export async function campaignSchedule(deps: Pick<BroadcastDeps, "db">, campaignId: string) {
  const campaign = await loadCampaign(deps.db, campaignId);
  return {
    status: (campaign?.status ?? "missing") as CampaignStatus | "missing",
    scheduledAt: campaign?.scheduledAt?.toISOString() ?? null,
    /** Set for "at 9:00 in each reader's time zone" (src/campaigns/local-time.ts). */
    localTime: campaign?.localSendTime ?? null,
  };
}

/**
 * Moves a due scheduled campaign to "sending" and, on its first start, records when it started and how big
 * the audience is. A campaign that was cancelled or paused meanwhile stays as it is; the caller stops.
 */
export async function startSending(deps: Pick<BroadcastDeps, "db" | "now" | "content">, campaignId: string) {
  const now = deps.now();
  await deps.db
    .update(campaigns)
    .set({ status: "sending", updatedAt: now })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, "scheduled")));
  const campaign = await loadCampaign(deps.db, campaignId);
  if (!campaign) return { status: "missing" as const, audienceCount: 0 };
  if (campaign.status === "sending" && campaign.startedAt === null) {
    const audienceCount = await countAudience(deps.db, campaign.audience, deps.content.topics);
    await deps.db
      .update(campaigns)
      .set({ startedAt: now, audienceCount, updatedAt: now })
      .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, "sending")));
    return { status: campaign.status, audienceCount };
  }
  return { status: campaign.status, audienceCount: campaign.audienceCount };
}

export type PageResult = {
  /** True when the campaign is no longer "sending" (cancelled, paused by the complaint brake, failed). */
  stopped: boolean;
  status: CampaignStatus | "missing";
  /** Keyset cursor for the next page: the last subscriber id handled (unchanged when the page was empty). */
  lastId: string | null;
  /** Whether another eligible recipient followed this page when it was read. */
  more: boolean;
  sent: number;
  /** Where the time went, for the run's output and the benchmark (milliseconds). */
  ms: { read: number; prepare: number; provider: number; record: number; paced: number };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One INSERT for the whole page, its rows passed as a single JSON parameter and expanded by json_each: D1 caps
 * bound parameters per statement at 100 (a 100-row VALUES list would need 1,400), and one statement instead of
 * 100 keeps recording a page cheap. Columns in table order, as drizzle's insert-select expects.
 */
function recordSendsStatement(
  db: BroadcastDeps["db"],
  campaignId: string,
  page: readonly Recipient[],
  results: readonly { providerMessageId: string }[],
  at: Date,
) {
  const rows = JSON.stringify(
    page.map((r, i) => [
      randomId("snd"),
      campaignSendKey(campaignId, r.id),
      r.id,
      results[i]?.providerMessageId ?? null,
    ]),
  );
  const events = JSON.stringify([{ type: "sent", at: at.getTime() }]);
  const ms = at.getTime();
  return db
    .insert(sends)
    .select(
      sql`select value ->> 0, value ->> 1, 'campaign', 'campaign', ${campaignId}, value ->> 2, value ->> 3, 'sent', ${events}, null, null, null, null, ${ms}, ${ms} from json_each(${rows}) where true`,
    )
    .onConflictDoNothing();
}

/**
 * One page: re-check that the campaign is still sending, read up to 100 eligible recipients after `afterId`,
 * personalise, send them in one batch call, record them. The batch idempotency key is the campaign and the
 * page's first subscriber, so a retry after a lost response repeats the identical call and the provider answers
 * it from its idempotency cache instead of sending again; the sends rows (unique per campaign and subscriber)
 * keep a later page or a resumed run from picking the same people.
 */
export async function sendCampaignPage(
  deps: BroadcastDeps,
  input: { campaignId: string; afterId: string | null; zoneKey?: string | undefined },
  options: PageOptions,
): Promise<PageResult> {
  const started = performance.now();
  const ms = { read: 0, prepare: 0, provider: 0, record: 0, paced: 0 };
  const campaign = await loadCampaign(deps.db, input.campaignId);
  const status = campaign?.status ?? "missing";
  if (campaign?.status !== "sending") {
    return { stopped: true, status, lastId: input.afterId, more: false, sent: 0, ms };
  }

  const rows = await readEligiblePage(deps.db, {
    campaignId: campaign.id,
    audience: campaign.audience,
    afterId: input.afterId,
    limit: PAGE_SIZE + 1,
    preferences: { topics: deps.content.topics, now: deps.now() },
    ...(input.zoneKey === undefined ? {} : { zoneKey: input.zoneKey }),
  });
  const page = rows.slice(0, PAGE_SIZE);
  const more = rows.length > PAGE_SIZE;
  let mark = performance.now();
  ms.read = mark - started;
  const first = page[0];
  if (!first) return { stopped: false, status, lastId: input.afterId, more: false, sent: 0, ms };

  const messages = await buildCampaignMessages(deps, campaign, page, {
    cache: sharedCache,
    idempotencyKey: (r) => campaignSendKey(campaign.id, r.id),
    tags: [{ name: "campaign", value: campaign.id }],
  });
  ms.prepare = performance.now() - mark;
  mark = performance.now();

  const results = await deps.mailer.sendBatch(messages, { idempotencyKey: `${campaign.id}:${first.id}` });
  ms.provider = performance.now() - mark;
  mark = performance.now();

  const at = deps.now();
  await atomic(deps.db, [
    recordSendsStatement(deps.db, campaign.id, page, results, at),
    // Exact unless two runs raced on one campaign (the provider lane prevents that); finishCampaign recounts.
    deps.db
      .update(campaigns)
      .set({ sentCount: sql`${campaigns.sentCount} + ${page.length}`, updatedAt: at })
      .where(eq(campaigns.id, campaign.id)),
  ]);
  ms.record = performance.now() - mark;

  const elapsed = performance.now() - started;
  if (options.minPageMs > elapsed) {
    ms.paced = options.minPageMs - elapsed;
    await sleep(ms.paced);
  }
  deps.logger.debug("campaign page sent", { campaignId: campaign.id, recipients: page.length, more });
  return {
    stopped: false,
    status,
    lastId: page[page.length - 1]?.id ?? input.afterId,
    more,
    sent: page.length,
    ms,
  };
}

/**
 * Marks a campaign sent once no eligible recipient is left. The sent figure is recounted from the sends table;
 * skipped is everyone in the audience at the start who was not mailed (suppressed, or left before their page).
 */
export async function finishCampaign(deps: Pick<BroadcastDeps, "db" | "now">, campaignId: string) {
  const now = deps.now();
  const [sent] = await deps.db
    .select({ n: count() })
    .from(sends)
    .where(and(eq(sends.campaignId, campaignId), eq(sends.kind, "campaign")));
  const sentCount = sent?.n ?? 0;
  await deps.db
    .update(campaigns)
    .set({
      status: "sent",
      statusReason: null,
      finishedAt: now,
      sentCount,
      skippedCount: sql`max(0, ${campaigns.audienceCount} - ${sentCount} - ${campaigns.failedCount})`,
      updatedAt: now,
    })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, "sending")));
  const campaign = await loadCampaign(deps.db, campaignId);
  return { status: campaign?.status ?? "missing", sent: sentCount };
}

/** onFailure: a run that ran out of retries (or hit a permanent error) leaves the campaign failed, with why. */
export async function failCampaign(
  deps: Pick<BroadcastDeps, "db" | "now">,
  campaignId: string,
  error: unknown,
) {
  const message = error instanceof Error ? error.message : String(error);
  const now = deps.now();
  await deps.db
    .update(campaigns)
    .set({
      status: "failed",
      statusReason: `Sending stopped: ${String(redact(message)).slice(0, 500)}`,
      finishedAt: now,
      updatedAt: now,
    })
    .where(and(eq(campaigns.id, campaignId), inArray(campaigns.status, ["scheduled", "sending"])));
}
