// POST /api/webhooks/signup: signups forwarded by a form builder or automation on the brand's own site
// (Webflow, Tally, Typeform, Zapier, Make, ...). Same path as the form: validation, consent record, double
// opt-in. Nobody is subscribed without clicking the confirmation link, whatever the sender claims.
//
// Signatures (shared secret SIGNUP_WEBHOOK_SECRET, at least 16 characters), either scheme:
//
// 1. Standard Webhooks (preferred; see standard-webhook.ts): webhook-id, webhook-timestamp, webhook-signature.
// 2. The original scheme, still read during a deprecation period:
//      X-Hopemark-Timestamp: <unix time in seconds>
//      X-Hopemark-Signature: sha256=<lower-case hex HMAC-SHA256(SIGNUP_WEBHOOK_SECRET, "<timestamp>.<raw body>")>
//
//   body: {"email":"sam@example.com","consent":true,"firstName":"Sam","country":"US","locale":"en",
//          "source":"tally","page":"https://brand.example/newsletter","ip":"203.0.113.7","userAgent":"..."}
//
// The signature covers the exact bytes sent, so sign the body string you send. The timestamp must be within
// 5 minutes of the server clock. Missing or wrong headers: 401. No secret configured: 503. A message seen
// before (same webhook-id, or for the original scheme the same signature) is acknowledged and changes nothing,
// so a captured request cannot be replayed inside its 5-minute window.

import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { webhookEvents } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { hmacKey } from "../lib/hmac.ts";
import { parseJson } from "../lib/json.ts";
import { signupSchema } from "../subscribers/input.ts";
import { signup } from "../subscribers/signup.ts";
import { dispatchAfterResponse } from "./after-response.ts";
import { apiError, fieldErrors } from "./errors.ts";
import { rateLimit } from "./rate-limit.ts";
import { STANDARD_HEADERS, verifyStandardWebhook } from "./standard-webhook.ts";
import { ACCEPTED_BODY, bodyKind, signupBodyLimit } from "./subscribe.ts";

export const TIMESTAMP_HEADER = "X-Hopemark-Timestamp";
export const SIGNATURE_HEADER = "X-Hopemark-Signature";
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;
/** A form service sends every signup of the site from a few addresses: a higher ceiling than the form's. */
export const WEBHOOK_RATE_LIMIT = { name: "signup-webhook", limit: 300, windowMs: 60 * 1000 };

const encoder = new TextEncoder();

/** The visitor's own IP and user agent, when the form service passes them on, for the consent record. */
const webhookSchema = signupSchema.extend({
  ip: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.union([z.ipv4(), z.ipv6()], { error: "ip must be an IPv4 or IPv6 address." }).optional(),
  ),
  userAgent: z.string({ error: "userAgent must be text." }).max(500, "userAgent is too long.").optional(),
});

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Signs like a sender would; exported for tests and for the README example. */
export async function signSignupWebhook(secret: string, timestamp: number, rawBody: string): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`${timestamp}.${rawBody}`)),
  );
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export async function verifySignupWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  now: Date,
): Promise<boolean> {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature?.startsWith("sha256=")) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const mac = hexToBytes(signature.slice("sha256=".length));
  if (!mac) return false;
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", await hmacKey(secret), mac, encoder.encode(`${timestamp}.${rawBody}`));
}

export function signupWebhookRoutes(deps: AppDeps) {
  return new Hono().post(
    "/api/webhooks/signup",
    rateLimit(deps, WEBHOOK_RATE_LIMIT),
    signupBodyLimit,
    async (c) => {
      const secret = deps.config.signupWebhookSecret;
      if (!secret) {
        return apiError(
          c,
          503,
          "webhook_not_configured",
          "Set SIGNUP_WEBHOOK_SECRET to accept signup webhooks.",
        );
      }
      const raw = await c.req.text();
      const standard = {
        id: c.req.header(STANDARD_HEADERS.id),
        timestamp: c.req.header(STANDARD_HEADERS.timestamp),
        signature: c.req.header(STANDARD_HEADERS.signature),
      };
      const legacy = { timestamp: c.req.header(TIMESTAMP_HEADER), signature: c.req.header(SIGNATURE_HEADER) };
      // The message id a replay would repeat: the sender's webhook-id, or the original scheme's signature (unique
      // per timestamp and body).
      let messageId: string | undefined;
      if (standard.signature) {
        if (await verifyStandardWebhook(secret, standard, raw, deps.now(), SIGNATURE_TOLERANCE_SECONDS))
          messageId = `signup:${standard.id}`;
      } else if (await verifySignupWebhook(secret, legacy, raw, deps.now())) {
        messageId = `signup-legacy:${legacy.signature?.slice("sha256=".length).toLowerCase()}`;
      }
      if (!messageId) {
        return apiError(
          c,
          401,
          "invalid_signature",
          "Missing or invalid webhook-signature (or X-Hopemark-Signature), or a timestamp more than 5 minutes off.",
        );
      }
      if (bodyKind(c) !== "json") return apiError(c, 415, "unsupported_media_type", "Send application/json.");
      const body = parseJson(raw);
      if (!body.ok) return apiError(c, 400, "malformed_json", "The request body is not valid JSON.");
      const parsed = webhookSchema.safeParse(body.value);
      if (!parsed.success) {
        return apiError(c, 422, "validation_failed", "Some fields are invalid.", fieldErrors(parsed.error));
      }
      const [fresh] = await deps.db
        .insert(webhookEvents)
        .values({ id: messageId, type: "signup" })
        .onConflictDoNothing()
        .returning({ id: webhookEvents.id });
      if (!fresh) {
        deps.logger.info("signup webhook replayed; ignored");
        return c.json({ ...ACCEPTED_BODY, duplicate: true }, 202);
      }
      const { ip, userAgent, ...input } = parsed.data;
      const form = !input.source
        ? "webhook"
        : input.source.startsWith("webhook")
          ? input.source
          : `webhook:${input.source}`;
      // The request comes from the form service's servers, so its address is not the visitor's: record only
      // what the service passed on.
      let result: Awaited<ReturnType<typeof signup>>;
      try {
        result = await signup(
          deps,
          { ...input, source: form },
          { form, ip: ip ?? null, userAgent: userAgent ?? null, reportedSource: input.source },
        );
      } catch (error) {
        // Nothing was signed up, so the sender's retry of this message must not count as a replay.
        await deps.db
          .delete(webhookEvents)
          .where(and(eq(webhookEvents.id, messageId), eq(webhookEvents.type, "signup")))
          .catch(() => {});
        throw error;
      }
      deps.logger.info("signup", { outcome: result.outcome, form });
      dispatchAfterResponse(c, deps, result.events);
      return c.json(ACCEPTED_BODY, 202);
    },
  );
}
