// The pages a browser gets for an unknown address or a fault on our side: in the page layout, so the crisis line
// comes first even here. API clients (anything that does not ask for HTML) get the JSON error shape instead.
import type { Context } from "hono";
import { html } from "hono/html";
import { type Html, page } from "./layout.ts";

/** A browser navigating asks for text/html first; fetch(), curl and SDKs do not. */
export const wantsHtml = (c: Context) => /\btext\/html\b/.test(c.req.header("accept") ?? "");

export function notFoundPage(postalAddress: string): Html {
  return page({
    title: "Page not found",
    postalAddress,
    body: html`<h1>Page not found</h1>
<p>There is no page at this address. If you followed a link from one of our emails, copy the whole link from
the email; some mail programs split long links.</p>
<p><a href="/">Subscribe to the newsletter</a> · <a href="/privacy">Privacy notice</a></p>`,
  });
}

export function serverErrorPage(postalAddress: string): Html {
  return page({
    title: "Something went wrong",
    postalAddress,
    body: html`<h1>Something went wrong on our side</h1>
<p>This is our fault, not yours, and nothing you entered was half-saved. Please try again in a few minutes.</p>
<p><a href="/">Back to the signup page</a></p>`,
  });
}
