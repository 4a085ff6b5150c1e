// One error shape for every JSON endpoint: { error: { code, message, fields? } }.
import type { Context, ValidationTargets } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { validator } from "hono/validator";
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;
export type ApiError = { error: { code: string; message: string; fields?: FieldErrors } };

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields?: FieldErrors,
) {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}) } };
  return c.json(body, status);
}

/** Flattens zod issues into `{ "field.path": ["message", ...] }`; form-level issues go under "_". */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    const list = fields[key] ?? [];
    list.push(issue.message);
    fields[key] = list;
  }
  return fields;
}

/**
 * zod validation with a clear 422 instead of @hono/zod-validator's raw ZodError dump. Malformed JSON is a 400
 * (Hono's json validator raises it before we see the body).
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return validator(target, async (value, c) => {
    const result = await schema.safeParseAsync(value);
    if (!result.success) {
      return apiError(c, 422, "validation_failed", "Some fields are invalid.", fieldErrors(result.error));
    }
    return result.data as z.output<Schema>;
  });
}

/** An id in an admin route's path, as this app makes them ("cmp_…", "sub_…"): never a path, query or wildcard. */
export const adminId = (what: "campaign" | "subscriber") =>
  z
    .string()
    .min(1, "is required")
    .max(128, "is too long")
    .regex(/^[A-Za-z0-9_-]+$/, `must be a ${what} id`);
