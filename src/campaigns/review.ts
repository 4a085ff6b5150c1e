// Clinical review (safety rule 23): a draft is submitted for review; a reviewer who did not write, edit or submit
// it approves it or sends it back with a comment. The approval is of the exact content (its hash): an edit voids
// it (update.ts) and sending checks it (transitions.ts). Each step is one atomic batch with its history and audit
// rows, guarded by the state it expects, so two people clicking at once get one step and one 409.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Account } from "../accounts/schemas.ts";
import { atomic } from "../db/client.ts";
import { campaigns, type ReviewState } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { type Actor, actorId, actorName, actorVia } from "./actor.ts";
import { loadCampaign } from "./broadcast.ts";
import type { Campaign } from "./build-emails.ts";
import { relint, unsafe } from "./content-check.ts";
import { contentHash } from "./content-hash.ts";
import { type Failure, notFound, type Result } from "./result.ts";
import { type ReviewStep, reviewStatements } from "./review-record.ts";
import { type CampaignView, campaignView } from "./view.ts";

type Deps = Pick<AppDeps, "content" | "db" | "now">;
/** What each review step answers: the campaign after the step, or why it was refused. */
export type ReviewAnswer = Result<{ campaign: CampaignView }>;

function refuse(code: Failure["code"], message: string, fields?: Record<string, string[]>): Failure {
  return { ok: false, code, message, ...(fields ? { fields } : {}) };
}

const changedMeanwhile = refuse(
  "conflict",
  "The campaign changed while this request was handled; reload it and try again.",
);

/**
 * Why this account may not review this campaign, if it may not. A reviewer is a separate, named person: the
 * reviewer role, and never whoever wrote, last edited or submitted the campaign (an owner who writes cannot
 * approve their own words either, since owners are not reviewers).
 */
export function reviewerProblem(campaign: Campaign, reviewer: Account): Failure | undefined {
  if (reviewer.removedAt !== null) return refuse("forbidden", "This account has been removed.");
  if (reviewer.role !== "reviewer")
    return refuse("forbidden", "Only a reviewer account can approve a campaign or send it back.");
  const own = [campaign.createdBy, campaign.updatedBy, campaign.submittedBy].includes(reviewer.id);
  if (own)
    return refuse(
      "forbidden",
      "You wrote, edited or submitted this campaign, so someone else must review it.",
    );
  return undefined;
}

function notInReview(campaign: Campaign): Failure {
  const why: Record<ReviewState, string> = {
    none: "It has not been submitted for review.",
    returned: "It was sent back for changes; it needs to be submitted again.",
    approved: "It is already approved.",
    in_review: "",
  };
  return refuse("invalid_state", `Only a campaign in review can be reviewed. ${why[campaign.reviewState]}`);
}

/** The campaign a reviewer decides on: it exists, this account may review it, and it is waiting in review. */
async function campaignToDecide(
  deps: Deps,
  id: string,
  reviewer: Account,
): Promise<Result<{ campaign: Campaign }>> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  const problem = reviewerProblem(campaign, reviewer);
  if (problem) return problem;
  if (campaign.status !== "draft" || campaign.reviewState !== "in_review") return notInReview(campaign);
  return { ok: true, campaign };
}

export async function submitForReview(deps: Deps, id: string, actor: Actor): Promise<ReviewAnswer> {
  const campaign = await loadCampaign(deps.db, id);
  if (!campaign) return notFound;
  if (campaign.status !== "draft")
    return refuse(
      "invalid_state",
      `Only a draft is submitted for review (the campaign is ${campaign.status}).`,
    );
  if (campaign.reviewState === "in_review") return refuse("invalid_state", "It is already in review.");
  if (campaign.reviewState === "approved") return refuse("invalid_state", "It is already approved.");
  const lint = relint(deps, campaign);
  if (lint.errors > 0) return unsafe(lint.findings);

  const now = deps.now();
  return takeStep(deps, campaign, actor, {
    from: ["none", "returned"],
    to: "in_review",
    set: { submittedBy: actorId(actor), submittedAt: now },
    took: sql`${campaigns.reviewState} = 'in_review' and ${campaigns.submittedAt} = ${now.getTime()}`,
    record: { action: "submitted", person: { id: actorId(actor), name: actorName(actor) }, comment: null },
    hash: await contentHash(campaign),
    now,
  });
}

export type ReviewDecision = {
  /** The reviewer: the signed-in account, or the account an API call names by email. */
  reviewer: Account;
  /** The content hash the reviewer saw; a mismatch means the campaign changed since they opened it. */
  contentHash?: string | undefined;
};

export async function approveCampaign(
  deps: Deps,
  id: string,
  actor: Actor,
  decision: ReviewDecision,
): Promise<ReviewAnswer> {
  const found = await campaignToDecide(deps, id, decision.reviewer);
  if (!found.ok) return found;
  const { campaign } = found;
  const title = decision.reviewer.title?.trim();
  if (!title) {
    return refuse(
      "validation_failed",
      'The approval is printed in the email as "Reviewed by NAME, TITLE, on DATE", and this account has no title. An owner adds it on the People page (or: npm run users -- title EMAIL "Medical editor").',
      { title: ["Required to approve."] },
    );
  }
  const hash = await contentHash(campaign);
  if (decision.contentHash !== undefined && decision.contentHash !== hash) {
    return refuse(
      "conflict",
      "The campaign changed since you opened it. Read the current version, then approve it.",
    );
  }
  const lint = relint(deps, campaign);
  if (lint.errors > 0) return unsafe(lint.findings);

  const now = deps.now();
  return takeStep(deps, campaign, actor, {
    from: ["in_review"],
    to: "approved",
    set: {
      approvedBy: decision.reviewer.id,
      approvedName: decision.reviewer.name,
      approvedTitle: title,
      approvedAt: now,
      approvedHash: hash,
    },
    took: sql`${campaigns.reviewState} = 'approved' and ${campaigns.approvedAt} = ${now.getTime()} and ${campaigns.approvedBy} = ${decision.reviewer.id}`,
    record: {
      action: "approved",
      person: { id: decision.reviewer.id, name: decision.reviewer.name },
      comment: null,
    },
    hash,
    now,
  });
}

export async function returnForChanges(
  deps: Deps,
  id: string,
  actor: Actor,
  decision: ReviewDecision & { comment: string },
): Promise<ReviewAnswer> {
  const found = await campaignToDecide(deps, id, decision.reviewer);
  if (!found.ok) return found;
  const { campaign } = found;
  const comment = decision.comment.trim();
  if (comment === "") {
    return refuse("validation_failed", "Say what needs to change.", {
      comment: ["Say what needs to change."],
    });
  }
  const now = deps.now();
  return takeStep(deps, campaign, actor, {
    from: ["in_review"],
    to: "returned",
    set: {},
    took: sql`${campaigns.reviewState} = 'returned' and ${campaigns.updatedAt} = ${now.getTime()}`,
    record: {
      action: "returned",
      person: { id: decision.reviewer.id, name: decision.reviewer.name },
      comment,
    },
    hash: await contentHash(campaign),
    now,
  });
}

type StepPlan = {
  /** The review states the step starts from; with the draft status and the `updated_at` the caller read. */
  from: ReviewState[];
  to: ReviewState;
  /** Columns the step sets beside the review state and `updated_at`. */
  set: Partial<typeof campaigns.$inferInsert>;
  /** Holds for the campaign row only if this request's update took (not a concurrent one's). */
  took: SQL;
  record: Pick<ReviewStep, "action" | "person" | "comment">;
  hash: string;
  now: Date;
};

/**
 * One review step as one atomic batch: the guarded update (the campaign as the caller read it: a draft in one of
 * `from`, unchanged since) and the history and audit rows, written only if the update took.
 */
async function takeStep(deps: Deps, campaign: Campaign, actor: Actor, plan: StepPlan): Promise<ReviewAnswer> {
  const { now } = plan;
  await atomic(deps.db, [
    deps.db
      .update(campaigns)
      .set({ ...plan.set, reviewState: plan.to, updatedAt: now })
      .where(
        and(
          eq(campaigns.id, campaign.id),
          eq(campaigns.status, "draft"),
          inArray(campaigns.reviewState, plan.from),
          eq(campaigns.updatedAt, campaign.updatedAt),
        ),
      ),
    ...reviewStatements(
      deps.db,
      {
        campaignId: campaign.id,
        ...plan.record,
        via: actorVia(actor),
        contentHash: plan.hash,
        at: now,
      },
      actor,
      plan.took,
    ),
  ]);
  return settled(deps, campaign.id, plan.to, now);
}

/** Reads the campaign after a guarded step: the step took if the state is the one it set, at its time. */
async function settled(deps: Deps, id: string, state: ReviewState, now: Date): Promise<ReviewAnswer> {
  const after = await loadCampaign(deps.db, id);
  if (!after) return notFound;
  if (after.reviewState !== state || after.updatedAt.getTime() !== now.getTime()) return changedMeanwhile;
  return { ok: true, campaign: campaignView(after, true) };
}
