// The session cookie. HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure in
// production or whenever the public URL is https, and then with the __Host- prefix, which makes the browser
// refuse it unless it is Secure, for "/" and bound to this exact host (no Domain attribute).
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_MAX_MS } from "../accounts/sessions.ts";
import type { Config } from "../config.ts";

const BASE_NAME = "hopemark_console";

type CookieConfig = Pick<Config, "appUrl" | "isProduction">;

const overHttps = (config: CookieConfig) => new URL(config.appUrl).protocol === "https:";

export function sessionCookieName(config: CookieConfig): string {
  return overHttps(config) ? `__Host-${BASE_NAME}` : BASE_NAME;
}

function attributes(config: CookieConfig) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "Lax" as const,
    secure: config.isProduction || overHttps(config),
  };
}

export function readSessionCookie(c: Context, config: CookieConfig): string | undefined {
  return getCookie(c, sessionCookieName(config));
}

export function writeSessionCookie(c: Context, config: CookieConfig, token: string): void {
  setCookie(c, sessionCookieName(config), token, {
    ...attributes(config),
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, config: CookieConfig): void {
  deleteCookie(c, sessionCookieName(config), attributes(config));
}
