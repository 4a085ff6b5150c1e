// Hosted pages show the crisis line for the person's country where the page knows it (their signup), and the
// US line with the "elsewhere" wording where it does not.
import { afterEach, expect, it } from "vitest";
import { signToken } from "../../src/lib/tokens.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postForm, postJson, subscriberByEmail } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const banner = (page: string) =>
  page.slice(page.indexOf('<aside class="crisis"'), page.indexOf("</aside>")).replace(/\s+/g, " ");

async function unsubscribePages(email: string, country?: string) {
  await postJson(t.app, "/api/subscribe", { email, consent: true, ...(country ? { country } : {}) });
  const sub = await subscriberByEmail(t.db, email);
  const token = await signToken(t.deps.config.tokenSecret, "unsubscribe", sub?.id ?? "");
  const before = await (await t.app.request(`/unsubscribe?token=${token}`)).text();
  const after = await (await postForm(t.app, "/unsubscribe", { token })).text();
  return { before, after };
}

it("a GB subscriber's unsubscribe pages show Samaritans, not 988", async () => {
  t = createTestApp();
  const { before, after } = await unsubscribePages("gb@example.com", "GB");
  for (const page of [before, after]) {
    expect(banner(page)).toContain('<a href="tel:116123">116 123</a>');
    expect(banner(page)).not.toContain("988");
  }
  expect(after).toContain("If you would like the newsletter again one day, you can");
  expect(after).not.toContain("want them again");
});

it("a Canadian subscriber's confirm pages show 9-8-8", async () => {
  t = createTestApp();
  await postJson(t.app, "/api/subscribe", { email: "ca@example.com", consent: true, country: "CA" });
  const sub = await subscriberByEmail(t.db, "ca@example.com");
  const token = await signToken(t.deps.config.tokenSecret, "confirm", sub?.id ?? "", { ttlMs: 60_000 });
  const before = await (await t.app.request(`/confirm?token=${token}`)).text();
  const after = await (await postForm(t.app, "/confirm", { token })).text();
  expect(after).toContain("You're subscribed");
  for (const page of [before, after]) {
    expect(banner(page)).toContain('<a href="tel:988">9-8-8</a> (Suicide Crisis Helpline, Canada)');
    expect(banner(page)).not.toContain("Outside the US");
  }
});

it("without a known country, the US line with the elsewhere wording", async () => {
  t = createTestApp();
  const { before } = await unsubscribePages("someone@example.com");
  expect(banner(before)).toContain('<a href="tel:988">988</a>');
  expect(banner(before)).toContain("Outside the US, contact your local emergency number.");
  const signup = banner(await (await t.app.request("/")).text());
  expect(signup).toContain("Outside the US, contact your local emergency number.");
});

it("the signup form shown again with errors uses the country the person chose", async () => {
  t = createTestApp();
  const page = await (await postForm(t.app, "/api/subscribe", { email: "x", country: "CA" })).text();
  expect(banner(page)).toContain('<a href="tel:988">9-8-8</a> (Suicide Crisis Helpline, Canada)');
  expect(banner(page)).not.toContain("Outside the US");
});
