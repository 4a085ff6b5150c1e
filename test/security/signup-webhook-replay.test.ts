// The signed signup webhook: Standard Webhooks signatures (made here by the real `standardwebhooks` library, an
// independent implementation), and no replay inside the 5-minute window, for either signature scheme.
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { consents, subscribers } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

const SECRET = "test-signup-webhook-secret";
const NOW = new Date("2026-11-27T10:00:00Z");

let t: TestApp | undefined;
afterEach(() => t?.close());

const body = JSON.stringify({ email: "form.reader@example.com", consent: true, source: "tally" });

function post(raw: string, headers: Record<string, string>) {
  return (t as TestApp).app.request("/api/webhooks/signup", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: raw,
  });
}

function standardHeaders(raw: string, id: string, at = NOW, secret = SECRET) {
  const signature = new Webhook(secret, { format: "raw" }).sign(id, at, raw);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

async function rows() {
  const app = t as TestApp;
  return {
    subscribers: (await app.db.select().from(subscribers)).length,
    consents: (await app.db.select().from(consents)).length,
  };
}

describe("signup webhook, Standard Webhooks scheme", () => {
  it("accepts a message signed by the standardwebhooks library", async () => {
    t = createTestApp({ now: () => NOW });
    const res = await post(body, standardHeaders(body, "msg_1"));
    expect(res.status).toBe(202);
    expect(await rows()).toEqual({ subscribers: 1, consents: 1 });
    expect(t.inngestApi.named("newsletter/subscriber.created")).toHaveLength(1);
  });

  it("accepts a whsec_ secret as its base64 key", async () => {
    const secret = `whsec_${Buffer.from("a signup webhook key of 32 bytes").toString("base64")}`;
    t = createTestApp({ now: () => NOW, env: { SIGNUP_WEBHOOK_SECRET: secret } });
    const signature = new Webhook(secret).sign("msg_w", NOW, body);
    const res = await post(body, { ...standardHeaders(body, "msg_w"), "webhook-signature": signature });
    expect(res.status).toBe(202);
  });

  it("refuses a wrong key, a changed body, a changed id and a stale timestamp", async () => {
    t = createTestApp({ now: () => NOW });
    const good = standardHeaders(body, "msg_2");
    const attempts = [
      post(body, standardHeaders(body, "msg_2", NOW, "another-secret-value")),
      post(body.replace("tally", "typeform"), good),
      post(body, { ...good, "webhook-id": "msg_3" }),
      post(body, standardHeaders(body, "msg_4", new Date(NOW.getTime() - 6 * 60_000))),
      post(body, { ...good, "webhook-signature": "v1,not-base64" }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(401);
    expect(await rows()).toEqual({ subscribers: 0, consents: 0 });
  });

  it("a replayed message id changes nothing, even for another address's body", async () => {
    t = createTestApp({ now: () => NOW });
    expect((await post(body, standardHeaders(body, "msg_5"))).status).toBe(202);
    const again = await post(body, standardHeaders(body, "msg_5"));
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await rows()).toEqual({ subscribers: 1, consents: 1 });
  });
});

describe("signup webhook, original scheme during its deprecation", () => {
  const legacy = (raw: string, ts: number) => ({
    "X-Hopemark-Timestamp": String(ts),
    "X-Hopemark-Signature": `sha256=${createHmac("sha256", SECRET).update(`${ts}.${raw}`).digest("hex")}`,
  });

  it("is still accepted, but the same signed request twice is a replay and changes nothing", async () => {
    t = createTestApp({ now: () => NOW });
    const ts = Math.floor(NOW.getTime() / 1000);
    expect((await post(body, legacy(body, ts))).status).toBe(202);
    const replay = await post(body, legacy(body, ts));
    expect(replay.status).toBe(202);
    expect(await replay.json()).toMatchObject({ duplicate: true });
    // Each replay would otherwise add a consent record (and, past the throttle, another confirmation).
    expect(await rows()).toEqual({ subscribers: 1, consents: 1 });
    // A new timestamp is a new message.
    expect((await post(body, legacy(body, ts + 1))).status).toBe(202);
  });
});
