// Response headers every page and API answer carries: hono's secureHeaders (nosniff, no referrer, no framing,
// ...) plus a strict Content-Security-Policy, and HSTS only when the request really arrived over https (over
// plain http a browser ignores it anyway, and on a local http server it would only confuse).
//
// The CSP allows no inline script at all, and exactly one inline style: the pages' own stylesheet, by its hash.
// Forms may post only to this origin (and APP_URL's, should the two differ, e.g. 127.0.0.1 vs localhost); the
// brand's embedded form is a page on the brand's site, governed by the brand's own CSP, and when our app
// answers it (the form again with errors, or the "check your inbox" page) that page posts to us. Nothing may
// frame our pages. The development outbox shows emails, which are built from inline styles and remote images,
// so it gets its own policy that still allows no script.
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config.ts";
import { STYLES } from "./pages/layout.ts";

const HSTS = "max-age=31536000; includeSubDomains";

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}

export function pagePolicy(appUrl: string, styleHash: string): string {
  const app = new URL(appUrl).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'sha256-${styleHash}'`,
    "img-src 'self'",
    "base-uri 'none'",
    `form-action 'self' ${app}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The console (/admin): scripts and styles only from our own files (no inline code, no style attributes), fetch
 * only to us, frames only of our own pages (the campaign preview). A console route that serves something else
 * (an email preview with its inline styles) sets its own policy, which is then kept.
 */
export function consolePolicy(appUrl: string): string {
  const app = new URL(appUrl).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    `form-action 'self' ${app}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

const isConsolePath = (path: string) => path === "/admin" || path.startsWith("/admin/");

/** The dev outbox (never in production): emails need inline styles and their images; still no script. */
const OUTBOX_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function overHttps(c: Context, config: Pick<Config, "trustProxy">): boolean {
  // Request URLs arrive normalised (lower-case scheme), so the prefix is the protocol; no URL parse per request.
  if (c.req.url.startsWith("https:")) return true;
  // Behind a named TLS-terminating proxy the app sees http; the proxy says what the client used.
  return (
    config.trustProxy.kind !== "none" && c.req.header("x-forwarded-proto")?.trim().toLowerCase() === "https"
  );
}

export function securityHeaders(config: Pick<Config, "appUrl" | "trustProxy">): MiddlewareHandler {
  const base = secureHeaders({
    referrerPolicy: "no-referrer",
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  let policy: Promise<string> | undefined;
  return async (c, next) => {
    policy ??= sha256Base64(STYLES).then((hash) => pagePolicy(config.appUrl, hash));
    const csp = await policy;
    await base(c, next);
    // Set on the finished response in place, as secureHeaders does. c.header() after the handler would rebuild
    // the response around a stream of its body, which @hono/node-server then writes the slow way (bench:signup).
    const headers = c.res.headers;
    if (isConsolePath(c.req.path)) {
      // A console route that serves something else (an email preview) has set its own policy: keep it.
      if (!headers.has("Content-Security-Policy"))
        headers.set("Content-Security-Policy", consolePolicy(config.appUrl));
    } else {
      headers.set("Content-Security-Policy", c.req.path.startsWith("/dev/outbox") ? OUTBOX_POLICY : csp);
    }
    if (overHttps(c, config)) headers.set("Strict-Transport-Security", HSTS);
  };
}
