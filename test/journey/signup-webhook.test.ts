// POST /api/webhooks/signup: the HMAC scheme documented at the top of src/api/signup-webhook.ts, checked with
// node:crypto (an independent implementation), feeding the same signup path as the form.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { signSignupWebhook } from "../../src/api/signup-webhook.ts";
import { consents } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { counts, subscriberByEmail } from "./helpers.ts";

const SECRET = "test-signup-webhook-secret";
const NOW = new Date("2026-11-27T10:00:00Z");
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let t: TestApp;
afterEach(() => t?.close());

function sign(body: string, timestamp = nowSeconds, secret = SECRET) {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

function post(body: string, headers: Record<string, string>) {
  return t.app.request("/api/webhooks/signup", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

function signed(body: string, timestamp = nowSeconds) {
  return post(body, {
    "X-Hopemark-Timestamp": String(timestamp),
    "X-Hopemark-Signature": sign(body, timestamp),
  });
}

const payload = JSON.stringify({
  email: "Form.Reader@Example.com",
  consent: true,
  firstName: "Ana",
  country: "ie",
  source: "tally",
  page: "https://brand.example/newsletter?ref=1",
  ip: "203.0.113.20",
  userAgent: "Mozilla/5.0 (visitor)",
});

async function errorCode(res: Response) {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe("signup webhook", () => {
  it("our signer matches the documented scheme", async () => {
    expect(await signSignupWebhook(SECRET, nowSeconds, payload)).toBe(sign(payload));
  });

  it("a signed signup goes through the same double opt-in path, with the visitor's consent data", async () => {
    t = createTestApp({ now: () => NOW });
    const res = await signed(payload);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: "accepted" });
    const sub = await subscriberByEmail(t.db, "form.reader@example.com");
    expect(sub).toMatchObject({
      status: "pending",
      source: "webhook:tally",
      country: "IE",
      firstName: "Ana",
    });
    const [consent] = await t.db.select().from(consents);
    expect(consent).toMatchObject({
      action: "given",
      form: "webhook:tally",
      page: "https://brand.example/newsletter",
      ip: "203.0.113.20",
      userAgent: "Mozilla/5.0 (visitor)",
    });
    expect(t.inngestApi.named("newsletter/subscriber.created")).toHaveLength(1);
  });

  it("missing, malformed, wrong or stale signatures → 401 and nothing written", async () => {
    t = createTestApp({ now: () => NOW });
    const attempts = [
      post(payload, {}),
      post(payload, { "X-Hopemark-Timestamp": String(nowSeconds) }),
      post(payload, { "X-Hopemark-Signature": sign(payload) }),
      post(payload, {
        "X-Hopemark-Timestamp": String(nowSeconds),
        "X-Hopemark-Signature": sign(payload, nowSeconds, "another-secret-value"),
      }),
      post(payload, {
        "X-Hopemark-Timestamp": String(nowSeconds),
        "X-Hopemark-Signature": sign(payload).replace("sha256=", ""),
      }),
      post(payload, { "X-Hopemark-Timestamp": String(nowSeconds), "X-Hopemark-Signature": "sha256=zz" }),
      // The body changed after signing.
      post(payload.replace("Ana", "Eve"), {
        "X-Hopemark-Timestamp": String(nowSeconds),
        "X-Hopemark-Signature": sign(payload),
      }),
      // Signed for another timestamp than the one sent.
      post(payload, {
        "X-Hopemark-Timestamp": String(nowSeconds + 1),
        "X-Hopemark-Signature": sign(payload),
      }),
      signed(payload, nowSeconds - 301),
      signed(payload, nowSeconds + 301),
      post(payload, { "X-Hopemark-Timestamp": "soon", "X-Hopemark-Signature": sign(payload) }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(await errorCode(res)).toBe("invalid_signature");
    }
    expect(await counts(t.db)).toEqual({ subscribers: 0, consents: 0, pendingEvents: 0, outbox: 0 });
  });

  it("accepts timestamps within 5 minutes either way", async () => {
    t = createTestApp({ now: () => NOW });
    expect((await signed(payload, nowSeconds - 299)).status).toBe(202);
    expect((await signed(payload, nowSeconds + 299)).status).toBe(202);
  });

  it("signed but unusable bodies: 415, 400, 422", async () => {
    t = createTestApp({ now: () => NOW });
    const text = "email=a@example.com";
    const wrongType = await post(text, {
      "content-type": "text/plain",
      "X-Hopemark-Timestamp": String(nowSeconds),
      "X-Hopemark-Signature": sign(text),
    });
    expect(wrongType.status).toBe(415);
    const malformed = await signed('{"email":');
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe("malformed_json");
    const invalid = await signed(JSON.stringify({ email: "nope", ip: "not-an-ip" }));
    expect(invalid.status).toBe(422);
    const fields = ((await invalid.json()) as { error: { fields: Record<string, string[]> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["consent", "email", "ip"]);
    expect(await counts(t.db)).toEqual({ subscribers: 0, consents: 0, pendingEvents: 0, outbox: 0 });
  });

  it("an oversized body → 413", async () => {
    t = createTestApp({ now: () => NOW });
    const big = JSON.stringify({ email: "a@example.com", consent: true, pad: "x".repeat(9000) });
    const res = await signed(big);
    expect(res.status).toBe(413);
  });

  it("without SIGNUP_WEBHOOK_SECRET the endpoint says it is not configured (503)", async () => {
    t = createTestApp({ now: () => NOW, env: { SIGNUP_WEBHOOK_SECRET: undefined } });
    const res = await signed(payload);
    expect(res.status).toBe(503);
    expect(await errorCode(res)).toBe("webhook_not_configured");
  });
});
