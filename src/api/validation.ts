// Validation at the edge of every JSON route: request parts checked by zod, failures answered in our error shape.
import type { ValidationTargets } from "hono";
import { validator } from "hono/validator";
import { z } from "zod";
import { apiError, fieldErrors } from "./errors.ts";

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
