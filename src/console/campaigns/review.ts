// Clinical review from the console: POST /:id/submit (marketers and owners), POST /:id/approve and /:id/return
// (reviewers; the domain refuses a reviewer who wrote, edited or submitted it). The signed-in person is the
// actor and, for a decision, the reviewer.
import { type Context, Hono } from "hono";
import { STATUS_FOR } from "../../api/errors.ts";
import type { Failure } from "../../campaigns/result.ts";
import { approveCampaign, returnForChanges, submitForReview } from "../../campaigns/review.ts";
import type { AppDeps } from "../../deps.ts";
import { requireRole } from "../auth.tsx";
import type { ConsoleEnv } from "../env.ts";
import { renderCampaignPage } from "./campaign-page.tsx";
import { actorOf, formOf, WRITERS } from "./shared.ts";

/** The campaign page again, with the domain's refusal and any content findings, under the refusal's status. */
function refusedPage(c: Context<ConsoleEnv>, deps: AppDeps, id: string, refusal: Failure) {
  return renderCampaignPage(c, deps, id, {
    status: STATUS_FOR[refusal.code] as 422,
    message: refusal.message,
    findings: refusal.findings,
  });
}

/** A console request's actor is always its signed-in account (requireAccount ran first); the reviewer too. */
async function signedInActor(c: Context<ConsoleEnv>, deps: AppDeps) {
  const actor = await actorOf(c, deps);
  if (actor.kind !== "account") throw new Error("console actor is an account");
  return actor;
}

export function campaignReviewRoutes(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .post("/:id/submit", requireRole(...WRITERS), async (c) => {
      const id = c.req.param("id");
      const result = await submitForReview(deps, id, await actorOf(c, deps));
      if (!result.ok) return refusedPage(c, deps, id, result);
      return c.redirect(`/admin/campaigns/${id}?done=submitted#review`, 303);
    })
    .post("/:id/approve", requireRole("reviewer"), async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const actor = await signedInActor(c, deps);
      const result = await approveCampaign(deps, id, actor, {
        reviewer: actor.account,
        contentHash: form.contentHash || undefined,
      });
      if (!result.ok) return refusedPage(c, deps, id, result);
      return c.redirect(`/admin/campaigns/${id}?done=approved#review`, 303);
    })
    .post("/:id/return", requireRole("reviewer"), async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const actor = await signedInActor(c, deps);
      const comment = (form.comment ?? "").slice(0, 2000);
      const result = await returnForChanges(deps, id, actor, { reviewer: actor.account, comment });
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 422,
          message: result.fields ? undefined : result.message,
          errors: result.fields,
        });
      return c.redirect(`/admin/campaigns/${id}?done=returned#review`, 303);
    });
}
