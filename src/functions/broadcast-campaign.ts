// Sends a campaign: waits for its schedule, marks it sending, then sends pages of up to 100 recipients, one
// Resend batch call each, handing over to broadcast-chunk runs every 10,000 recipients (src/functions/broadcast-run.ts).
//
// Stopping: `cancelOn` ends this run (and every chunk run) when newsletter/campaign.cancelled arrives for the
// campaign; independently every page step re-reads the campaign and stops unless it is still "sending", which is
// also how the complaint-rate brake ("paused") and a cancel that raced the event take effect.
//
// Provider rate: Inngest `throttle` limits how often *runs start*, not how often steps run, so it cannot pace
// 100 pages inside one run. Instead every broadcast function shares one concurrency lane (scope "env", key
// "resend-batch", limit 1): at most one page step executes at a time across all campaigns, and each page step
// holds the lane for at least 1000 / BROADCAST_BATCHES_PER_SECOND ms (200 ms at Resend's default 5 calls per
// second). That bounds batch calls to the configured rate however many campaigns send at once. A 429 anyway
// (another sender on the same Resend team) surfaces as RetryAfterError and the step retries after retry-after.

import { campaignSchedule, startSending } from "../campaigns/broadcast.ts";
import { planLocalSend } from "../campaigns/local-time.ts";
import type { AppDeps } from "../deps.ts";
import { campaignSendRequested } from "../inngest/events.ts";
import { broadcastRunRules, type RunOptions, runOptions, runPages } from "./broadcast-run.ts";

export function createBroadcastCampaign(deps: AppDeps, overrides: Partial<RunOptions> = {}) {
  const options = runOptions(deps, overrides);
  return deps.inngest.createFunction(
    {
      id: "broadcast-campaign",
      triggers: [{ event: campaignSendRequested }],
      // One run per campaign and request: a double click or a re-dispatched event sends once, a resume
      // (requestId "resume-<n>") still gets its own run.
      idempotency: "event.data.campaignId + ':' + event.data.requestId",
      ...broadcastRunRules(deps),
    },
    async ({ event, step }) => {
      const { campaignId, requestId } = event.data;

      const schedule = await step.run("load-campaign", () => campaignSchedule(deps, campaignId));
      if (schedule.status !== "scheduled" && schedule.status !== "sending") {
        return { outcome: "skipped" as const, status: schedule.status };
      }
      if (schedule.status === "scheduled" && schedule.scheduledAt) {
        await step.sleepUntil("wait-for-schedule", schedule.scheduledAt);
      }

      const started = await step.run("start-sending", () => startSending(deps, campaignId));
      if (started.status !== "sending") return { outcome: "skipped" as const, status: started.status };

      // "At 9:00 in each reader's time zone": the slots are planned once, now that the campaign has started.
      const plan = schedule.localTime
        ? await step.run("plan-local-times", () => planLocalSend(deps, campaignId))
        : [];
      const local = plan.length > 0 ? { plan, slot: 0 } : undefined;
      return runPages(step, deps, { campaignId, requestId, afterId: null, chunk: 0, local }, options);
    },
  );
}
