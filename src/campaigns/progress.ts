// How far a campaign has got: sent of audience, the recent send rate and when it should finish. Read on every
// poll of the progress bar, so it is two cheap queries: the campaign row and a range scan of the last minutes'
// sends (sends_campaign_created).
import { and, count, eq, gte } from "drizzle-orm";
import { type CampaignStatus, sends } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { countAudience } from "./audience.ts";
import { loadCampaign } from "./broadcast.ts";
import type { Campaign } from "./build-emails.ts";
import { notFound, type Result } from "./result.ts";

/** The rate is measured over this window: long enough to smooth the page pacing, short enough to follow a pause. */
export const RATE_WINDOW_MS = 2 * 60_000;

export type CampaignProgress = {
  campaignId: string;
  status: CampaignStatus;
  /** Recipients it goes to: fixed when sending starts; before that, how many match now. */
  audience: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Audience not yet sent to (never negative). */
  remaining: number;
  /** 0-100, whole numbers; 100 once the campaign is sent. */
  percent: number;
  /** Messages per minute over the last RATE_WINDOW_MS (or since the start, if that is shorter); null when not sending. */
  ratePerMinute: number | null;
  /** ISO time: when the remaining recipients should be sent at the current rate; the finish time once sent. */
  expectedFinishAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** When this was measured (ISO), so a client can show how fresh it is. */
  at: string;
};

/** Pure: the figures from a campaign row, the sends in the window and the clock. Exported for the tests. */
export function computeProgress(
  campaign: Campaign,
  input: { audience: number; sentInWindow: number; now: Date },
): CampaignProgress {
  const { audience, now } = input;
  const sent = campaign.sentCount;
  const done = campaign.status === "sent";
  const remaining = done ? 0 : Math.max(0, audience - sent);
  const percent = done
    ? 100
    : audience === 0
      ? 0
      : Math.min(100, Math.floor((Math.min(sent, audience) / audience) * 100));

  let ratePerMinute: number | null = null;
  let expectedFinishAt: string | null = done ? (campaign.finishedAt?.toISOString() ?? null) : null;
  if (campaign.status === "sending" && campaign.startedAt) {
    // A campaign that started 20 seconds ago has 20 seconds of sends, not two minutes' worth.
    const windowMs = Math.max(1000, Math.min(RATE_WINDOW_MS, now.getTime() - campaign.startedAt.getTime()));
    ratePerMinute = Math.round((input.sentInWindow / windowMs) * 60_000);
    if (ratePerMinute > 0) {
      expectedFinishAt = new Date(now.getTime() + (remaining / ratePerMinute) * 60_000).toISOString();
    }
  }
  return {
    campaignId: campaign.id,
    status: campaign.status,
    audience,
    sent,
    skipped: campaign.skippedCount,
    failed: campaign.failedCount,
    remaining,
    percent,
    ratePerMinute,
    expectedFinishAt,
    startedAt: campaign.startedAt?.toISOString() ?? null,
    finishedAt: campaign.finishedAt?.toISOString() ?? null,
    at: now.toISOString(),
  };
}

export async function campaignProgress(
  deps: Pick<AppDeps, "db" | "now" | "content">,
  id: string,
): Promise<Result<{ progress: CampaignProgress }>> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  const now = deps.now();
  const started = campaign.startedAt !== null;
  const audience = started
    ? campaign.audienceCount
    : await countAudience(deps.db, campaign.audience, deps.content.topics);
  let sentInWindow = 0;
  if (campaign.status === "sending") {
    const [row] = await deps.db
      .select({ n: count() })
      .from(sends)
      .where(
        and(
          eq(sends.campaignId, id),
          gte(sends.createdAt, new Date(now.getTime() - RATE_WINDOW_MS)),
          eq(sends.kind, "campaign"),
        ),
      );
    sentInWindow = row?.n ?? 0;
  }
  return { ok: true, progress: computeProgress(campaign, { audience, sentInWindow, now }) };
}
