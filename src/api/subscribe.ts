// The hosted signup page and POST /api/subscribe, which takes the hosted form, an embedded form on the brand's
// own site (form-encoded or multipart) and JSON. Every accepted signup gets the same answer, whatever the
// address's status, so the endpoint cannot be used to find out who is on the list.
import { type Context, Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { unsentEventCount } from "../lib/pending-events.ts";
import { FORMS } from "../subscribers/consent.ts";
import { isBot, type SignupInput, signupSchema, stripQuery } from "../subscribers/input.ts";
import { signup } from "../subscribers/signup.ts";
import { dropUnknownTimeZone } from "../subscribers/time-zone.ts";
import { dispatchAfterResponse } from "./after-response.ts";
import { limitBody } from "./body-limit.ts";
import { devOutboxEnabled } from "./dev-outbox.ts";
import { apiError, fieldErrors } from "./errors.ts";
import { checkInboxPage } from "./pages/journey-pages.ts";
import { type SignupValues, signupPage } from "./pages/signup.ts";
import { rateLimit, recordedIp } from "./rate-limit.ts";

/** A signup is a few short fields; anything larger is not one. */
export const SIGNUP_MAX_BODY_BYTES = 8 * 1024;
/** Both signup routes (the form/JSON one and the form-service webhook) refuse a larger body before reading it. */
export const signupBodyLimit = limitBody(
  SIGNUP_MAX_BODY_BYTES,
  `Signups are limited to ${SIGNUP_MAX_BODY_BYTES} bytes.`,
);
/** Per client address; generous enough for a shared office or campus network. */
export const SIGNUP_RATE_LIMIT = { name: "subscribe", limit: 10, windowMs: 10 * 60 * 1000 };

export const ACCEPTED_BODY = {
  status: "accepted",
  message: "If this address can receive our emails, a confirmation link is on its way.",
} as const;

type BodyKind = "json" | "form";

export function bodyKind(c: Context): BodyKind | undefined {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") return "form";
  return undefined;
}

/** A form body, or undefined when it cannot be parsed (e.g. multipart without a usable boundary). */
export async function parseForm(c: Context): Promise<Record<string, unknown> | undefined> {
  try {
    return await c.req.parseBody();
  } catch {
    return undefined;
  }
}

/** Reads a JSON object or form body; answers 400/415 itself when the body cannot be used. */
export async function readBody(
  c: Context,
): Promise<{ kind: BodyKind; body: Record<string, unknown> } | Response> {
  const kind = bodyKind(c);
  if (!kind) {
    return apiError(
      c,
      415,
      "unsupported_media_type",
      "Send application/json, application/x-www-form-urlencoded or multipart/form-data.",
    );
  }
  if (kind === "form") {
    const body = await parseForm(c);
    if (!body) return apiError(c, 400, "malformed_body", "The form body could not be read.");
    return { kind, body };
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return apiError(c, 400, "malformed_json", "The request body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return apiError(c, 400, "bad_request", "The request body must be a JSON object.");
  }
  return { kind, body: body as Record<string, unknown> };
}

function refererPage(c: Context): string | undefined {
  const referer = c.req.header("referer");
  if (!referer || referer.length > 2000 || !/^https?:\/\//i.test(referer)) return undefined;
  return stripQuery(referer);
}

/** Where a request's page came from, by the browser's Origin (or Referer) header; undefined when neither is sent. */
export function requestOrigin(c: Context): string | undefined {
  for (const value of [c.req.header("origin"), c.req.header("referer")]) {
    if (!value || value === "null") continue;
    try {
      return new URL(value).origin;
    } catch {
      // not a URL: try the next header
    }
  }
  return undefined;
}

/**
 * The consent record's `form`, from how the request arrived: JSON is the API; a form post from our own origin
 * (or with no origin, which our page never omits but curl does) is the hosted page; one from elsewhere is an
 * embedded form. The client's `source` field is recorded beside it as reported, and never decides it.
 */
function formOf(c: Context, kind: BodyKind, appUrl: string): string {
  if (kind === "json") return FORMS.api;
  const origin = requestOrigin(c);
  return !origin || origin === new URL(appUrl).origin || origin === new URL(c.req.url).origin
    ? FORMS.hosted
    : FORMS.embed;
}

/** Labels the routes themselves use for provenance; a visitor's form cannot claim them. */
const RESERVED_SOURCE = /^(webhook|import)/;

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** What the visitor typed, to put back into the form next to the errors. */
function formValues(body: Record<string, unknown>): SignupValues {
  const consent = str(body.consent);
  return {
    ...(str(body.email) !== undefined ? { email: str(body.email)?.trim() } : {}),
    ...(str(body.firstName) !== undefined ? { firstName: str(body.firstName) } : {}),
    ...(str(body.country) !== undefined ? { country: str(body.country)?.toUpperCase() } : {}),
    consent: consent !== undefined && consent !== "",
  };
}

export function subscribeRoutes(deps: AppDeps) {
  const common = { appUrl: deps.config.appUrl, postalAddress: deps.config.mail.postalAddress };

  return (
    new Hono()
      .get("/", (c) => c.html(signupPage(common)))
      .get("/check-your-inbox", async (c) => {
        // Development only (the outbox is on): say when no email can follow because the event bus is not there.
        const waiting = devOutboxEnabled(deps.config) ? await unsentEventCount(deps.db) : 0;
        return c.html(checkInboxPage(common, waiting));
      })
      // The hosted page posts to itself, so after a refused form the address bar still shows "/" (the embed and
      // JSON clients use /api/subscribe). Same handler, same limits.
      .on("POST", ["/", "/api/subscribe"], rateLimit(deps, SIGNUP_RATE_LIMIT), signupBodyLimit, async (c) => {
        const read = await readBody(c);
        if (read instanceof Response) return read;
        const { kind } = read;
        const body = kind === "form" ? dropUnknownTimeZone(read.body) : read.body;
        const accepted = () =>
          kind === "json" ? c.json(ACCEPTED_BODY, 202) : c.redirect("/check-your-inbox", 303);

        // Bots get exactly the answer people get, so they learn nothing from it.
        if (isBot(body)) {
          deps.logger.info("signup dropped by honeypot", { kind });
          return accepted();
        }
        const parsed = signupSchema.safeParse(body);
        const reserved = parsed.success && parsed.data.source && RESERVED_SOURCE.test(parsed.data.source);
        if (!parsed.success || reserved) {
          const fields = parsed.success
            ? { source: ["This source name is reserved; use another, like embed or newsletter-page."] }
            : fieldErrors(parsed.error);
          if (kind === "json")
            return apiError(c, 422, "validation_failed", "Some fields are invalid.", fields);
          const source = str(body.source);
          const page = str(body.page);
          return c.html(
            signupPage({
              ...common,
              values: formValues(body),
              errors: fields,
              ...(source && !fields.source ? { source } : {}),
              ...(page && !fields.page ? { page } : {}),
            }),
            422,
          );
        }
        const page = parsed.data.page ?? refererPage(c);
        const input: SignupInput = { ...parsed.data, ...(page ? { page } : {}) };
        const form = formOf(c, kind, deps.config.appUrl);
        const result = await signup(deps, input, {
          form,
          ip: recordedIp(c, deps.config),
          userAgent: c.req.header("user-agent"),
          reportedSource: input.source,
        });
        deps.logger.info("signup", { outcome: result.outcome, form });
        dispatchAfterResponse(c, deps, result.events);
        return accepted();
      })
  );
}
