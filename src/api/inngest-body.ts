// Inngest's own calls to /api/inngest always carry JSON (or nothing, for a sync). The SDK parses the body before
// it checks anything else and lets a SyntaxError escape, which became a 500; junk is the caller's fault, so it
// gets a 400 in the one error shape, in every mode, before the SDK sees it.
import type { MiddlewareHandler } from "hono";
import { apiError } from "./errors.ts";

export const rejectMalformedInngestBody: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== "POST" && c.req.method !== "PUT") return next();
  // Hono keeps the text, so the SDK reads the same body again.
  const text = await c.req.text();
  if (text.trim() === "") return next();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object") throw new SyntaxError("not a JSON object");
  } catch {
    return apiError(c, 400, "malformed_json", "The request body is not a JSON object.");
  }
  return next();
};
