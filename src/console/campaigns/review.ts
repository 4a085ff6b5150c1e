// Clinical review from the console: POST /:id/submit (marketers and owners), POST /:id/approve and /:id/return
// (reviewers; the domain refuses a reviewer who wrote, edited or submitted it). The signed-in person is the
// actor and, for a decision, the reviewer.
import { type Context, Hono } from "hono";
import { STATUS_FOR } from "../../api/errors.ts";
import type { Actor } from "../../campaigns/actor.ts";
import {
  approveCampaign,
  type ReviewAnswer,
  type ReviewDecision,
  returnForChanges,
  submitForReview,
} from "../../campaigns/review.ts";
import type { AppDeps } from "../../deps.ts";
import { requireRole } from "../auth.tsx";
import type { ConsoleEnv } from "../env.ts";
import { renderCampaignPage } from "./campaign-page.tsx";
import { actorOf, formOf, WRITERS } from "./shared.ts";

/**
 * A review step's answer: back to the review panel with its notice, or the campaign page again under the
 * refusal's status, with the message (or, for a refusal about a field such as the comment, the field's message)
 * and any content findings.
 */
function answer(
  c: Context<ConsoleEnv>,
  deps: AppDeps,
  id: string,
  result: ReviewAnswer,
  done: "submitted" | "approved" | "returned",
) {
  if (result.ok) return c.redirect(`/admin/campaigns/${id}?done=${done}#review`, 303);
  return renderCampaignPage(c, deps, id, {
    status: STATUS_FOR[result.code] as 422,
    message: result.fields ? undefined : result.message,
    errors: result.fields,
    findings: result.findings,
  });
}

export function campaignReviewRoutes(deps: AppDeps) {
  /**
   * approve and return: the signed-in account is the actor and the reviewer (requireAccount ran first), the rest
   * of the decision comes from the form it posted; then the step's answer.
   */
  const decide =
    <Rest extends object>(
      done: "approved" | "returned",
      step: (
        deps: AppDeps,
        id: string,
        actor: Actor,
        decision: ReviewDecision & Rest,
      ) => Promise<ReviewAnswer>,
      fromForm: (form: Record<string, string>) => Rest,
    ) =>
    async (c: Context<ConsoleEnv, "/:id">) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const actor = await actorOf(c, deps);
      if (actor.kind !== "account") throw new Error("console actor is an account");
      return answer(
        c,
        deps,
        id,
        await step(deps, id, actor, { ...fromForm(form), reviewer: actor.account }),
        done,
      );
    };

  return new Hono<ConsoleEnv>()
    .post("/:id/submit", requireRole(...WRITERS), async (c) => {
      const id = c.req.param("id");
      return answer(c, deps, id, await submitForReview(deps, id, await actorOf(c, deps)), "submitted");
    })
    .post(
      "/:id/approve",
      requireRole("reviewer"),
      decide("approved", approveCampaign, (form) => ({ contentHash: form.contentHash || undefined })),
    )
    .post(
      "/:id/return",
      requireRole("reviewer"),
      decide("returned", returnForChanges, (form) => ({ comment: (form.comment ?? "").slice(0, 2000) })),
    );
}
