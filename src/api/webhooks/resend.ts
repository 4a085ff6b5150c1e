// POST /api/webhooks/resend: delivery feedback from Resend (Svix / Standard Webhooks signatures).
// Answers: 503 when no secret is configured (Svix keeps retrying until it is), 401 for any signature or
// timestamp problem, 400 for a correctly signed but unreadable body, 200 for everything accepted or ignored.
import type { Context } from "hono";
import { Hono } from "hono";
import { Resend } from "resend";
import type { z } from "zod";
import { applyResendEvent } from "../../delivery/apply-event.ts";
import {
  envelopeSchema,
  isHandledResendType,
  RECEIVED_TYPE,
  resendEmailEventSchema,
  resendReceivedEventSchema,
  TRACKING_EVENTS,
} from "../../delivery/resend-payload.ts";
import type { AppDeps } from "../../deps.ts";
import { parseJson } from "../../lib/json.ts";
import { recordReceivedWebhook } from "../../replies/receive.ts";
import { apiError, fieldErrors } from "../errors.ts";

/** The Standard Webhooks tolerance; Resend's SDK applies the same window against the system clock. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

/** A Svix secret is "whsec_" + base64. A malformed one would make every verification throw. */
function isWellFormedSecret(secret: string): boolean {
  const key = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  return key.length > 0 && key.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(key);
}

/** A signed body that is not the shape we expect: 400 naming what is wrong, so the provider's log shows it. */
function invalidPayload(c: Context, message: string, error: Pick<z.core.$ZodError, "issues">) {
  return apiError(c, 400, "invalid_payload", message, fieldErrors(error));
}

export function resendWebhookRoutes(deps: AppDeps) {
  // Only webhooks.verify() is used: it needs no API key and makes no request, but the constructor insists on one.
  const resend = new Resend(deps.config.mail.resendApiKey ?? "re_webhook_verification_only");

  return new Hono().post("/api/webhooks/resend", async (c) => {
    const secret = deps.config.resendWebhookSecret;
    if (!secret) {
      deps.logger.error("RESEND_WEBHOOK_SECRET is not set; delivery webhooks are refused");
      return apiError(
        c,
        503,
        "webhook_not_configured",
        "Delivery webhooks are not configured on this server (RESEND_WEBHOOK_SECRET is missing).",
      );
    }
    if (!isWellFormedSecret(secret)) {
      deps.logger.error("RESEND_WEBHOOK_SECRET is malformed (expected whsec_ followed by base64)");
      return apiError(
        c,
        503,
        "webhook_not_configured",
        "Delivery webhooks are misconfigured on this server.",
      );
    }

    // The signature covers the exact bytes sent, so the raw text is read before anything parses it.
    const rawBody = await c.req.text();
    const id = c.req.header("svix-id") ?? c.req.header("webhook-id");
    const timestamp = c.req.header("svix-timestamp") ?? c.req.header("webhook-timestamp");
    const signature = c.req.header("svix-signature") ?? c.req.header("webhook-signature");
    if (!id || !timestamp || !signature || id.length > 200) {
      return apiError(
        c,
        401,
        "invalid_signature",
        "Missing or malformed svix-id, svix-timestamp or svix-signature.",
      );
    }

    // The SDK also rejects timestamps more than 5 minutes off, but against Date.now(); checking against the
    // injected clock keeps the rule explicit, testable and independent of the SDK version.
    const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!Number.isFinite(seconds) || Math.abs(deps.now().getTime() - seconds * 1000) > WEBHOOK_TOLERANCE_MS) {
      return apiError(
        c,
        401,
        "invalid_signature",
        "The webhook timestamp is missing or more than 5 minutes off.",
      );
    }

    let verified: unknown;
    try {
      verified = resend.webhooks.verify({
        payload: rawBody,
        headers: { id, timestamp, signature },
        webhookSecret: secret,
      });
    } catch (error) {
      // The SDK parses JSON only after a signature matched, so a SyntaxError means "signed, but not JSON".
      if (error instanceof SyntaxError)
        return apiError(c, 400, "invalid_json", "The webhook body is not valid JSON.");
      deps.logger.warn("delivery webhook rejected", {
        reason: error instanceof Error ? error.message : "unknown",
      });
      return apiError(c, 401, "invalid_signature", "The webhook signature could not be verified.");
    }
    if (verified === undefined) {
      // An empty body with a valid signature; or an SDK that stops parsing for us.
      const parsed = parseJson(rawBody);
      if (!parsed.ok) return apiError(c, 400, "invalid_json", "The webhook body is not valid JSON.");
      verified = parsed.value;
    }

    const envelope = envelopeSchema.safeParse(verified);
    if (!envelope.success) {
      return invalidPayload(c, "The webhook body is not a Resend event.", envelope.error);
    }
    const type = envelope.data.type;
    if (type === RECEIVED_TYPE) {
      // A reader's reply: recorded and handed to triage-reply, which fetches the body from Resend.
      const received = resendReceivedEventSchema.safeParse(verified);
      if (!received.success) {
        return invalidPayload(c, "The email.received event is missing fields.", received.error);
      }
      try {
        const outcome = await recordReceivedWebhook(deps, {
          webhookId: id,
          emailId: received.data.data.email_id,
          createdAt: received.data.data.created_at ?? received.data.created_at,
        });
        return c.json({ received: true, ...(outcome.duplicate ? { duplicate: true } : {}) });
      } catch (error) {
        deps.logger.error("received email could not be recorded", { error });
        return apiError(c, 503, "temporarily_unavailable", "The webhook could not be stored; please retry.");
      }
    }
    if (!isHandledResendType(type)) {
      deps.logger.info("delivery webhook ignored", { type });
      return c.json({ received: true, ignored: "unhandled_event_type" });
    }
    // Without TRACKING=on, opens and clicks are acknowledged (so Resend stops retrying) and dropped unread.
    if (TRACKING_EVENTS.has(type) && !deps.config.tracking) {
      return c.json({ received: true, ignored: "tracking_off" });
    }
    const event = resendEmailEventSchema.safeParse(verified);
    if (!event.success) {
      return invalidPayload(c, `The ${type} event is missing fields.`, event.error);
    }

    try {
      const outcome = await applyResendEvent(deps, { webhookId: id, event: event.data });
      return c.json({ received: true, ...(outcome.duplicate ? { duplicate: true } : {}) });
    } catch (error) {
      // A database failure is ours, not the sender's: 503 makes Svix retry later with the same svix-id.
      deps.logger.error("delivery webhook could not be applied", { type, error });
      return apiError(c, 503, "temporarily_unavailable", "The webhook could not be stored; please retry.");
    }
  });
}
