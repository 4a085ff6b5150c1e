// The privacy notice: a page at /privacy showing templates/privacy.md with the version consents record, linked
// from beside the signup form's consent box.
import { afterEach, expect, it } from "vitest";
import { axeViolations } from "../a11y/axe.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

it("/privacy shows the notice and the version every consent records", async () => {
  t = createTestApp();
  const res = await t.app.request("/privacy");
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(page.indexOf('<aside class="crisis"')).toBeLessThan(page.indexOf("<main"));
  expect(page).toContain("<h1>Privacy notice</h1>");
  expect(page).toContain(`Version ${t.deps.content.privacy.version}, last updated`);
  expect(page).toContain("<h2>What we keep</h2>");
  expect(page).toContain("We never ask about diagnoses, treatment or medication");
  expect(page).toContain(t.deps.config.mail.postalAddress);
  expect(await axeViolations(page)).toEqual([]);
});

it("the signup form links to it beside the consent box", async () => {
  t = createTestApp();
  const page = await (await t.app.request("/")).text();
  const consentBox = page.indexOf('id="consent"');
  const link = page.indexOf('<a href="/privacy">privacy notice</a>');
  expect(consentBox).toBeGreaterThan(0);
  expect(link).toBeGreaterThan(consentBox);
  expect(link).toBeLessThan(page.indexOf('<button type="submit">'));
});
