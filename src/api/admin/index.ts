// The admin API under /api/admin, one chain so its route types flow to `AdminApi`, which the marketer CLI's typed
// client (scripts/cli/admin-client.ts, hono/client `hc`) is built from. Bearer auth is applied in app.ts.
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { campaignRoutes } from "./campaigns.ts";
import { privacyRoutes } from "./privacy.ts";
import { replyAdminRoutes } from "./replies.ts";
import { subscriberAdminRoutes } from "./subscribers.ts";

export function adminRoutes(deps: AppDeps) {
  return new Hono()
    .route("/subscribers", privacyRoutes(deps))
    .route("/subscribers", subscriberAdminRoutes(deps))
    .route("/campaigns", campaignRoutes(deps))
    .route("/replies", replyAdminRoutes(deps));
}

export type AdminApi = ReturnType<typeof adminRoutes>;
