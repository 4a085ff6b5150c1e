// The campaign state changes that start or stop a broadcast: send or schedule, cancel, resume. Each is written
// in one atomic batch with its event (transactional outbox), so a bus outage never leaves a campaign "sending"
// with nothing running.
import { and, count, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { atomic } from "../db/client.ts";
import { type CampaignStatus, campaigns, pendingEvents } from "../db/schema.ts";
import { complaintBrakeTripped } from "../delivery/complaint-brake.ts";
import type { AppDeps } from "../deps.ts";
import type { PendingEvent } from "../inngest/build-event.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { countAudience } from "./audience.ts";
import { loadCampaign } from "./broadcast.ts";
import type { Campaign } from "./build-emails.ts";
import { relint, unsafe } from "./content-check.ts";
import { contentHash } from "./content-hash.ts";
import { cancelledEvent, resumeRequestedEvent, sendRequestedEvent } from "./events.ts";
import { localSchedule } from "./local-time.ts";
import { type Failure, notFound, type Result } from "./result.ts";
import { type SendCampaignInput, scheduleProblem } from "./schemas.ts";
import { type CampaignView, campaignView } from "./view.ts";

type Deps = Pick<AppDeps, "content" | "db" | "inngest" | "logger" | "now">;

function conflict(
  campaign: Campaign,
  message: string,
  code: "invalid_state" | "use_resume" = "invalid_state",
): Failure {
  return { ok: false, code, message: `${message} (the campaign is ${campaign.status}).` };
}

type Transition = Result<{ campaign: CampaignView; dispatched: boolean }>;

type Change = {
  to: CampaignStatus;
  /** Columns the change sets beside the status and `updated_at`. */
  set: Omit<Partial<typeof campaigns.$inferInsert>, "status" | "updatedAt">;
  /** The state the change expects to leave (beside the campaign's id). */
  guard: SQL | undefined;
  now: Date;
};

/**
 * Writes a status change and its event in one batch, then checks the change took. The update is guarded by the
 * status it expects to leave, so a concurrent request that moved the campaign first makes it a no-op: that
 * answers 409 and dispatches nothing (an event id that was already queued is a no-op too).
 */
async function transition(
  deps: Deps,
  campaign: Campaign,
  change: Change,
  event: PendingEvent,
): Promise<Transition> {
  const { to, now } = change;
  const update = deps.db
    .update(campaigns)
    .set({ ...change.set, status: to, updatedAt: now })
    .where(and(eq(campaigns.id, campaign.id), change.guard));
  await atomic(deps.db, [update, queueEventStatement(deps.db, event)]);
  const updated = (await loadCampaign(deps.db, campaign.id)) ?? campaign;
  if (updated.status !== to) return conflict(updated, "The campaign changed while this request was handled");
  const dispatched = await dispatchEvents(deps, [event]);
  return { ok: true, campaign: campaignView(updated), dispatched };
}

export async function requestSend(deps: Deps, id: string, input: SendCampaignInput): Promise<Transition> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (campaign.status === "paused") {
    return conflict(
      campaign,
      "A paused campaign continues with POST /api/admin/campaigns/:id/resume",
      "use_resume",
    );
  }
  if (campaign.status !== "draft") return conflict(campaign, "Only a draft campaign can be sent");
  const approved = await approvedHash(campaign);
  if (!approved) return reviewRequired(campaign);

  const now = deps.now();
  const local = localSchedule(input, now);
  if ("problem" in local) {
    return {
      ok: false,
      code: "validation_failed",
      message: "Some fields are invalid.",
      fields: { localDate: [local.problem] },
    };
  }
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : local.startAt;
  const problem = input.scheduledAt && scheduledAt ? scheduleProblem(scheduledAt, now) : undefined;
  if (problem) {
    return {
      ok: false,
      code: "validation_failed",
      message: "Some fields are invalid.",
      fields: { scheduledAt: [problem] },
    };
  }

  const result = relint(deps, campaign);
  if (result.errors > 0) return unsafe(result.findings);
  const warnings = result.findings.filter((f) => f.severity === "warning");
  if (warnings.length > 0 && input.acknowledgeWarnings !== true) {
    return {
      ok: false,
      code: "warnings_unacknowledged",
      message: `The content safety check has ${warnings.length} warning(s). Read them, then send again with acknowledgeWarnings: true.`,
      fields: { acknowledgeWarnings: ["Required when the content has warnings."] },
      findings: warnings,
    };
  }

  // Sent now to nobody, a campaign would end "sent" without a word. A scheduled one may still gain an audience.
  if (
    !scheduledAt &&
    input.allowEmpty !== true &&
    (await countAudience(deps.db, campaign.audience, deps.content.topics)) === 0
  ) {
    return {
      ok: false,
      code: "audience_empty",
      message:
        "No active subscriber matches this campaign's audience, so it would send to nobody. Check the audience (GET /api/admin/subscribers?status=active&tag=...), or send allowEmpty: true if that is intended.",
      fields: { allowEmpty: ["Required to send to an audience of nobody."] },
    };
  }

  const event = sendRequestedEvent(id, scheduledAt);
  const to = scheduledAt ? "scheduled" : "sending";
  return transition(
    deps,
    campaign,
    {
      to,
      set: {
        scheduledAt,
        localSendTime: input.localTime ?? null,
        localSendDate: input.localDate ?? null,
        lintWarnings: warnings,
      },
      guard: and(
        eq(campaigns.status, "draft"),
        // An edit that lands between the check above and this update voids the approval: then nothing is sent.
        eq(campaigns.reviewState, "approved"),
        eq(campaigns.approvedHash, approved),
      ),
      now,
    },
    event,
  );
}

/** The approved content hash, if the campaign is approved and still says exactly what was approved. */
async function approvedHash(campaign: Campaign): Promise<string | undefined> {
  if (campaign.reviewState !== "approved" || !campaign.approvedHash) return undefined;
  return (await contentHash(campaign)) === campaign.approvedHash ? campaign.approvedHash : undefined;
}

function reviewRequired(campaign: Campaign): Failure {
  const state: Record<Campaign["reviewState"], string> = {
    none: "It has not been submitted for review (POST /api/admin/campaigns/:id/submit, or Submit for review in the console).",
    in_review: "It is waiting for a reviewer.",
    returned: "A reviewer sent it back for changes; edit it and submit it again.",
    approved: "Its content changed after the approval; it needs a new review.",
  };
  return {
    ok: false,
    code: "review_required",
    message: `Only a campaign approved by a reviewer can be sent or scheduled. ${state[campaign.reviewState]}`,
  };
}

const CANCELLABLE: CampaignStatus[] = ["draft", "scheduled", "sending", "paused"];

export async function cancelCampaign(deps: Deps, id: string): Promise<Transition> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (!CANCELLABLE.includes(campaign.status))
    return conflict(campaign, "This campaign can no longer be cancelled");
  const now = deps.now();
  const event = cancelledEvent(id);
  return transition(
    deps,
    campaign,
    {
      to: "cancelled",
      set: { statusReason: "Cancelled by an administrator.", finishedAt: now },
      guard: inArray(campaigns.status, CANCELLABLE),
      now,
    },
    event,
  );
}

export async function resumeCampaign(
  deps: Deps,
  id: string,
  input: { acknowledgeComplaintRate?: boolean | undefined },
): Promise<Transition> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (campaign.status !== "paused") return conflict(campaign, "Only a paused campaign can be resumed");
  if (
    complaintBrakeTripped(campaign.deliveredCount, campaign.complainedCount) &&
    input.acknowledgeComplaintRate !== true
  ) {
    return {
      ok: false,
      code: "complaint_rate_high",
      message:
        `${campaign.complainedCount} complaints out of ${campaign.deliveredCount} delivered is above the 0.1% brake. ` +
        "Review the content and audience; to resume anyway, send acknowledgeComplaintRate: true.",
      fields: { acknowledgeComplaintRate: ["Required while the complaint rate is above the brake."] },
    };
  }

  // Each resume is a new broadcast run (already-sent recipients are skipped through the sends table); the
  // ordinal makes its event id, and so a double click, de-duplicate.
  // A range rather than LIKE: ids contain "_", which LIKE treats as a wildcard. ";" sorts right after ":".
  const prefix = `campaign-resume:${id}:`;
  const [previous] = await deps.db
    .select({ n: count() })
    .from(pendingEvents)
    .where(and(gte(pendingEvents.id, prefix), lt(pendingEvents.id, `campaign-resume:${id};`)));
  const n = (previous?.n ?? 0) + 1;
  const event = resumeRequestedEvent(id, n);
  const now = deps.now();
  // Paused before it ever started (the brake also pauses scheduled campaigns): keep waiting for the schedule.
  const next: CampaignStatus =
    campaign.startedAt === null && campaign.scheduledAt !== null && campaign.scheduledAt > now
      ? "scheduled"
      : "sending";
  return transition(
    deps,
    campaign,
    { to: next, set: { statusReason: null }, guard: eq(campaigns.status, "paused"), now },
    event,
  );
}
