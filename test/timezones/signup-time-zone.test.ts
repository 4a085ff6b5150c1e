// A subscriber's time zone at signup: the browser's (hidden form field), the JSON API's and the webhook's
// optional timeZone, what happens to an invalid one, and where the admin API and CSV export show it.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { TIME_ZONE_SCRIPT } from "../../src/api/assets.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { counts, postForm, postJson, subscriberByEmail } from "../journey/helpers.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const ADMIN = { authorization: "Bearer test-admin-token-0123456789abcdef" };

describe("time zone at signup", () => {
  it("keeps the zone the hosted form's hidden field carries, in canonical spelling", async () => {
    t = createTestApp();
    const res = await postForm(t.app, "/", {
      email: "tokyo.reader@example.com",
      consent: "yes",
      timeZone: "asia/tokyo",
    });
    expect(res.status).toBe(303);
    expect((await subscriberByEmail(t.db, "tokyo.reader@example.com"))?.timeZone).toBe("Asia/Tokyo");
  });

  it("signs a form visitor up without a zone when the field is empty (no JavaScript) or unknown", async () => {
    t = createTestApp();
    for (const [email, timeZone] of [
      ["no.script@example.com", ""],
      ["odd.browser@example.com", "Mars/Olympus_Mons"],
    ] as const) {
      const res = await postForm(t.app, "/", { email, consent: "yes", country: "GB", timeZone });
      expect(res.status, email).toBe(303);
      const row = await subscriberByEmail(t.db, email);
      expect(row?.status, email).toBe("pending");
      expect(row?.timeZone, email).toBeNull();
      expect(row?.country, email).toBe("GB");
    }
  });

  it("JSON API: stores a valid timeZone, answers 422 naming the field for an invalid one and writes nothing", async () => {
    t = createTestApp();
    const ok = await postJson(t.app, "/api/subscribe", {
      email: "chicago.reader@example.com",
      consent: true,
      timeZone: "America/Chicago",
    });
    expect(ok.status).toBe(202);
    expect((await subscriberByEmail(t.db, "chicago.reader@example.com"))?.timeZone).toBe("America/Chicago");

    const before = await counts(t.db);
    for (const timeZone of ["+05:00", "Nowhere/Special", 42]) {
      const bad = await postJson(t.app, "/api/subscribe", {
        email: "bad.zone@example.com",
        consent: true,
        timeZone,
      });
      expect(bad.status, String(timeZone)).toBe(422);
      const body = (await bad.json()) as { error: { code: string; fields: Record<string, string[]> } };
      expect(body.error.code).toBe("validation_failed");
      expect(Object.keys(body.error.fields)).toEqual(["timeZone"]);
      expect(body.error.fields.timeZone?.[0]).toMatch(/IANA time zone|must be text/);
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it("a second signup keeps the zone it had unless a new one is given", async () => {
    let now = new Date("2026-12-02T10:00:00Z");
    t = createTestApp({ now: () => now });
    const email = "moving.reader@example.com";
    await postJson(t.app, "/api/subscribe", { email, consent: true, timeZone: "Europe/Dublin" });
    now = new Date("2026-12-02T11:00:00Z");
    await postJson(t.app, "/api/subscribe", { email, consent: true });
    expect((await subscriberByEmail(t.db, email))?.timeZone).toBe("Europe/Dublin");
    now = new Date("2026-12-02T12:00:00Z");
    await postJson(t.app, "/api/subscribe", { email, consent: true, timeZone: "America/Toronto" });
    expect((await subscriberByEmail(t.db, email))?.timeZone).toBe("America/Toronto");
  });

  it("the signup webhook takes timeZone too, and refuses an invalid one with 422", async () => {
    const now = new Date("2026-12-02T10:00:00Z");
    t = createTestApp({ now: () => now });
    const ts = Math.floor(now.getTime() / 1000);
    const app = t.app;
    const send = (body: string) =>
      app.request("/api/webhooks/signup", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "X-Hopemark-Timestamp": String(ts),
          "X-Hopemark-Signature": `sha256=${createHmac("sha256", "test-signup-webhook-secret").update(`${ts}.${body}`).digest("hex")}`,
        },
        body,
      });
    const ok = await send(
      JSON.stringify({ email: "hook@example.com", consent: true, timeZone: "Europe/London" }),
    );
    expect(ok.status).toBe(202);
    expect((await subscriberByEmail(t.db, "hook@example.com"))?.timeZone).toBe("Europe/London");
    const bad = await send(JSON.stringify({ email: "hook2@example.com", consent: true, timeZone: "GMT+5" }));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty("timeZone");
    expect(await subscriberByEmail(t.db, "hook2@example.com")).toBeUndefined();
  });

  it("the admin list and the CSV export carry the stored zone (empty when a default applies)", async () => {
    t = createTestApp();
    await postJson(t.app, "/api/subscribe", {
      email: "a.zone@example.com",
      consent: true,
      timeZone: "Europe/Paris",
    });
    await postJson(t.app, "/api/subscribe", { email: "b.zone@example.com", consent: true, country: "US" });
    const list = await t.app.request("/api/admin/subscribers", { headers: ADMIN });
    const people = ((await list.json()) as { subscribers: { email: string; timeZone: string | null }[] })
      .subscribers;
    expect(Object.fromEntries(people.map((p) => [p.email, p.timeZone]))).toEqual({
      "a.zone@example.com": "Europe/Paris",
      "b.zone@example.com": null,
    });
    const csv = await (await t.app.request("/api/admin/subscribers/export", { headers: ADMIN })).text();
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    const column = header?.split(",").indexOf("time_zone") ?? -1;
    expect(column).toBeGreaterThan(0);
    const byEmail = Object.fromEntries(lines.map((l) => [l.split(",")[1], l.split(",")[column]]));
    expect(byEmail).toEqual({ "a.zone@example.com": "Europe/Paris", "b.zone@example.com": "" });
  });
});

/** Just the part of Intl the script uses. */
const fakeIntl = (timeZone: string) => ({
  // biome-ignore lint/correctness/noComponentHookFactories: a stand-in for Intl, not a React component.
  DateTimeFormat: () => ({ resolvedOptions: () => ({ timeZone }) }),
});

describe("the signup page's hidden field", () => {
  it("is in the form, empty, with the script served from our origin as JavaScript and allowed by the CSP", async () => {
    t = createTestApp();
    const page = await t.app.request("/");
    const html = await page.text();
    expect(html).toMatch(/<input type="hidden" name="timeZone" id="time-zone" value="">/);
    expect(html).toContain('<script src="/assets/time-zone.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);

    const script = await t.app.request("/assets/time-zone.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await script.text()).toBe(TIME_ZONE_SCRIPT);
  });

  it("the script fills the field with the browser's zone (run against a minimal DOM)", () => {
    const field = { value: "" };
    const document = { getElementById: (id: string) => (id === "time-zone" ? field : null) };
    new Function("document", "Intl", TIME_ZONE_SCRIPT)(document, fakeIntl("Pacific/Auckland"));
    expect(field.value).toBe("Pacific/Auckland");
    // No Intl at all (a very old browser): the field stays empty and nothing throws.
    const empty = { value: "" };
    new Function("document", "Intl", TIME_ZONE_SCRIPT)({ getElementById: () => empty }, undefined);
    expect(empty.value).toBe("");
  });
});
