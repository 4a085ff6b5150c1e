// The page loop both broadcast functions run. One run sends at most PAGES_PER_RUN pages (10,000 recipients,
// about 102 steps) and then hands the keyset cursor to a fresh run through step.sendEvent, so no run comes near
// Inngest's 1,000-step limit and 100,000 recipients cost about 1,012 steps in 10 runs.
//
// Why a chain of runs rather than all children at once: the provider's rate limit (one batch call at a time on
// the shared lane, see broadcast-campaign.ts) is the bottleneck, so parallel children would only queue behind
// each other; and in a chain the run that finds nobody left is the one that marks the campaign sent, with no
// cross-run bookkeeping to get wrong.
import type { GetStepTools } from "inngest";
import { buildEvent } from "../inngest/build-event.ts";
import type { InngestClient } from "../inngest/client.ts";
import { campaignChunkRequested } from "../inngest/events.ts";
import { type BroadcastDeps, finishCampaign, type PageOptions, sendCampaignPage } from "./broadcast.ts";

/** 100 pages of 100 recipients per run. */
export const PAGES_PER_RUN = 100;

export type RunOptions = PageOptions & { pagesPerRun: number };

export type RunOutcome =
  | { outcome: "finished"; pages: number; sent: number }
  | { outcome: "stopped"; status: string; pages: number; sent: number }
  | { outcome: "continued"; pages: number; sent: number; nextChunk: number; afterId: string };

type Step = GetStepTools<InngestClient>;

export function runOptions(
  deps: Pick<BroadcastDeps, "config">,
  overrides: Partial<RunOptions> = {},
): RunOptions {
  return {
    pagesPerRun: overrides.pagesPerRun ?? PAGES_PER_RUN,
    minPageMs: overrides.minPageMs ?? Math.ceil(1000 / deps.config.broadcastBatchesPerSecond),
  };
}

export async function runPages(
  step: Step,
  deps: BroadcastDeps,
  input: { campaignId: string; requestId: string; afterId: string | null; chunk: number },
  options: RunOptions,
): Promise<RunOutcome> {
  const { campaignId, requestId } = input;
  let cursor = input.afterId;
  let sent = 0;
  for (let page = 1; page <= options.pagesPerRun; page++) {
    const afterId = cursor;
    const result = await step.run(`send-page-${page}`, () =>
      sendCampaignPage(deps, { campaignId, afterId }, options),
    );
    sent += result.sent;
    if (result.stopped) return { outcome: "stopped", status: result.status, pages: page, sent };
    cursor = result.lastId;
    if (!result.more) {
      await step.run("finish", () => finishCampaign(deps, campaignId));
      return { outcome: "finished", pages: page, sent };
    }
  }
  // A full run and more to come: the next run starts after the last recipient handled here. The event id makes
  // a replayed or retried hand-over start one run, not two.
  const afterId = cursor as string;
  const nextChunk = input.chunk + 1;
  await step.sendEvent(
    "start-next-chunk",
    buildEvent(
      campaignChunkRequested,
      { campaignId, requestId, afterId, chunk: nextChunk },
      { id: `campaign-chunk:${campaignId}:${requestId}:${nextChunk}` },
    ),
  );
  return { outcome: "continued", pages: options.pagesPerRun, sent, nextChunk, afterId };
}
