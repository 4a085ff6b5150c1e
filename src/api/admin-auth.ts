// Bearer-token guard for /api/admin/*: hono's bearerAuth (constant-time comparison of hashed tokens, so the
// token cannot be guessed byte by byte from response timing), answering every refusal in our error shape. The
// token itself is never logged.
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";
import { apiError } from "./errors.ts";

/** One answer for a missing, malformed or wrong token, so a caller learns nothing about which it was. */
function unauthorized(c: Context) {
  c.header("WWW-Authenticate", 'Bearer realm="admin"');
  return apiError(c, 401, "unauthorized", "A valid admin bearer token is required.");
}

export function adminAuth(adminToken: string): MiddlewareHandler {
  const guard = bearerAuth({
    token: adminToken,
    noAuthenticationHeader: { message: unauthorized },
    invalidAuthenticationHeader: { message: unauthorized },
    invalidToken: { message: unauthorized },
  });
  // bearerAuth throws its refusal as an HTTPException carrying our response; answer it here rather than in the
  // app's onError, which turns other client errors into a generic shape.
  return async (c, next) => {
    try {
      await guard(c, next);
    } catch (error) {
      if (error instanceof HTTPException) return error.getResponse();
      throw error;
    }
  };
}
