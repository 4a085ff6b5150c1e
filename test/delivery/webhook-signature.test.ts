// POST /api/webhooks/resend: signatures are made by the real `svix` and `standardwebhooks` signers.
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { sends, webhookEvents } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  getSend,
  getSubscriber,
  newSecret,
  nextMsgId,
  postWebhook,
  resendEvent,
  seedSend,
  seedSubscriber,
  sendEvent,
  svixHeaders,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const secret = newSecret();

async function setup(options: { now?: () => Date; env?: Record<string, string> } = {}) {
  t = createTestApp({
    env: { RESEND_WEBHOOK_SECRET: secret, ...options.env },
    ...(options.now ? { now: options.now } : {}),
  });
  const subscriberId = await seedSubscriber(t, "robin@example.org");
  const sendId = await seedSend(t, { subscriberId, providerMessageId: "em_1" });
  return { subscriberId, sendId };
}

const delivered = () => JSON.stringify(resendEvent("email.delivered", "em_1", "robin@example.org"));

async function nothingChanged(sendId: string) {
  expect((await getSend(t, sendId))?.status).toBe("sent");
  expect(await t.db.select().from(webhookEvents)).toEqual([]);
  expect(t.inngestApi.events).toEqual([]);
}

describe("Resend webhook signature verification", () => {
  it("accepts a webhook signed by the real Svix signer and acts on it", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const headers = svixHeaders(body, { secret });
    const res = await postWebhook(t, body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    const send = await getSend(t, sendId);
    expect(send?.status).toBe("delivered");
    expect(send?.events.map((e) => e.type)).toEqual(["sent", "delivered"]);
    expect(await t.db.select({ id: webhookEvents.id }).from(webhookEvents)).toEqual([
      { id: headers["svix-id"] },
    ]);
    expect(t.inngestApi.named("resend/email.delivered")).toMatchObject([
      { id: `resend:${headers["svix-id"]}`, data: { emailId: "em_1", sendId } },
    ]);
  });

  it("accepts the unbranded Standard Webhooks headers signed by the standardwebhooks package", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const id = nextMsgId();
    const now = new Date();
    const res = await postWebhook(t, body, {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new StandardWebhook(secret).sign(id, now, body),
    });
    expect(res.status).toBe(200);
    expect((await getSend(t, sendId))?.status).toBe("delivered");
  });

  it("rejects a tampered body with 401 and changes nothing", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const headers = svixHeaders(body, { secret });
    const tampered = body.replace("email.delivered", "email.complained");
    const res = await postWebhook(t, tampered, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_signature" } });
    await nothingChanged(sendId);
    expect((await t.db.select().from(sends))[0]?.status).toBe("sent");
  });

  it("rejects a body with one byte of whitespace added", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const res = await postWebhook(t, `${body} `, svixHeaders(body, { secret }));
    expect(res.status).toBe(401);
    await nothingChanged(sendId);
  });

  it("rejects a signature made with another secret", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const res = await postWebhook(t, body, svixHeaders(body, { secret: newSecret() }));
    expect(res.status).toBe(401);
    await nothingChanged(sendId);
  });

  it("rejects a stale timestamp (older than 5 minutes), even with a valid signature over it", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const res = await postWebhook(
      t,
      body,
      svixHeaders(body, { secret, date: new Date(Date.now() - 5 * 60_000 - 5_000) }),
    );
    expect(res.status).toBe(401);
    await nothingChanged(sendId);
  });

  it("accepts a timestamp 4 minutes old", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const res = await postWebhook(
      t,
      body,
      svixHeaders(body, { secret, date: new Date(Date.now() - 4 * 60_000) }),
    );
    expect(res.status).toBe(200);
    expect((await getSend(t, sendId))?.status).toBe("delivered");
  });

  it("rejects a timestamp more than 5 minutes in the future", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const res = await postWebhook(
      t,
      body,
      svixHeaders(body, { secret, date: new Date(Date.now() + 6 * 60_000) }),
    );
    expect(res.status).toBe(401);
    await nothingChanged(sendId);
  });

  it("enforces the 5-minute window against the injected clock, not only the SDK's system clock", async () => {
    // Signed "now" by the system clock, which the SDK accepts; our clock says it arrived 6 minutes later.
    const { sendId } = await setup({ now: () => new Date(Date.now() + 6 * 60_000) });
    const body = delivered();
    const res = await postWebhook(t, body, svixHeaders(body, { secret }));
    expect(res.status).toBe(401);
    await nothingChanged(sendId);
  });

  for (const header of ["svix-id", "svix-timestamp", "svix-signature"]) {
    it(`rejects a request without ${header}`, async () => {
      const { sendId } = await setup();
      const body = delivered();
      const headers = svixHeaders(body, { secret });
      delete headers[header];
      const res = await postWebhook(t, body, headers);
      expect(res.status).toBe(401);
      await nothingChanged(sendId);
    });
  }

  for (const signature of ["garbage", "v1,", "v2,AAAA", "v1,not-base64!!"]) {
    it(`rejects a malformed signature header (${signature})`, async () => {
      const { sendId } = await setup();
      const body = delivered();
      const res = await postWebhook(t, body, {
        ...svixHeaders(body, { secret }),
        "svix-signature": signature,
      });
      expect(res.status).toBe(401);
      await nothingChanged(sendId);
    });
  }

  it("rejects a non-numeric timestamp", async () => {
    const { sendId } = await setup();
    const body = delivered();
    const res = await postWebhook(t, body, {
      ...svixHeaders(body, { secret }),
      "svix-timestamp": "yesterday",
    });
    expect(res.status).toBe(401);
    await nothingChanged(sendId);
  });

  it("a replayed webhook (same svix-id) is acknowledged but changes nothing the second time", async () => {
    const { subscriberId, sendId } = await setup();
    const body = JSON.stringify(
      resendEvent("email.bounced", "em_1", "robin@example.org", {
        bounce: { type: "Transient", subType: "MailboxFull", message: "mailbox full" },
      }),
    );
    const headers = svixHeaders(body, { secret });
    const first = await postWebhook(t, body, headers);
    const second = await postWebhook(t, body, headers);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    expect((await getSubscriber(t, subscriberId))?.softBounces).toBe(1);
    expect((await getSend(t, sendId))?.events.map((e) => e.type)).toEqual(["sent", "bounced"]);
    expect(t.inngestApi.named("resend/email.bounced")).toHaveLength(1);
  });

  it("answers 503 (not 500) with a clear error when RESEND_WEBHOOK_SECRET is not configured", async () => {
    t = createTestApp();
    const body = delivered();
    const res = await postWebhook(t, body, svixHeaders(body, { secret }));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      error: { code: "webhook_not_configured", message: expect.stringContaining("RESEND_WEBHOOK_SECRET") },
    });
  });

  it("answers 503 when the configured secret is not a valid Svix secret", async () => {
    t = createTestApp({ env: { RESEND_WEBHOOK_SECRET: "whsec_%%%not-base64%%%" } });
    const body = delivered();
    const res = await postWebhook(t, body, svixHeaders(body, { secret }));
    expect(res.status).toBe(503);
  });

  it("answers 400 for malformed JSON under a valid signature", async () => {
    const { sendId } = await setup();
    const body = '{"type":"email.delivered","data":{';
    const res = await postWebhook(t, body, svixHeaders(body, { secret }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
    await nothingChanged(sendId);
  });

  it("answers 400 for an empty body under a valid signature", async () => {
    await setup();
    const res = await postWebhook(t, "", svixHeaders("", { secret }));
    expect(res.status).toBe(400);
  });

  it("answers 400 with field errors when a handled event lacks its email id", async () => {
    const { sendId } = await setup();
    const { res } = await sendEvent(t, secret, {
      type: "email.delivered",
      created_at: new Date().toISOString(),
      data: { to: [] },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "invalid_payload", fields: { "data.email_id": expect.any(Array) } },
    });
    await nothingChanged(sendId);
  });

  for (const type of ["contact.created", "email.sent", "domain.updated", "something.new"]) {
    it(`acknowledges and ignores the unhandled event type ${type}`, async () => {
      const { sendId } = await setup();
      const { res } = await sendEvent(t, secret, resendEvent(type, "em_1", "robin@example.org"));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true, ignored: "unhandled_event_type" });
      await nothingChanged(sendId);
    });
  }
});
