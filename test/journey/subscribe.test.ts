// POST /api/subscribe through the real app: both body formats, every validation failure, the honeypot, limits,
// and the rule that the answer never reveals whether an address is already on the list.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { TIME_ZONE_SCRIPT_TAG } from "../../src/api/assets.ts";
import { consents, pendingEvents, subscribers } from "../../src/db/schema.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { reconcilePendingEvents } from "../../src/lib/pending-events.ts";
import { CONSENT_WORDING_VERSION } from "../../src/subscribers/consent.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  counts,
  postForm,
  postJson,
  postMultipart,
  seedSubscriber,
  subscriberByEmail,
  suppress,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const valid = { email: "  Sam.Reader@Example.COM ", consent: true, firstName: "Sam" };

describe("POST /api/subscribe: success", () => {
  it("a form post creates a pending subscriber, a consent record and the created event, then redirects", async () => {
    t = createTestApp();
    const res = await postForm(
      t.app,
      "/api/subscribe",
      {
        email: "Sam.Reader@Example.COM",
        firstName: "Zoë",
        consent: "yes",
        country: "ca",
        source: "hosted-form",
      },
      { "user-agent": "Mozilla/5.0 test", referer: "http://newsletter.test/?utm_source=x" },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/check-your-inbox");

    const sub = await subscriberByEmail(t.db, "sam.reader@example.com");
    expect(sub).toMatchObject({
      email: "Sam.Reader@example.com",
      emailHash: await hashEmail("sam.reader@example.com"),
      firstName: "Zoë",
      status: "pending",
      country: "CA",
      locale: "en",
      source: "hosted-form",
    });
    expect(sub?.confirmationSentAt).toBeInstanceOf(Date);

    const [consent] = await t.db.select().from(consents);
    expect(consent).toMatchObject({
      subscriberId: sub?.id,
      action: "given",
      form: "hosted-form",
      page: "http://newsletter.test/",
      userAgent: "Mozilla/5.0 test",
      wordingVersion: CONSENT_WORDING_VERSION,
      // The version in templates/privacy.md, the notice /privacy shows.
      privacyVersion: "2026-12-privacy-v2",
    });
    expect(consent?.at).toBeInstanceOf(Date);

    expect(t.inngestApi.events).toEqual([
      expect.objectContaining({
        id: `created:${sub?.id}`,
        name: "newsletter/subscriber.created",
        data: { subscriberId: sub?.id },
      }),
    ]);
    const [pending] = await t.db.select().from(pendingEvents);
    expect(pending?.sentAt).toBeInstanceOf(Date);
  });

  it("JSON answers 202 { status } and records the page without its query string", async () => {
    t = createTestApp();
    const res = await postJson(t.app, "/api/subscribe", {
      ...valid,
      locale: "en_GB",
      page: "https://brand.example/newsletter?email=sam@example.com#top",
      source: "embed",
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({
      status: "accepted",
      message: "If this address can receive our emails, a confirmation link is on its way.",
    });
    const sub = await subscriberByEmail(t.db, "sam.reader@example.com");
    expect(sub).toMatchObject({ locale: "en-GB", source: "embed" });
    const [consent] = await t.db.select().from(consents);
    // The form is the route's (JSON: the API), not the client's claim; the claim is kept beside it as reported.
    expect(consent).toMatchObject({
      form: "api",
      reportedSource: "embed",
      page: "https://brand.example/newsletter",
    });
  });

  it("accepts multipart/form-data, as some embedded forms send it", async () => {
    t = createTestApp();
    const res = await postMultipart(t.app, "/api/subscribe", { email: "multi@example.com", consent: "on" });
    expect(res.status).toBe(303);
    expect(await subscriberByEmail(t.db, "multi@example.com")).toMatchObject({
      status: "pending",
      source: "hosted-form",
    });
  });

  it("records the client address only behind a trusted proxy", async () => {
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    await postJson(t.app, "/api/subscribe", valid, { "x-forwarded-for": "198.51.100.1, 203.0.113.9" });
    const [consent] = await t.db.select().from(consents);
    // The right-most entry is the one our proxy added; the left one came from the client and can be forged.
    expect(consent?.ip).toBe("203.0.113.9");
    t.close();

    t = createTestApp();
    await postJson(t.app, "/api/subscribe", valid, { "x-forwarded-for": "203.0.113.9" });
    const [untrusted] = await t.db.select().from(consents);
    expect(untrusted?.ip).toBeNull();
  });
});

describe("POST /api/subscribe: validation", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["email missing", { consent: true }, "email"],
    ["email empty", { email: "   ", consent: true }, "email"],
    ["email invalid", { email: "not-an-address", consent: true }, "email"],
    ["email too long", { email: `${"a".repeat(250)}@example.com`, consent: true }, "email"],
    ["email not text", { email: 42, consent: true }, "email"],
    [
      "email with a header injection",
      { email: "a@example.com\r\nBcc: b@example.com", consent: true },
      "email",
    ],
    ["first name with a newline", { ...valid, firstName: "Sam\r\nBcc: x@example.com" }, "firstName"],
    ["first name with a control character", { ...valid, firstName: "Sa\u0007m" }, "firstName"],
    ["first name with a URL", { ...valid, firstName: "http://spam.example" }, "firstName"],
    ["first name with markup", { ...valid, firstName: "<b>Sam</b>" }, "firstName"],
    ["first name too long", { ...valid, firstName: "A".repeat(51) }, "firstName"],
    ["consent missing", { email: "sam@example.com" }, "consent"],
    ["consent false", { email: "sam@example.com", consent: false }, "consent"],
    ["consent as a string 'false'", { email: "sam@example.com", consent: "false" }, "consent"],
    ["locale malformed", { ...valid, locale: "english please" }, "locale"],
    ["country not two letters", { ...valid, country: "USA" }, "country"],
    ["source with spaces", { ...valid, source: "my form" }, "source"],
    ["page not http(s)", { ...valid, page: "javascript:alert(1)" }, "page"],
  ];

  it.each(cases)("JSON: %s → 422 with a field error and nothing written", async (_name, body, field) => {
    t = createTestApp();
    const res = await postJson(t.app, "/api/subscribe", body);
    expect(res.status).toBe(422);
    const json = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(json.error.code).toBe("validation_failed");
    expect(json.error.fields[field]?.[0]).toEqual(expect.any(String));
    expect(await counts(t.db)).toEqual({ subscribers: 0, consents: 0, pendingEvents: 0, outbox: 0 });
    expect(t.inngestApi.events).toEqual([]);
  });

  it("a form post re-renders the form with the errors, the visitor's values and focusable links", async () => {
    t = createTestApp();
    const res = await postForm(t.app, "/api/subscribe", {
      email: "not-an-address",
      firstName: "Sam<script>",
      country: "GB",
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain("<title>Error: Subscribe");
    expect(page).toContain('role="alert"');
    expect(page).toContain('<a href="#email">Enter a valid email address');
    expect(page).toContain('<a href="#first-name">Use letters');
    expect(page).toContain('<a href="#consent">Tick the box');
    expect(page).toContain('value="not-an-address" aria-invalid="true" aria-describedby="email-error"');
    // The visitor's input comes back escaped, never as markup.
    expect(page).toContain('value="Sam&lt;script&gt;"');
    // Only our own time-zone script tag, exactly once; nothing the visitor typed.
    expect(page.split(TIME_ZONE_SCRIPT_TAG)).toHaveLength(2);
    expect(page.replace(TIME_ZONE_SCRIPT_TAG, "")).not.toContain("<script");
    expect(page).toContain('<option value="GB" selected>');
    // Consent stays unticked unless the visitor ticked it.
    expect(page).toMatch(/<input id="consent" name="consent" type="checkbox" value="yes" aria-invalid/);
    expect(await counts(t.db)).toEqual({ subscribers: 0, consents: 0, pendingEvents: 0, outbox: 0 });
  });

  it("an embed's hidden fields survive a re-render", async () => {
    t = createTestApp();
    const res = await postForm(t.app, "/api/subscribe", {
      email: "",
      source: "embed",
      page: "https://brand.example/newsletter",
    });
    const page = await res.text();
    expect(page).toContain('name="source" value="embed"');
    expect(page).toContain('name="page" value="https://brand.example/newsletter"');
  });

  it("wrong content type → 415", async () => {
    t = createTestApp();
    for (const type of ["text/plain", "application/xml", undefined]) {
      const res = await t.app.request("/api/subscribe", {
        method: "POST",
        headers: type ? { "content-type": type } : {},
        body: "email=sam@example.com&consent=yes",
      });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    }
  });

  it("malformed JSON → 400, a JSON array → 400", async () => {
    t = createTestApp();
    const bad = await postJson(t.app, "/api/subscribe", '{"email": "sam@example.com",');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("malformed_json");
    const array = await postJson(t.app, "/api/subscribe", "[]");
    expect(array.status).toBe(400);
  });

  it("an oversized body → 413, nothing written", async () => {
    t = createTestApp();
    const res = await postJson(t.app, "/api/subscribe", { ...valid, padding: "x".repeat(9000) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    const form = await postForm(t.app, "/api/subscribe", {
      email: "sam@example.com",
      consent: "yes",
      p: "x".repeat(9000),
    });
    expect(form.status).toBe(413);
    expect(await counts(t.db)).toEqual({ subscribers: 0, consents: 0, pendingEvents: 0, outbox: 0 });
  });
});

describe("POST /api/subscribe: bots and floods", () => {
  it("a filled honeypot gets the normal answer and nothing is written or sent", async () => {
    t = createTestApp();
    const form = await postForm(t.app, "/api/subscribe", {
      email: "bot@example.com",
      consent: "yes",
      website: "http://x",
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/check-your-inbox");
    const json = await postJson(t.app, "/api/subscribe", {
      email: "bot@example.com",
      consent: true,
      website: "spam",
    });
    expect(json.status).toBe(202);
    // Even with invalid fields: a bot learns nothing from the answer.
    const invalid = await postJson(t.app, "/api/subscribe", { email: "nope", website: "spam" });
    expect(invalid.status).toBe(202);
    expect(await counts(t.db)).toEqual({ subscribers: 0, consents: 0, pendingEvents: 0, outbox: 0 });
    expect(t.inngestApi.events).toEqual([]);
  });

  it("the 11th request in 10 minutes from one address gets 429 with Retry-After; others are unaffected", async () => {
    let now = new Date("2026-11-27T10:00:30Z");
    t = createTestApp({ env: { TRUST_PROXY: "1" }, now: () => now });
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    for (let i = 0; i < 10; i++) {
      const res = await postJson(
        t.app,
        "/api/subscribe",
        { email: `r${i}@example.com`, consent: true },
        from("203.0.113.5"),
      );
      expect(res.status).toBe(202);
    }
    const limited = await postJson(
      t.app,
      "/api/subscribe",
      { email: "r10@example.com", consent: true },
      from("203.0.113.5"),
    );
    expect(limited.status).toBe(429);
    // Window 10:00:00-10:10:00, now 10:00:30: 570 seconds left.
    expect(limited.headers.get("retry-after")).toBe("570");
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(await subscriberByEmail(t.db, "r10@example.com")).toBeUndefined();

    // A form post gets a readable page with the same status and header.
    const page = await postForm(
      t.app,
      "/api/subscribe",
      { email: "r10@example.com", consent: "yes" },
      from("203.0.113.5"),
    );
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toBe("570");
    expect(await page.text()).toContain("Too many attempts");

    const other = await postJson(
      t.app,
      "/api/subscribe",
      { email: "o@example.com", consent: true },
      from("198.51.100.7"),
    );
    expect(other.status).toBe(202);

    now = new Date("2026-11-27T10:10:00Z");
    const later = await postJson(
      t.app,
      "/api/subscribe",
      { email: "r10@example.com", consent: true },
      from("203.0.113.5"),
    );
    expect(later.status).toBe(202);
  });

  it("without a trusted proxy, X-Forwarded-For cannot buy a fresh bucket", async () => {
    // A fixed clock: on the real one, a run that crosses a 10-minute window boundary would start a new count.
    const now = new Date("2026-11-27T10:00:30Z");
    t = createTestApp({ now: () => now });
    for (let i = 0; i < 10; i++) {
      await postJson(
        t.app,
        "/api/subscribe",
        { email: `r${i}@example.com`, consent: true },
        { "x-forwarded-for": `10.0.0.${i}` },
      );
    }
    const res = await postJson(t.app, "/api/subscribe", valid, { "x-forwarded-for": "10.0.0.99" });
    expect(res.status).toBe(429);
  });
});

describe("POST /api/subscribe: repeat signups never reveal status", () => {
  async function answers(app: TestApp["app"], email: string) {
    const json = await postJson(app, "/api/subscribe", { email, consent: true });
    const form = await postForm(app, "/api/subscribe", { email, consent: "yes" });
    return {
      json: { status: json.status, body: await json.text() },
      form: { status: form.status, location: form.headers.get("location") },
    };
  }

  it("new, pending, active and suppressed addresses all get the same answers", async () => {
    t = createTestApp();
    const fresh = await answers(t.app, "new@example.com");
    const pending = await seedSubscriber(t.db, { status: "pending" });
    const active = await seedSubscriber(t.db, { status: "active" });
    await suppress(t.db, "complainer@example.com", "complained");
    expect(await answers(t.app, pending.email)).toEqual(fresh);
    expect(await answers(t.app, active.email)).toEqual(fresh);
    expect(await answers(t.app, "complainer@example.com")).toEqual(fresh);
  });

  it("a pending subscriber gets the confirmation again at most once per 10 minutes; no duplicate row", async () => {
    let now = new Date("2026-11-27T10:00:00Z");
    t = createTestApp({ now: () => now });
    await postJson(t.app, "/api/subscribe", { email: "sam@example.com", consent: true, firstName: "Sam" });
    const sub = await subscriberByEmail(t.db, "sam@example.com");

    now = new Date("2026-11-27T10:09:59Z");
    await postJson(t.app, "/api/subscribe", { email: "SAM@example.com", consent: true });
    expect(t.inngestApi.events.map((e) => e.name)).toEqual(["newsletter/subscriber.created"]);

    now = new Date("2026-11-27T10:10:00Z");
    await postJson(t.app, "/api/subscribe", {
      email: "sam@EXAMPLE.com",
      consent: true,
      firstName: "Samantha",
    });
    expect(t.inngestApi.events.at(-1)).toMatchObject({
      id: `confirmation-requested:${sub?.id}:${now.getTime()}`,
      name: "newsletter/subscriber.confirmation-requested",
      data: { subscriberId: sub?.id, requestedAt: now.getTime() },
    });
    const rows = await t.db.select().from(subscribers);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ firstName: "Samantha", status: "pending", confirmationSentAt: now });
    // One consent record per signup that led to a confirmation.
    expect(await t.db.select().from(consents)).toHaveLength(2);
  });

  it("an active subscriber gets nothing new", async () => {
    t = createTestApp();
    const active = await seedSubscriber(t.db, { status: "active" });
    await postJson(t.app, "/api/subscribe", { email: active.email, consent: true, firstName: "Other" });
    expect(t.inngestApi.events).toEqual([]);
    expect(await counts(t.db)).toMatchObject({ subscribers: 1, consents: 0, pendingEvents: 0 });
    const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, active.id));
    expect(row).toMatchObject({ status: "active", firstName: "Sam" });
  });

  it("bounced, complained and provider-suppressed addresses: nothing sent, nothing changed", async () => {
    t = createTestApp();
    for (const reason of ["bounced", "complained", "provider_suppressed"] as const) {
      await suppress(t.db, `${reason}@example.com`, reason);
      await postJson(t.app, "/api/subscribe", { email: `${reason}@example.com`, consent: true });
    }
    const bounced = await seedSubscriber(t.db, { status: "bounced" });
    await postJson(t.app, "/api/subscribe", { email: bounced.email, consent: true });
    expect(t.inngestApi.events).toEqual([]);
    expect(await counts(t.db)).toMatchObject({ subscribers: 1, consents: 0, pendingEvents: 0 });
  });

  it("an erased person can come back through a fresh double opt-in", async () => {
    t = createTestApp();
    await suppress(t.db, "back@example.com", "erased");
    const res = await postJson(t.app, "/api/subscribe", { email: "back@example.com", consent: true });
    expect(res.status).toBe(202);
    const sub = await subscriberByEmail(t.db, "back@example.com");
    expect(sub?.status).toBe("pending");
    expect(t.inngestApi.named("newsletter/subscriber.created")).toHaveLength(1);
  });

  it("an unsubscribed person who signs up again is pending until they confirm again", async () => {
    t = createTestApp();
    const gone = await seedSubscriber(t.db, { status: "unsubscribed" });
    await postJson(t.app, "/api/subscribe", { email: gone.email, consent: true });
    const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, gone.id));
    expect(row?.status).toBe("pending");
    expect(t.inngestApi.named("newsletter/subscriber.confirmation-requested")).toHaveLength(1);
  });
});

describe("event bus down", () => {
  it("the signup is stored and answered; the reconciler later sends the same event id", async () => {
    const start = new Date("2026-11-27T10:00:00Z");
    t = createTestApp({ now: () => start });
    t.inngestApi.failing = true;
    const res = await postJson(t.app, "/api/subscribe", valid);
    expect(res.status).toBe(202);
    const sub = await subscriberByEmail(t.db, "sam.reader@example.com");
    expect(sub?.status).toBe("pending");
    const [pending] = await t.db.select().from(pendingEvents);
    expect(pending).toMatchObject({ id: `created:${sub?.id}`, sentAt: null, attempts: 1 });
    expect(t.inngestApi.events).toEqual([]);

    t.inngestApi.failing = false;
    const result = await reconcilePendingEvents({ ...t.deps, now: () => new Date(Date.now() + 60_000) });
    expect(result).toEqual({ sent: 1, remaining: 0 });
    expect(t.inngestApi.events).toEqual([
      expect.objectContaining({ id: `created:${sub?.id}`, name: "newsletter/subscriber.created" }),
    ]);
  });
});
