// Every page of the journey: crisis line first, no JavaScript, no third-party resources, accessible form.
import { afterEach, describe, expect, it } from "vitest";
import { TIME_ZONE_SCRIPT_TAG } from "../../src/api/assets.ts";
import { signToken } from "../../src/lib/tokens.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { APP_URL, pageText, postForm, seedSubscriber } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const SECRET = "test-token-secret-0123456789abcdef0123456789";

async function allPages(app: TestApp["app"], db: TestApp["db"]) {
  const pending = await seedSubscriber(db, { status: "pending" });
  const active = await seedSubscriber(db, { status: "active" });
  const confirm = await signToken(SECRET, "confirm", pending.id, { ttlMs: 60_000 });
  const unsub = await signToken(SECRET, "unsubscribe", active.id);
  return {
    signup: await app.request("/"),
    inbox: await app.request("/check-your-inbox"),
    formErrors: await postForm(app, "/api/subscribe", { email: "x" }),
    confirm: await app.request(`/confirm?token=${confirm}`),
    badConfirm: await app.request("/confirm?token=nope"),
    confirmed: await postForm(app, "/confirm", { token: confirm }),
    unsubscribe: await app.request(`/unsubscribe?token=${unsub}`),
    badUnsubscribe: await app.request("/unsubscribe?token=nope"),
    unsubscribed: await postForm(app, "/unsubscribe", { token: unsub }),
  };
}

describe("journey pages", () => {
  const eachPage = async (check: (name: string, res: Response, html: string) => void) => {
    t = createTestApp();
    for (const [name, res] of Object.entries(await allPages(t.app, t.db)))
      check(name, res, await pageText(res));
  };

  it("every page is an HTML document in English with a title", async () => {
    await eachPage((name, res, html) => {
      expect(res.headers.get("content-type"), name).toMatch(/^text\/html/);
      expect(html, name).toMatch(/^<!doctype html>\s*<html lang="en">/);
      expect(html, name).toMatch(/<title>[^<]+<\/title>/);
    });
  });

  it("every page shows the crisis line before the main content", async () => {
    await eachPage((name, _res, html) => {
      const crisis = html.indexOf('call or text\n    <a href="tel:988">988</a>');
      expect(crisis, name).toBeGreaterThan(0);
      expect(crisis, name).toBeLessThan(html.indexOf('<main id="main">'));
      expect(html, name).toContain("In immediate danger, call 911");
    });
  });

  it("no page runs a third-party script or loads anything from elsewhere", async () => {
    await eachPage((name, _res, html) => {
      // The one script allowed is our own time-zone filler on pages with the signup form (README, Humane hours).
      const withoutOwnScript = html.replace(TIME_ZONE_SCRIPT_TAG, "");
      expect(html.length - withoutOwnScript.length, name).toBeLessThanOrEqual(TIME_ZONE_SCRIPT_TAG.length);
      expect(withoutOwnScript, name).not.toMatch(/<script|<link\b|<img\b|@import|url\(/i);
      // The only absolute links go to this app, the 988 Lifeline, or phone/sms.
      for (const [, url] of html.matchAll(/(?:href|src|action)="([^"]+)"/g)) {
        expect(url, `${name}: ${url}`).toMatch(
          /^(\/|#|tel:|https:\/\/988lifeline\.org|http:\/\/newsletter\.test\/)/,
        );
      }
    });
  });
});

describe("the signup form", () => {
  const signupPage = async () => {
    t = createTestApp();
    return pageText(await t.app.request("/"));
  };

  it("posts to itself, so a refused form leaves / in the address bar", async () => {
    const html = await signupPage();
    expect(html).toContain(`<form method="post" action="${APP_URL}/">`);
  });

  it("labels every field", async () => {
    const html = await signupPage();
    for (const id of ["email", "first-name", "country", "consent"]) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toMatch(new RegExp(`<(input|select) id="${id}"`));
    }
  });

  it("has an unticked consent box described by its hint", async () => {
    const html = await signupPage();
    expect(html).toMatch(
      /<input id="consent" name="consent" type="checkbox" value="yes" aria-describedby="consent-hint">/,
    );
    expect(html).not.toMatch(/id="consent"[^>]*checked/);
  });

  it("marks the first name optional and carries the privacy note", async () => {
    const html = await signupPage();
    expect(html).toContain("First name (optional)");
    expect(html).toContain("never sync it to ad platforms");
  });

  it("hides the honeypot from people and from keyboard focus", async () => {
    const html = await signupPage();
    expect(html).toMatch(/<div class="hp" aria-hidden="true">[\s\S]*tabindex="-1" autocomplete="off"/);
  });

  it("puts focus in the visual order: email, first name, country, consent, submit", async () => {
    const html = await signupPage();
    const order = ['id="email"', 'id="first-name"', 'id="country"', 'id="consent"', "<button"].map((s) =>
      html.indexOf(s),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
