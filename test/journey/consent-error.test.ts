// The hosted form refused for a missing consent: the message sits with the consent box (not under the country
// select before it), focus goes to the error summary, and the page answers at "/" so the address bar keeps "/".
import { afterEach, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postForm } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

it("puts the consent error beside the consent box, focuses the summary and answers at /", async () => {
  t = createTestApp();
  const res = await postForm(t.app, "/", { email: "sam@example.com", country: "US", source: "hosted-form" });
  expect(res.status).toBe(422);
  const page = await res.text();
  const error = page.indexOf('<p class="error" id="consent-error">');
  expect(error).toBeGreaterThan(page.indexOf('<input id="consent"'));
  expect(error).toBeGreaterThan(page.indexOf('<label for="consent">'));
  expect(error).toBeLessThan(page.indexOf('id="consent-hint"'));
  expect(page.slice(page.indexOf("</select>"), page.indexOf('<div class="check">'))).not.toContain(
    'class="error"',
  );
  expect(page).toMatch(
    /<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>/,
  );
  expect(page).toContain('<form method="post" action="http://newsletter.test/">');
});

it("a valid post to / signs up like /api/subscribe", async () => {
  t = createTestApp();
  const res = await postForm(t.app, "/", { email: "sam@example.com", consent: "yes", source: "hosted-form" });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/check-your-inbox");
});
