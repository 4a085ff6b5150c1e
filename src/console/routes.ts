// Every console route, mounted at /admin by src/app.ts. The sign-in pages and assets are public; everything
// registered on `signedIn` runs behind requireAccount (session + CSRF token). A new page group is one line
// below: `signedIn.route("/campaigns", campaignPages(deps))`, with requireRole(...) inside it where needed.
import { Hono } from "hono";
import { auditTrail } from "../api/audit-trail.ts";
import type { AppDeps } from "../deps.ts";
import { consoleAssetRoutes } from "./assets/routes.ts";
import { auditRoutes } from "./audit.tsx";
import { requireAccount } from "./auth.tsx";
import { campaignPages } from "./campaigns/routes.ts";
import { contentRoutes } from "./content/routes.tsx";
import { originCheck } from "./csrf.ts";
import { dashboardRoutes } from "./dashboard.tsx";
import type { ConsoleEnv } from "./env.ts";
import { peopleRoutes } from "./people.tsx";
import { crossSiteRefusal } from "./refusal.tsx";
import { signInRoutes } from "./sign-in.tsx";
import { signOutRoutes } from "./sign-out.ts";
import { subscriberPages } from "./subscribers/routes.ts";

export function consoleRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  // Console pages show people's data: never cached, by the browser or anything in between.
  app.use("*", async (c, next) => {
    await next();
    if (!c.req.path.startsWith("/admin/assets/")) c.header("Cache-Control", "no-store");
  });
  app.use("*", originCheck(deps.config, crossSiteRefusal));
  app.route("/assets", consoleAssetRoutes());
  app.route("/", signInRoutes(deps));

  const signedIn = new Hono<ConsoleEnv>();
  signedIn.use("*", requireAccount(deps));
  signedIn.use(
    "*",
    auditTrail<ConsoleEnv>(deps, {
      channel: "console",
      base: "/admin",
      actor: (c) => ({ kind: "account", accountId: c.get("account").id }),
    }),
  );
  signedIn.route("/", dashboardRoutes());
  signedIn.route("/", signOutRoutes(deps));
  signedIn.route("/people", peopleRoutes(deps));
  signedIn.route("/audit", auditRoutes(deps));
  signedIn.route("/campaigns", campaignPages(deps));
  signedIn.route("/subscribers", subscriberPages(deps));
  signedIn.route("/content", contentRoutes(deps));
  app.route("/", signedIn);
  return app;
}
