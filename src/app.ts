// The one Hono app, built from injected dependencies so the same routes and Inngest functions run on Node
// (src/server.ts) and on Cloudflare Workers (src/worker.ts).
import { Hono } from "hono";
import { serve } from "inngest/hono";
import { adminRoutes } from "./api/admin/index.ts";
import { adminAuth } from "./api/admin-auth.ts";
import { assetRoutes } from "./api/assets.ts";
import { auditTrail } from "./api/audit-trail.ts";
import { limitBody } from "./api/body-limit.ts";
import { busyResponse, isDatabaseBusy } from "./api/busy.ts";
import { confirmRoutes } from "./api/confirm.ts";
import { devInboundRoutes } from "./api/dev-inbound.ts";
import { devOutboxEnabled, devOutboxRoutes } from "./api/dev-outbox.ts";
import { apiError } from "./api/errors.ts";
import { healthRoutes } from "./api/health.ts";
import { rejectMalformedInngestBody } from "./api/inngest-body.ts";
import { notFoundPage, serverErrorPage, wantsHtml } from "./api/pages/error-pages.ts";
import { preferencesRoutes } from "./api/preferences.ts";
import { privacyNoticeRoutes } from "./api/privacy-notice.ts";
import { securityHeaders } from "./api/security-headers.ts";
import { signupWebhookRoutes } from "./api/signup-webhook.ts";
import { subscribeRoutes } from "./api/subscribe.ts";
import { unsubscribeRoutes } from "./api/unsubscribe.ts";
import { resendWebhookRoutes } from "./api/webhooks/resend.ts";
import { API_TOKEN_ACTOR } from "./audit/record.ts";
import { consoleRoutes } from "./console/routes.ts";
import type { AppDeps } from "./deps.ts";
import { createFunctions } from "./functions/index.ts";

/** Signups and admin calls are small; Inngest's own calls carry step state and may be larger. */
const MAX_BODY_BYTES = 64 * 1024;
/** A CSV import of a few tens of thousands of rows; behind the admin token. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** The API takes the CSV as the body; the console's upload and confirm forms carry it plus a few fields. */
const IMPORT_PATHS: Record<string, number> = {
  "/api/admin/subscribers/import": MAX_IMPORT_BYTES,
  "/admin/subscribers/import/preview": MAX_IMPORT_BYTES + MAX_BODY_BYTES,
  "/admin/subscribers/import": MAX_IMPORT_BYTES + MAX_BODY_BYTES,
};

export function createApp(deps: AppDeps) {
  const functions = createFunctions(deps);
  const inngestHandler = serve({ client: deps.inngest, functions });

  const app = new Hono();
  app.use("*", securityHeaders(deps.config));
  app.use("*", async (c, next) => {
    if (c.req.path.startsWith("/api/inngest")) return next();
    const maxSize = IMPORT_PATHS[c.req.path] ?? MAX_BODY_BYTES;
    return limitBody(maxSize, `Request bodies are limited to ${maxSize} bytes.`)(c, next);
  });

  app.on(["GET", "PUT", "POST"], "/api/inngest", rejectMalformedInngestBody, (c) => inngestHandler(c));
  app.use("/api/admin/*", adminAuth(deps.config.adminToken));
  app.use(
    "/api/admin/*",
    auditTrail(deps, { channel: "api", base: "/api/admin", actor: () => API_TOKEN_ACTOR }),
  );

  // The public route groups carry their full paths, so they all mount at the root; the order is the match order.
  for (const group of [
    healthRoutes,
    subscribeRoutes,
    assetRoutes,
    privacyNoticeRoutes,
    confirmRoutes,
    unsubscribeRoutes,
    preferencesRoutes,
    signupWebhookRoutes,
  ]) {
    app.route("/", group(deps));
  }
  if (devOutboxEnabled(deps.config)) {
    app.route("/", devOutboxRoutes(deps));
    app.route("/", devInboundRoutes(deps));
  }
  app.route("/", resendWebhookRoutes(deps));
  app.route("/api/admin", adminRoutes(deps));
  app.route("/admin", consoleRoutes(deps));

  const postalAddress = deps.config.mail.postalAddress;
  app.notFound((c) =>
    wantsHtml(c) ? c.html(notFoundPage(postalAddress), 404) : apiError(c, 404, "not_found", "Not found."),
  );
  app.onError((error, c) => {
    // HTTPException carries its own status (e.g. malformed JSON -> 400); anything else is a bug: log it
    // (redacted) and answer with the error shape, never a stack trace.
    const status = (error as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return apiError(
        c,
        status as 400,
        status === 400 ? "bad_request" : "client_error",
        error.message || "Bad request.",
      );
    }
    if (isDatabaseBusy(error)) {
      deps.logger.warn("database busy; answered 503", { path: c.req.path });
      return busyResponse(c, deps);
    }
    deps.logger.error("unhandled error", { path: c.req.path, error });
    if (wantsHtml(c)) return c.html(serverErrorPage(postalAddress), 500);
    return apiError(c, 500, "internal_error", "Something went wrong on our side.");
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
