// Campaign admin API, mounted at /api/admin/campaigns (bearer auth is applied to /api/admin/* in app.ts).
//   POST /                create from a template (templateId) or inline content; 422 content_unsafe on lint errors
//   GET  /                list, newest first (?status=&limit=&before=)
//   GET  /:id             status and counts
//   GET  /:id/audience    how many active subscribers match the audience now
//   GET  /:id/progress    sent of audience, send rate per minute, expected finish (the progress bar)
//   GET  /:id/report      audience, sent, delivered, bounced, complained, unsubscribed, failed; deliveries over time
//   GET  /:id/report/deliveries.svg   the deliveries chart the console shows, as an SVG image
//   POST /:id/test        send a test to 1-5 addresses; changes nothing about the campaign
//   POST /:id/send        send now or at scheduledAt; warnings need acknowledgeWarnings: true, sending now to
//                         nobody needs allowEmpty: true
//   POST /:id/cancel      stop it; no page starts after this
//   POST /:id/resume      continue a paused campaign (already-sent recipients are skipped)
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { countAudience } from "../../campaigns/audience.ts";
import { createCampaign } from "../../campaigns/create.ts";
import { deliveriesChartSvg } from "../../campaigns/deliveries-chart.ts";
import { campaignProgress } from "../../campaigns/progress.ts";
import { campaignReport } from "../../campaigns/report.ts";
import {
  createCampaignSchema,
  listCampaignsQuery,
  resumeCampaignSchema,
  sendCampaignSchema,
  testSendSchema,
} from "../../campaigns/schemas.ts";
import { testSend } from "../../campaigns/test-send.ts";
import { cancelCampaign, requestSend, resumeCampaign } from "../../campaigns/transitions.ts";
import { getCampaign, listCampaigns } from "../../campaigns/view.ts";
import type { AppDeps } from "../../deps.ts";
import { failureResponse } from "../errors.ts";
import { adminId, onInvalid } from "../validation.ts";

/** The :id of every campaign route, checked once here. */
const campaignId = zValidator("param", z.object({ id: adminId("campaign") }), onInvalid);

export function campaignRoutes(deps: AppDeps) {
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
    .get("/:id/audience", campaignId, async (c) => {
      c.header("Cache-Control", "no-store");
      const result = await getCampaign(deps, c.req.valid("param").id);
      if (!result.ok) return failureResponse(c, result);
      return c.json({ audience: { count: await countAudience(deps.db, result.campaign.audience) } });
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
