// Builds the campaign events with their deterministic ids: a double click, or the reconciler re-sending a row,
// carries the same id, and Inngest drops a repeated one.
import { buildEvent } from "../inngest/build-event.ts";
import { campaignCancelled, campaignSendRequested } from "../inngest/events.ts";

export function sendRequestedEvent(campaignId: string, scheduledAt: Date | null) {
  return buildEvent(
    campaignSendRequested,
    { campaignId, requestId: "send", ...(scheduledAt ? { scheduledAt: scheduledAt.getTime() } : {}) },
    { id: `campaign-send:${campaignId}` },
  );
}

/** The n-th resume of a campaign (1, 2, …): each is its own broadcast run, so each has its own request id. */
export function resumeRequestedEvent(campaignId: string, n: number) {
  return buildEvent(
    campaignSendRequested,
    { campaignId, requestId: `resume-${n}` },
    { id: `campaign-resume:${campaignId}:${n}` },
  );
}

export function cancelledEvent(campaignId: string) {
  return buildEvent(campaignCancelled, { campaignId }, { id: `campaign-cancel:${campaignId}` });
}
