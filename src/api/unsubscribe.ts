// Three ways out, none needing a login or a cookie (safety rule 12, RFC 8058):
// - POST /api/unsubscribe?token: the List-Unsubscribe one-click target; unsubscribes at once and answers 200.
// - GET /unsubscribe?token: the visible link in every email; a page with one button (POST /unsubscribe).
// - GET /api/unsubscribe?token: mail clients without one-click support open the header URL in a browser;
//   it leads to the same page.
import { type Context, Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { type TokenCheck, verifyToken } from "../lib/tokens.ts";
import { FORMS } from "../subscribers/consent.ts";
import { findSubscriberById } from "../subscribers/store.ts";
import { unsubscribeSubscriber } from "../subscribers/unsubscribe.ts";
import { apiError } from "./errors.ts";
import { unsubscribedPage, unsubscribeLinkProblemPage, unsubscribePage } from "./pages/journey-pages.ts";
import { recordedIp } from "./rate-limit.ts";
import { bodyKind, parseForm } from "./subscribe.ts";

/** The consent record of each way out: the reason and form it writes. */
const WAYS_OUT = {
  "one-click": { reason: "one-click", form: FORMS.oneClick },
  page: { reason: "user", form: FORMS.unsubscribePage },
} as const;

type VerifiedToken = Extract<TokenCheck, { ok: true }>;

export function unsubscribeRoutes(deps: AppDeps) {
  const common = { appUrl: deps.config.appUrl, postalAddress: deps.config.mail.postalAddress };
  const check = (token: string | undefined) =>
    verifyToken(deps.config.tokenSecret, "unsubscribe", token, deps.now());
  /** Unsubscribes the person a verified token names, recorded as the way out they took. */
  const leave = async (c: Context, token: VerifiedToken, via: keyof typeof WAYS_OUT) => {
    const outcome = await unsubscribeSubscriber(deps, token.subscriberId, {
      ip: recordedIp(c, deps.config),
      userAgent: c.req.header("user-agent"),
      ...WAYS_OUT[via],
      campaignId: token.campaignId,
    });
    deps.logger.info("unsubscribe", { outcome, via });
    return outcome;
  };

  // Deliberately not rate limited: mailbox providers send one-click POSTs from a few shared addresses, and a
  // refused unsubscribe is worse than the cost of a signed-token check.
  return new Hono()
    .post("/api/unsubscribe", async (c) => {
      c.header("Cache-Control", "no-store");
      if (bodyKind(c) !== "form") {
        return apiError(
          c,
          415,
          "unsupported_media_type",
          "Send List-Unsubscribe=One-Click as application/x-www-form-urlencoded or multipart/form-data.",
        );
      }
      const body = await parseForm(c);
      if (body?.["List-Unsubscribe"] !== "One-Click") {
        return apiError(
          c,
          400,
          "one_click_required",
          "The body must be List-Unsubscribe=One-Click (RFC 8058).",
        );
      }
      const result = await check(c.req.query("token"));
      if (!result.ok) return apiError(c, 400, "invalid_token", "This unsubscribe link is not valid.");
      await leave(c, result, "one-click");
      return c.json({ status: "unsubscribed" }, 200);
    })
    .get("/api/unsubscribe", (c) => {
      const token = c.req.query("token") ?? "";
      return c.redirect(`/unsubscribe?token=${encodeURIComponent(token)}`, 303);
    })
    .get("/unsubscribe", async (c) => {
      c.header("Cache-Control", "no-store");
      const token = c.req.query("token");
      const result = await check(token);
      if (!result.ok) return c.html(unsubscribeLinkProblemPage(common), 400);
      const subscriber = await findSubscriberById(deps.db, result.subscriberId);
      if (!subscriber || (subscriber.status !== "pending" && subscriber.status !== "active")) {
        return c.html(unsubscribedPage(common, true, subscriber?.country));
      }
      return c.html(
        unsubscribePage(common, token ?? "", subscriber.country, {
          offerBreak: subscriber.status === "active",
        }),
      );
    })
    .post("/unsubscribe", async (c) => {
      c.header("Cache-Control", "no-store");
      if (bodyKind(c) !== "form") return c.html(unsubscribeLinkProblemPage(common), 415);
      const body = await parseForm(c);
      const result = await check(typeof body?.token === "string" ? body.token : undefined);
      if (!result.ok) return c.html(unsubscribeLinkProblemPage(common), 400);
      const outcome = await leave(c, result, "page");
      const subscriber = await findSubscriberById(deps.db, result.subscriberId);
      return c.html(unsubscribedPage(common, outcome !== "unsubscribed", subscriber?.country));
    });
}
