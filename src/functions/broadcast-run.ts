// What broadcast-campaign and broadcast-chunk share: their cancel, lane, retry and failure rules, and the page
// loop both run (not a function itself, so it has no id; index.ts registers the two that use it).
//
// The page loop: One run sends at most PAGES_PER_RUN pages (10,000 recipients,
// about 102 steps) and then hands the keyset cursor to a fresh run through step.sendEvent, so no run comes near
// Inngest's 1,000-step limit and 100,000 recipients cost about 1,012 steps in 10 runs.
//
// Why a chain of runs rather than all children at once: the provider's rate limit (one batch call at a time on
// the shared lane, see broadcast-campaign.ts) is the bottleneck, so parallel children would only queue behind
// each other; and in a chain the run that finds nobody left is the one that marks the campaign sent, with no
// cross-run bookkeeping to get wrong.
import { type GetStepTools, NonRetriableError } from "inngest";
import {
  type BroadcastDeps,
  failCampaign,
  finishCampaign,
  type PageOptions,
  sendCampaignPage,
} from "../campaigns/broadcast.ts";
import { buildEvent } from "../inngest/build-event.ts";
import type { InngestClient } from "../inngest/client.ts";
import { campaignCancelled, campaignChunkRequested } from "../inngest/events.ts";
import { mailStep } from "./mail-step.ts";

/** The provider lane shared by every function that calls Resend's batch endpoint for campaigns. */
export const PROVIDER_LANE = { scope: "env", key: '"resend-batch"', limit: 1 } as const;

/** Retries are per step; a page that meets several 429s in a row must not fail the campaign. */
export const BROADCAST_RETRIES = 10;

export const cancelOnCampaign = [
  { event: campaignCancelled.name, if: "async.data.campaignId == event.data.campaignId" },
];

type FailureContext = {
  event: { data: { event: { data: { campaignId: string } } } };
  error: Error;
  step: Pick<Step, "run">;
};

/**
 * Cancel, provider lane, retries and what a run that gave up does (marks the campaign failed): the same for
 * broadcast-campaign and every broadcast-chunk run.
 */
export function broadcastRunRules(deps: BroadcastDeps) {
  return {
    cancelOn: cancelOnCampaign,
    concurrency: [PROVIDER_LANE] as [typeof PROVIDER_LANE],
    retries: BROADCAST_RETRIES as typeof BROADCAST_RETRIES,
    onFailure: async ({ event, error, step }: FailureContext) => {
      await step.run("mark-failed", () => failCampaign(deps, event.data.event.data.campaignId, error));
    },
  };
}

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

/**
 * A local-time campaign's plan, as the hand-over event carries it. `startSlot`: the hand-over came as the
 * previous slot ended, so this run starts `slot` from its beginning (afterId then only names the last recipient
 * handled, which keeps every hand-over's idempotency key distinct).
 */
export type LocalRun = {
  plan: { at: string; zone: string }[];
  slot: number;
  startSlot?: boolean | undefined;
};

/**
 * Pages of the campaign until nobody is left, or until this run's page budget is spent and a fresh run takes
 * over. For a local-time campaign (`local`), each slot of the plan (one zone key and its time) is waited for
 * (`wait-for-local-time-<n>`) and then sent, only its people read, slot after slot; a hand-over carries the plan
 * and the slot to continue.
 */
export async function runPages(
  step: Step,
  deps: BroadcastDeps,
  input: {
    campaignId: string;
    requestId: string;
    afterId: string | null;
    chunk: number;
    local?: LocalRun | undefined;
  },
  options: RunOptions,
): Promise<RunOutcome> {
  const { campaignId, requestId } = input;
  const plan = input.local?.plan;
  let slot = input.local?.slot ?? 0;
  let cursor = input.local?.startSlot ? null : input.afterId;
  /** The last recipient handled in this chain of runs: the hand-over's key when a slot ends with the run. */
  let lastHandled = input.afterId;
  let sent = 0;
  let page = 0;
  while (page < options.pagesPerRun) {
    const due = plan?.[slot];
    // Slots due at the same instant wait once: the first has slept (or is past) when the next one starts.
    if (due && cursor === null && (slot === 0 || plan?.[slot - 1]?.at !== due.at)) {
      await step.sleepUntil(`wait-for-local-time-${slot}`, due.at);
    }
    page++;
    const afterId = cursor;
    const zoneKey = due?.zone;
    const result = await step.run(`send-page-${page}`, () =>
      mailStep(() => sendCampaignPage(deps, { campaignId, afterId, zoneKey }, options)),
    );
    sent += result.sent;
    if (result.stopped) return { outcome: "stopped", status: result.status, pages: page, sent };
    cursor = result.lastId;
    lastHandled = cursor ?? lastHandled;
    if (!result.more) {
      if (!plan || slot >= plan.length - 1) {
        await step.run("finish", () => finishCampaign(deps, campaignId));
        return { outcome: "finished", pages: page, sent };
      }
      slot++;
      cursor = null;
    }
  }
  // A full run and more to come: the next run continues after the last recipient handled here (or, when a slot
  // ended with the run, from the start of the next slot). The event id makes a replayed or retried hand-over
  // start one run, not two.
  const afterId = cursor ?? lastHandled;
  if (afterId === null) {
    // Only reachable with more empty slots in one run than a plan can have (about 40 distinct offsets exist).
    throw new NonRetriableError("a local-time hand-over with no recipient handled before it");
  }
  const nextChunk = input.chunk + 1;
  const local = plan ? { plan, slot, ...(cursor === null ? { startSlot: true } : {}) } : undefined;
  await step.sendEvent(
    "start-next-chunk",
    buildEvent(
      campaignChunkRequested,
      { campaignId, requestId, afterId, chunk: nextChunk, ...(local ? { local } : {}) },
      { id: `campaign-chunk:${campaignId}:${requestId}:${nextChunk}` },
    ),
  );
  return { outcome: "continued", pages: options.pagesPerRun, sent, nextChunk, afterId };
}
