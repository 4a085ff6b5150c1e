// Campaign admin API, mounted at /api/admin/campaigns (bearer auth is applied to /api/admin/* in app.ts).
//   POST /                create from a template (templateId) or inline content; 422 content_unsafe on lint errors
//   GET  /                list, newest first (?status=&limit=&before=)
//   GET  /:id             status, counts, review state and the content hash a reviewer approves
//   PATCH /:id            edit a draft; a change to what it says voids its review (422 content_unsafe on lint errors)
//   POST /:id/submit      submit for clinical review
//   POST /:id/approve     a reviewer approves: { reviewer: EMAIL of a reviewer account, contentHash? }
//   POST /:id/return      a reviewer sends it back: { reviewer: EMAIL, comment }
//   GET  /:id/reviews     the review history, oldest first
//   GET  /:id/audience    how many active subscribers match the audience now
//   GET  /:id/progress    sent of audience, send rate per minute, expected finish (the progress bar)
//   GET  /:id/report      audience, sent, delivered, bounced, complained, unsubscribed, failed; deliveries over time
//   GET  /:id/report/deliveries.svg   the deliveries chart the console shows, as an SVG image
//   POST /:id/test        send a test to 1-5 addresses; changes nothing about the campaign
//   POST /:id/send        send now or at scheduledAt (approved campaigns only, else 409 review_required); warnings need acknowledgeWarnings: true, sending now to
//                         nobody needs allowEmpty: true
//   POST /:id/cancel      stop it; no page starts after this
//   POST /:id/resume      continue a paused campaign (already-sent recipients are skipped)
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Account } from "../../accounts/schemas.ts";
import { findActiveAccountByEmail } from "../../accounts/store.ts";
import { API_TOKEN } from "../../campaigns/actor.ts";
import { countAudience } from "../../campaigns/audience.ts";
import { createCampaign } from "../../campaigns/create.ts";
import { deliveriesChartSvg } from "../../campaigns/deliveries-chart.ts";
import { campaignProgress } from "../../campaigns/progress.ts";
import { campaignReport } from "../../campaigns/report.ts";
import {
  approveCampaign,
  type ReviewAnswer,
  returnForChanges,
  submitForReview,
} from "../../campaigns/review.ts";
import { reviewHistory } from "../../campaigns/review-history.ts";
import {
  createCampaignSchema,
  listCampaignsQuery,
  resumeCampaignSchema,
  returnDecisionSchema,
  reviewDecisionSchema,
  sendCampaignSchema,
  testSendSchema,
  updateCampaignSchema,
} from "../../campaigns/schemas.ts";
import { testSend } from "../../campaigns/test-send.ts";
import { cancelCampaign, requestSend, resumeCampaign } from "../../campaigns/transitions.ts";
import { updateCampaign } from "../../campaigns/update.ts";
import { getCampaign, listCampaigns } from "../../campaigns/view.ts";
import type { AppDeps } from "../../deps.ts";
import { apiError, failureResponse } from "../errors.ts";
import { adminId, onInvalid } from "../validation.ts";

/** The :id of every campaign route, checked once here. */
const campaignId = zValidator("param", z.object({ id: adminId("campaign") }), onInvalid);

/** An API decision names its reviewer by address; an address without an account is a field error. */
const noSuchReviewer = {
  reviewer: [
    "No account with this address. Reviewers are added by an owner (console People page, npm run users).",
  ],
};

export function campaignRoutes(deps: AppDeps) {
  /** A reviewer's decision through the API: the reviewer named by address, then the review step's answer. */
  const decide = async (c: Context, address: string, step: (reviewer: Account) => Promise<ReviewAnswer>) => {
    const reviewer = await findActiveAccountByEmail(deps.db, address);
    if (!reviewer) return apiError(c, 422, "validation_failed", "Some fields are invalid.", noSuchReviewer);
    const result = await step(reviewer);
    if (!result.ok) return failureResponse(c, result);
    return c.json({ campaign: result.campaign });
  };

  return new Hono()
    .post("/", zValidator("json", createCampaignSchema, onInvalid), async (c) => {
      const result = await createCampaign(deps, c.req.valid("json"));
      if (!result.ok) return failureResponse(c, result);
      return c.json({ campaign: result.campaign, warnings: result.warnings }, 201);
    })
    .get("/", zValidator("query", listCampaignsQuery, onInvalid), async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await listCampaigns(deps, c.req.valid("query")));
    })
    .get("/:id", campaignId, async (c) => {
      c.header("Cache-Control", "no-store");
      const result = await getCampaign(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ campaign: result.campaign });
    })
    .patch("/:id", campaignId, zValidator("json", updateCampaignSchema, onInvalid), async (c) => {
      const result = await updateCampaign(deps, c.req.valid("param").id, c.req.valid("json"), API_TOKEN);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ campaign: result.campaign, warnings: result.warnings, reviewVoided: result.voided });
    })
    .post("/:id/submit", campaignId, async (c) => {
      const result = await submitForReview(deps, c.req.valid("param").id, API_TOKEN);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ campaign: result.campaign });
    })
    .post("/:id/approve", campaignId, zValidator("json", reviewDecisionSchema, onInvalid), async (c) => {
      const { reviewer, contentHash } = c.req.valid("json");
      return decide(c, reviewer, (account) =>
        approveCampaign(deps, c.req.valid("param").id, API_TOKEN, { reviewer: account, contentHash }),
      );
    })
    .post("/:id/return", campaignId, zValidator("json", returnDecisionSchema, onInvalid), async (c) => {
      const { reviewer, comment } = c.req.valid("json");
      return decide(c, reviewer, (account) =>
        returnForChanges(deps, c.req.valid("param").id, API_TOKEN, { reviewer: account, comment }),
      );
    })
    .get("/:id/reviews", campaignId, async (c) => {
      c.header("Cache-Control", "no-store");
      const result = await reviewHistory(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ history: result.history });
    })
    .get("/:id/audience", campaignId, async (c) => {
      c.header("Cache-Control", "no-store");
      const result = await getCampaign(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.json({
        audience: { count: await countAudience(deps.db, result.campaign.audience, deps.content.topics) },
      });
    })
    .get("/:id/progress", campaignId, async (c) => {
      c.header("Cache-Control", "no-store");
      const result = await campaignProgress(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ progress: result.progress });
    })
    .get("/:id/report", campaignId, async (c) => {
      c.header("Cache-Control", "no-store");
      const result = await campaignReport(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ report: result.report });
    })
    .get("/:id/report/deliveries.svg", campaignId, async (c) => {
      c.header("Cache-Control", "no-store");
      const result = await campaignReport(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.body(deliveriesChartSvg(result.report.deliveries), 200, {
        "content-type": "image/svg+xml; charset=utf-8",
      });
    })
    .post("/:id/test", campaignId, zValidator("json", testSendSchema, onInvalid), async (c) => {
      const result = await testSend(deps, c.req.valid("param").id, c.req.valid("json"));
      if (!result.ok) return failureResponse(c, result);
      return c.json({ sent: result.sent }, 202);
    })
    .post("/:id/send", campaignId, zValidator("json", sendCampaignSchema, onInvalid), async (c) => {
      const result = await requestSend(deps, c.req.valid("param").id, c.req.valid("json"));
      if (!result.ok) return failureResponse(c, result);
      return c.json({ campaign: result.campaign, dispatched: result.dispatched }, 202);
    })
    .post("/:id/cancel", campaignId, async (c) => {
      const result = await cancelCampaign(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ campaign: result.campaign, dispatched: result.dispatched });
    })
    .post("/:id/resume", campaignId, zValidator("json", resumeCampaignSchema, onInvalid), async (c) => {
      const result = await resumeCampaign(deps, c.req.valid("param").id, c.req.valid("json"));
      if (!result.ok) return failureResponse(c, result);
      return c.json({ campaign: result.campaign, dispatched: result.dispatched }, 202);
    });
}
