/** @jsxImportSource hono/jsx */
// Who is signed in. `requireAccount` guards every console page: no live session → a browser is sent to the
// sign-in page (302, coming back afterwards), anything else gets 401; a live session puts the account and the
// CSRF token on the context, and a state-changing request without the right token is refused (403). Then
// `requireRole(...)` narrows a page to some roles: the others get a 403 page.
import type { MiddlewareHandler } from "hono";
import type { AccountRole } from "../accounts/schemas.ts";
import { findSession } from "../accounts/sessions.ts";
import { apiError } from "../api/errors.ts";
import type { AppDeps } from "../deps.ts";
import { clearSessionCookie, readSessionCookie } from "./cookie.ts";
import { csrfTokenFor, hasValidCsrfToken, isStateChanging } from "./csrf.ts";
import type { ConsoleEnv } from "./env.ts";
import { shell } from "./layout.tsx";
import { CrossSitePage, ForbiddenPage } from "./pages/refusals.tsx";

/** Where the sign-in page sends someone back to: only a console path on this origin. */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  if (!/^\/admin(?:[/?][^\s\\]*)?$/.test(value) || value.startsWith("//")) return undefined;
  if (value.startsWith("/admin/login") || value.startsWith("/admin/logout")) return undefined;
  return value;
}

const wantsPage = (accept: string | undefined, method: string) =>
  method === "GET" || method === "HEAD" || /\btext\/html\b/.test(accept ?? "");

export function requireAccount(deps: Pick<AppDeps, "db" | "config" | "now">): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const cookie = readSessionCookie(c, deps.config);
    const found = cookie ? await findSession(deps.db, cookie, deps.now()) : undefined;
    if (!found) {
      if (cookie) clearSessionCookie(c, deps.config);
      if (!wantsPage(c.req.header("accept"), c.req.method))
        return apiError(c, 401, "signed_out", "Sign in to the console first.");
      const url = new URL(c.req.url);
      const next = c.req.method === "GET" ? safeNext(url.pathname + url.search) : undefined;
      const query = new URLSearchParams();
      if (next && next !== "/admin") query.set("next", next);
      if (cookie) query.set("ended", "1");
      const qs = query.toString();
      return c.redirect(`/admin/login${qs ? `?${qs}` : ""}`, c.req.method === "GET" ? 302 : 303);
    }
    const { account, session } = found;
    c.set("account", { id: account.id, name: account.name, role: account.role, email: account.email });
    c.set("sessionId", session.id);
    const csrfToken = await csrfTokenFor(deps.config.tokenSecret, session.id);
    c.set("csrfToken", csrfToken);
    if (isStateChanging(c.req.method) && !(await hasValidCsrfToken(c, csrfToken))) {
      if (
        !wantsPage(c.req.header("accept"), c.req.method) &&
        !/form/.test(c.req.header("content-type") ?? "")
      )
        return apiError(c, 403, "csrf_failed", "The request has no valid CSRF token.");
      return c.html(<CrossSitePage />, 403);
    }
    await next();
  };
}

export function requireRole(...roles: AccountRole[]): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get("account").role))
      return c.html(<ForbiddenPage {...shell(c)} needs={roles} />, 403);
    await next();
  };
}
