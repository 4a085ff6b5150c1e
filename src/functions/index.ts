// The functions array that serve() registers. Each function lives in its own file whose `id` is its file name.
import type { AppDeps } from "../deps.ts";
import { createBroadcastCampaign } from "./broadcast-campaign.ts";
import { createBroadcastChunk } from "./broadcast-chunk.ts";
import { createDripSeries } from "./drip-series.ts";
import { createPruneOperationalLogs } from "./prune-operational-logs.ts";
import { createPruneReplyBodies } from "./prune-reply-bodies.ts";
import { createPurgeUnconfirmed } from "./purge-unconfirmed.ts";
import { createSendConfirmation } from "./send-confirmation.ts";
import { createSendGoodbye } from "./send-goodbye.ts";
import { createTriageReply } from "./triage-reply.ts";
import { createWelcomeBack } from "./welcome-back.ts";

export function createFunctions(deps: AppDeps) {
  return [
    createSendConfirmation(deps),
    createDripSeries(deps),
    createSendGoodbye(deps),
    createPurgeUnconfirmed(deps),
    createPruneOperationalLogs(deps),
    createBroadcastCampaign(deps),
    createBroadcastChunk(deps),
    createTriageReply(deps),
    createPruneReplyBodies(deps),
    createWelcomeBack(deps),
  ];
}
