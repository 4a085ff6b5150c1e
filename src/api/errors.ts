// One error shape for every JSON endpoint: { error: { code, message, fields? } }.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { Config } from "../config.ts";
import type { Failure, FailureCode } from "../lib/result.ts";

export type FieldErrors = Record<string, string[]>;
export type ApiError = { error: { code: string; message: string; fields?: FieldErrors } };

/** Generic in the status, so a typed client (hono/client) can tell an error answer from a success by `ok`. */
export function apiError<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: string,
  message: string,
  fields?: FieldErrors,
) {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
  return c.json(body, status);
}

/** Flattens zod issues into `{ "field.path": ["message", ...] }`; form-level issues go under "_". */
export function fieldErrors(error: Pick<z.core.$ZodError, "issues">): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    const list = fields[key] ?? [];
    list.push(issue.message);
    fields[key] = list;
  }
  return fields;
}

/** The one mapping from a domain's failure code to the HTTP status every route answers it with. */
export const STATUS_FOR = {
  not_found: 404,
  validation_failed: 422,
  content_unsafe: 422,
  warnings_unacknowledged: 422,
  audience_empty: 422,
  invalid_state: 409,
  use_resume: 409,
  complaint_rate_high: 409,
  conflict: 409,
  forbidden: 403,
  review_required: 409,
  send_failed: 502,
} as const satisfies Record<FailureCode, ContentfulStatusCode>;

/** A domain failure as our error shape; anything else it carries (the linter's findings) goes along in `error`. */
export function failureResponse(c: Context, failure: Failure & Record<string, unknown>) {
  const { ok: _ok, code, message, fields, ...extra } = failure;
  return c.json({ error: { code, message, ...(fields ? { fields } : {}), ...extra } }, STATUS_FOR[code]);
}

/**
 * A refusal (429, 503) as a readable page for browsers posting a form or asking for HTML; API clients get the JSON
 * error shape. (Unknown URLs and 500s go by Accept alone: pages/error-pages.ts.)
 */
export function refusalAsPage(c: Context): boolean {
  const type = c.req.header("content-type") ?? "";
  if (type.includes("json")) return false;
  return type.includes("form") || (c.req.header("accept") ?? "").includes("text/html");
}

/**
 * A refusal that asks the client to come back (429 too many requests, 503 busy): Retry-After, then the page for a
 * browser (see refusalAsPage) or the error shape for an API client.
 */
export function retryLater<S extends 429 | 503>(
  c: Context,
  config: Pick<Config, "appUrl" | "mail">,
  refusal: {
    status: S;
    retryAfterSeconds: number;
    page: (
      site: { appUrl: string; postalAddress: string },
      retryAfterSeconds: number,
    ) => string | Promise<string>;
    code: string;
    message: string;
  },
) {
  c.header("Retry-After", String(refusal.retryAfterSeconds));
  if (refusalAsPage(c)) {
    const site = { appUrl: config.appUrl, postalAddress: config.mail.postalAddress };
    return c.html(refusal.page(site, refusal.retryAfterSeconds), refusal.status);
  }
  return apiError(c, refusal.status, refusal.code, refusal.message);
}
