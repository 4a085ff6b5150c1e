// Clinical review from the console: POST /:id/submit (marketers and owners), POST /:id/approve and /:id/return
// (reviewers; the domain refuses a reviewer who wrote, edited or submitted it). The signed-in person is the
// actor and, for a decision, the reviewer.
import { Hono } from "hono";
import { STATUS_FOR } from "../../api/errors.ts";
import { approveCampaign, returnForChanges, submitForReview } from "../../campaigns/review.ts";
import type { AppDeps } from "../../deps.ts";
import { requireRole } from "../auth.tsx";
import type { ConsoleEnv } from "../env.ts";
import { renderCampaignPage } from "./campaign-page.tsx";
import { actorOf, formOf, WRITERS } from "./shared.ts";

export function campaignReviewRoutes(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .post("/:id/submit", requireRole(...WRITERS), async (c) => {
      const id = c.req.param("id");
      const result = await submitForReview(deps, id, await actorOf(c, deps));
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 422,
          message: result.message,
          findings: result.findings,
        });
      return c.redirect(`/admin/campaigns/${id}?done=submitted#review`, 303);
    })
    .post("/:id/approve", requireRole("reviewer"), async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const actor = await actorOf(c, deps);
      if (actor.kind !== "account") throw new Error("console actor is an account");
      const result = await approveCampaign(deps, id, actor, {
        reviewer: actor.account,
        contentHash: form.contentHash || undefined,
      });
      if (!result.ok)
        return renderCampaignPage(c, deps, id, {
          status: STATUS_FOR[result.code] as 422,
          message: result.message,
          findings: result.findings,
        });
      return c.redirect(`/admin/campaigns/${id}?done=approved#review`, 303);
    })
    .post("/:id/return", requireRole("reviewer"), async (c) => {
      const id = c.req.param("id");
      const form = await formOf(c);
      const actor = await actorOf(c, deps);
      if (actor.kind !== "account") throw new Error("console actor is an account");
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
