// The visitor-facing pages pass axe-core with no violations: labels, landmarks, headings, focusable controls.
import { afterEach, describe, expect, it } from "vitest";
import { signToken } from "../../src/lib/tokens.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { insertSubscriber } from "../helpers/seed.ts";
import { axeViolations } from "./axe.ts";

let t: TestApp;
afterEach(() => t?.close());

async function page(path: string, init?: RequestInit) {
  const res = await t.app.request(path, init);
  expect(res.headers.get("content-type")).toContain("text/html");
  return res.text();
}

describe("accessibility of the hosted pages", () => {
  it("the signup page, empty and with field errors", async () => {
    t = createTestApp();
    expect(await axeViolations(await page("/"))).toEqual([]);
    const withErrors = await page("/api/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=not-an-address&firstName=%00",
    });
    expect(withErrors).toContain('aria-invalid="true"');
    expect(await axeViolations(withErrors)).toEqual([]);
  });

  it("check-your-inbox, confirm, unsubscribe and bad-link pages", async () => {
    t = createTestApp();
    const secret = t.deps.config.tokenSecret;
    const confirm = await signToken(secret, "confirm", "sub_missing", { ttlMs: 60_000 });
    const unsubscribe = await signToken(secret, "unsubscribe", "sub_missing");
    for (const path of [
      "/check-your-inbox",
      `/confirm?token=${confirm}`,
      "/confirm?token=tampered.token",
      `/unsubscribe?token=${unsubscribe}`,
      "/unsubscribe?token=tampered.token",
    ]) {
      const html = await page(path);
      expect({ path, violations: await axeViolations(html) }).toEqual({ path, violations: [] });
    }
  });

  it("the preferences page (plain, on a break, with field errors), the unsubscribe page with its break buttons, and their refusal pages", async () => {
    t = createTestApp();
    await insertSubscriber(t.db, {
      id: "sub_a11y",
      email: "a11y@example.com",
      firstName: "Sam",
      country: "GB",
    });
    await insertSubscriber(t.db, { id: "sub_gone", email: "gone@example.com", status: "unsubscribed" });
    const secret = t.deps.config.tokenSecret;
    const token = await signToken(secret, "unsubscribe", "sub_a11y");
    const gone = await signToken(secret, "unsubscribe", "sub_gone");
    const form = (path: string, body: string) =>
      page(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `token=${encodeURIComponent(token)}&${body}`,
      });
    const pages: [string, string][] = [
      ["preferences", await page(`/preferences?token=${token}&done=saved`)],
      ["unsubscribe with breaks", await page(`/unsubscribe?token=${token}`)],
      ["unknown topic", await form("/preferences", "topics=nope&firstName=%00")],
      ["9-week break", await form("/preferences/pause", "weeks=9")],
      ["bad link", await page("/preferences?token=tampered.token")],
      ["not subscribed", await page(`/preferences?token=${gone}`)],
    ];
    const paused = await t.app.request("/preferences/pause", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${encodeURIComponent(token)}&weeks=2&welcomeBack=yes`,
    });
    expect(paused.status).toBe(303);
    pages.push(["on a break", await page(`/preferences?token=${token}&done=paused`)]);
    for (const [name, html] of pages) {
      expect({ name, violations: await axeViolations(html) }).toEqual({ name, violations: [] });
      expect(html.indexOf("crisis")).toBeLessThan(html.indexOf("<main"));
    }
    expect(pages.find(([n]) => n === "unknown topic")?.[1]).toContain('aria-invalid="true"');
  });

  it("puts the crisis line before the main content on every page", async () => {
    t = createTestApp();
    for (const path of [
      "/",
      "/check-your-inbox",
      "/confirm?token=x.y",
      "/unsubscribe?token=x.y",
      "/preferences?token=x.y",
    ]) {
      const html = await page(path);
      const crisis = html.indexOf("988");
      expect(crisis).toBeGreaterThan(-1);
      expect(crisis).toBeLessThan(html.indexOf("<main"));
    }
  });
});
