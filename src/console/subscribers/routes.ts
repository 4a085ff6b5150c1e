// The subscriber pages as one group, mounted at /admin/subscribers for owners and marketers only. Reviewers get
// 403: they review content, and the list itself is health-related data (being on it suggests an interest in
// depression treatment), so only the people who manage subscribers see it. The import comes before /:id so
// "import" is never read as an id.
import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { requireRole } from "../auth.tsx";
import type { ConsoleEnv } from "../env.ts";
import { importRoutes } from "./import-routes.tsx";
import { subscriberListRoutes } from "./list.tsx";
import { personRoutes } from "./person-routes.tsx";

export const SUBSCRIBER_ROLES = ["owner", "marketer"] as const;

export function subscriberPages(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .use("*", requireRole(...SUBSCRIBER_ROLES))
    .route("/", subscriberListRoutes(deps))
    .route("/", importRoutes(deps))
    .route("/", personRoutes(deps));
}
