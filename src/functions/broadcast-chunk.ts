// The next 10,000 recipients of a campaign, in a fresh run so no run nears Inngest's 1,000-step limit. Started
// by broadcast-campaign (or the previous chunk) with the keyset cursor; same lane, cancel and stop rules.
import type { AppDeps } from "../deps.ts";
import { campaignChunkRequested } from "../inngest/events.ts";
import { broadcastRunRules, type RunOptions, runOptions, runPages } from "./broadcast-run.ts";

export function createBroadcastChunk(deps: AppDeps, overrides: Partial<RunOptions> = {}) {
  const options = runOptions(deps, overrides);
  return deps.inngest.createFunction(
    {
      id: "broadcast-chunk",
      triggers: [{ event: campaignChunkRequested }],
      // The hand-over event's id (campaign, request, chunk) already de-duplicates; this guards a re-sent copy
      // with a new id too.
      idempotency: "event.data.campaignId + ':' + event.data.requestId + ':' + event.data.afterId",
      ...broadcastRunRules(deps),
    },
    async ({ event, step }) => {
      const { campaignId, requestId, afterId, chunk, local } = event.data;
      return runPages(step, deps, { campaignId, requestId, afterId, chunk, local }, options);
    },
  );
}
