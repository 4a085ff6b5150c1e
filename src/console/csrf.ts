// Cross-site request forgery, twice over. First hono/csrf: a form post must come from our own origin (Origin or
// Sec-Fetch-Site). Then, on every state-changing request of a signed-in page, a per-session token: a hidden
// form field (CSRF_FIELD) or, for fetch(), a header (CSRF_HEADER). The token is an HMAC of the session id, so it
// needs no storage and a token from one session is worthless in another.
import type { Context, MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import type { Config } from "../config.ts";
import { hmacKey } from "../lib/hmac.ts";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

const encoder = new TextEncoder();

export async function csrfTokenFor(secret: string, sessionId: string): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`console-csrf:${sessionId}`)),
  );
  let binary = "";
  for (const b of mac) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const isStateChanging = (method: string) => !/^(GET|HEAD|OPTIONS)$/i.test(method);

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The token the request carries: the header first (fetch), else the form field (parsed once, cached by Hono). */
async function presentedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header("content-type") ?? "";
  if (!/application\/x-www-form-urlencoded|multipart\/form-data/i.test(type)) return undefined;
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === "string" ? value : undefined;
}

export async function hasValidCsrfToken(c: Context, expected: string): Promise<boolean> {
  const token = await presentedToken(c);
  return token !== undefined && sameText(token, expected);
}

/**
 * hono/csrf's origin check: our own origin (the request's, or APP_URL's when a proxy rewrites the host). A refusal
 * is handed to `refuse` so the console answers with its own page rather than a bare "Forbidden".
 */
export function originCheck(
  config: Pick<Config, "appUrl">,
  refuse: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  const appOrigin = new URL(config.appUrl).origin;
  const check = csrf({ origin: (origin, c) => origin === appOrigin || origin === new URL(c.req.url).origin });
  return async (c, next) => {
    // Only the check runs inside the try: a 403 thrown further down is not this middleware's refusal.
    try {
      await check(c, async () => {});
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403) return refuse(c);
      throw error;
    }
    await next();
  };
}
