// The campaign pages under /admin/campaigns, one route group per file; fixed paths before "/:id". Every page is
// for signed-in people (the console's requireAccount runs first); writers' and reviewers' actions check the role
// per route.
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import type { ConsoleEnv } from "../env.ts";
import { campaignEditRoutes } from "./edit.ts";
import { campaignListRoutes } from "./list.tsx";
import { newCampaignRoutes } from "./new.tsx";
import { campaignPreviewRoutes } from "./preview.ts";
import { campaignProgressRoutes } from "./progress.ts";
import { campaignReportRoutes } from "./report.tsx";
import { campaignReviewRoutes } from "./review.ts";
import { campaignSendRoutes } from "./send.tsx";

export function campaignPages(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .route("/", campaignListRoutes(deps))
    .route("/new", newCampaignRoutes(deps))
    .route("/", campaignPreviewRoutes(deps))
    .route("/", campaignProgressRoutes(deps))
    .route("/", campaignReportRoutes(deps))
    .route("/", campaignReviewRoutes(deps))
    .route("/", campaignSendRoutes(deps))
    .route("/", campaignEditRoutes(deps));
}
