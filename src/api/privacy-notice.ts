// The privacy notice page that the signup form and every email footer link to.
import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { privacyPage } from "./pages/privacy.ts";

export function privacyNoticeRoutes(deps: Pick<AppDeps, "content" | "config">) {
  return new Hono().get("/privacy", (c) =>
    c.html(privacyPage(deps.content.privacy, deps.config.mail.postalAddress)),
  );
}
