// Bearer-token guard for /api/admin/*. Constant-time comparison so the token cannot be guessed byte by byte
// from response timing; the token itself is never logged.
import type { MiddlewareHandler } from "hono";
import { apiError } from "./errors.ts";

const encoder = new TextEncoder();

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
}

/** Compares two strings in time independent of where they differ (hashing first equalises lengths). */
export async function timingSafeEqualStrings(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export function adminAuth(adminToken: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !(await timingSafeEqualStrings(match[1].trim(), adminToken))) {
      c.header("WWW-Authenticate", 'Bearer realm="admin"');
      return apiError(c, 401, "unauthorized", "A valid admin bearer token is required.");
    }
    await next();
  };
}
