// Validation at the edge of every JSON route: @hono/zod-validator checks the request part against its zod schema,
// and this one hook answers a failure in our error shape (a clear 422 with field messages) instead of the
// library's default 400 with the raw ZodError. Malformed JSON is a 400 (Hono's json validator raises it before
// the schema sees the body).
import type { Context } from "hono";
import { z } from "zod";
import { apiError, fieldErrors } from "./errors.ts";

export function onInvalid(
  result: { success: true } | { success: false; error: Pick<z.core.$ZodError, "issues"> },
  c: Context,
) {
  if (!result.success) {
    return apiError(c, 422, "validation_failed", "Some fields are invalid.", fieldErrors(result.error));
  }
}

/** An id in an admin route's path, as this app makes them ("cmp_…", "sub_…"): never a path, query or wildcard. */
export const adminId = (what: "campaign" | "subscriber") =>
  z
    .string()
    .min(1, "is required")
    .max(128, "is too long")
    .regex(/^[A-Za-z0-9_-]+$/, `must be a ${what} id`);
