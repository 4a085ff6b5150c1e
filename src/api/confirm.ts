// GET /confirm shows one button; only the POST confirms. Mail scanners and link previews fetch links with GET,
// so a GET that confirmed would subscribe people who never clicked (and defeat double opt-in).
import { type Context, Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { verifyToken } from "../lib/tokens.ts";
import { confirmSubscriber } from "../subscribers/confirm.ts";
import { findSubscriberById } from "../subscribers/store.ts";
import { confirmedPage, confirmLinkProblemPage, confirmPage } from "./pages/journey-pages.ts";
import { rateLimit, recordedIp } from "./rate-limit.ts";
import { bodyKind, parseForm } from "./subscribe.ts";

/**
 * True when the browser says the confirm POST came from a page that is not ours (a cross-site form that
 * auto-submits a leaked token). Sec-Fetch-Site is trusted when sent (browsers set it and pages cannot);
 * otherwise Origin must be ours. A request with neither (old browsers, scripts) is let through: it cannot be a
 * cross-site browser request from any current browser. One-click unsubscribe is the opposite case and is not
 * checked: mailbox providers post it from their own servers (RFC 8058).
 */
export function isCrossSite(c: Context, appUrl: string): boolean {
  const site = c.req.header("sec-fetch-site")?.toLowerCase();
  if (site) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("origin");
  if (!origin) return false;
  return origin !== new URL(appUrl).origin && origin !== new URL(c.req.url).origin;
}

export const CONFIRM_RATE_LIMIT = { name: "confirm", limit: 30, windowMs: 10 * 60 * 1000 };

export function confirmRoutes(deps: AppDeps) {
  const common = { appUrl: deps.config.appUrl, postalAddress: deps.config.mail.postalAddress };
  const check = (token: string | undefined) =>
    verifyToken(deps.config.tokenSecret, "confirm", token, deps.now());
  const noStore = (c: Context) => c.header("Cache-Control", "no-store");

  return new Hono()
    .get("/confirm", async (c) => {
      noStore(c);
      const token = c.req.query("token");
      const result = await check(token);
      if (!result.ok)
        return c.html(confirmLinkProblemPage(common, result.reason), result.reason === "expired" ? 410 : 400);
      // Reading is harmless; it lets a second visit say "already confirmed" instead of offering the button.
      const subscriber = await findSubscriberById(deps.db, result.subscriberId);
      if (!subscriber || (subscriber.status !== "pending" && subscriber.status !== "active")) {
        return c.html(confirmLinkProblemPage(common, "gone"), 410);
      }
      if (subscriber.status === "active") return c.html(confirmedPage(common, true, subscriber.country));
      return c.html(confirmPage(common, token ?? "", subscriber.country));
    })
    .post("/confirm", rateLimit(deps, CONFIRM_RATE_LIMIT), async (c) => {
      noStore(c);
      if (bodyKind(c) !== "form") return c.html(confirmLinkProblemPage(common, "invalid"), 415);
      const body = await parseForm(c);
      const token = typeof body?.token === "string" ? body.token : undefined;
      const result = await check(token);
      if (!result.ok)
        return c.html(confirmLinkProblemPage(common, result.reason), result.reason === "expired" ? 410 : 400);
      // Another site posted this form: confirm nothing, and offer our own button, which the person can press.
      if (isCrossSite(c, deps.config.appUrl)) {
        deps.logger.info("confirm refused: cross-site post");
        return c.html(confirmPage(common, token ?? ""), 403);
      }
      const outcome = await confirmSubscriber(deps, result.subscriberId, {
        ip: recordedIp(c, deps.config),
        userAgent: c.req.header("user-agent"),
      });
      deps.logger.info("confirm", { outcome });
      // The crisis line for the person's country; one indexed read, after the confirmation is written.
      const country = (await findSubscriberById(deps.db, result.subscriberId))?.country;
      if (outcome === "confirmed") return c.html(confirmedPage(common, false, country));
      if (outcome === "already-confirmed") return c.html(confirmedPage(common, true, country));
      return c.html(confirmLinkProblemPage(common, "gone"), 410);
    });
}
