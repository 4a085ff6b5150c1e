// POST /admin/logout: ends this session on the server (the row is revoked, so a copied cookie is dead too) and
// clears the cookie. Behind requireAccount, so it needs the CSRF token like any other state change.
import { Hono } from "hono";
import { revokeSession } from "../accounts/sessions.ts";
import { recordAudit } from "../audit/record.ts";
import type { AppDeps } from "../deps.ts";
import { clearSessionCookie } from "./cookie.ts";
import type { ConsoleEnv } from "./env.ts";

export function signOutRoutes(deps: Pick<AppDeps, "db" | "config" | "now">) {
  return new Hono<ConsoleEnv>().post("/logout", async (c) => {
    const { id } = c.get("account");
    await revokeSession(deps.db, c.get("sessionId"), deps.now());
    await recordAudit(
      deps.db,
      {
        actor: { kind: "account", accountId: id },
        action: "account.sign-out",
        target: { kind: "account", id },
      },
      deps.now(),
    );
    clearSessionCookie(c, deps.config);
    return c.redirect("/admin/login?signed-out=1", 303);
  });
}
