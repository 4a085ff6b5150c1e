// What each verified Resend event does to sends, subscribers, suppressions and the event bus.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { sends, suppressions, webhookEvents } from "../../src/db/schema.ts";
import {
  resendEmailBounced,
  resendEmailClicked,
  resendEmailComplained,
  resendEmailDelivered,
  resendEmailDeliveryDelayed,
  resendEmailFailed,
  resendEmailOpened,
  resendEmailSuppressed,
} from "../../src/inngest/events.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { unsentEvents } from "../../src/lib/pending-events.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  getSend,
  getSubscriber,
  newSecret,
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
const ADDRESS = "Robin.Reader@Example.org";

async function setup(
  options: { tracking?: boolean; status?: "active" | "pending" | "unsubscribed"; softBounces?: number } = {},
) {
  t = createTestApp({ env: { RESEND_WEBHOOK_SECRET: secret, TRACKING: options.tracking ? "on" : "off" } });
  const subscriberId = await seedSubscriber(t, ADDRESS, {
    status: options.status ?? "active",
    softBounces: options.softBounces ?? 0,
  });
  const sendId = await seedSend(t, { subscriberId, providerMessageId: "em_1" });
  return { subscriberId, sendId };
}

async function post(type: string, extra: Record<string, unknown> = {}, emailId = "em_1", to = ADDRESS) {
  const { res, msgId } = await sendEvent(t, secret, resendEvent(type, emailId, to, extra));
  expect(res.status).toBe(200);
  return { body: (await res.json()) as Record<string, unknown>, msgId };
}

const hardBounce = {
  bounce: { type: "Permanent", subType: "General", message: `550 5.1.1 <${ADDRESS}> user unknown` },
};
const softBounce = { bounce: { type: "Transient", subType: "MailboxFull", message: "mailbox full" } };

async function suppressionOf(address: string) {
  const [row] = await t.db
    .select()
    .from(suppressions)
    .where(eq(suppressions.emailHash, await hashEmail(address)));
  return row;
}

describe("email.delivered", () => {
  it("marks the send delivered, logs the event and resets the soft-bounce streak", async () => {
    const { subscriberId, sendId } = await setup({ softBounces: 2 });
    const { msgId } = await post("email.delivered");
    const send = await getSend(t, sendId);
    expect(send?.status).toBe("delivered");
    expect(send?.events).toEqual([
      { type: "sent", at: expect.any(Number) },
      { type: "delivered", at: expect.any(Number) },
    ]);
    expect((await getSubscriber(t, subscriberId))?.softBounces).toBe(0);
    expect(t.inngestApi.events).toEqual([
      {
        id: `resend:${msgId}`,
        name: "resend/email.delivered",
        data: {
          webhookId: msgId,
          emailId: "em_1",
          sendId,
          subscriberId,
          campaignId: null,
          occurredAt: expect.any(Number),
        },
        ts: expect.any(Number),
      },
    ]);
  });

  it("does not move a bounced send back to delivered when events arrive out of order", async () => {
    const { sendId } = await setup();
    await post("email.bounced", softBounce);
    await post("email.delivered");
    const send = await getSend(t, sendId);
    expect(send?.status).toBe("bounced");
    expect(send?.events.map((e) => e.type)).toEqual(["sent", "bounced", "delivered"]);
  });
});

describe("email.bounced", () => {
  it("a hard bounce suppresses the address, marks the subscriber bounced and cancels the drip", async () => {
    const { subscriberId, sendId } = await setup();
    const { msgId } = await post("email.bounced", hardBounce);
    const send = await getSend(t, sendId);
    expect(send?.status).toBe("bounced");
    // The classification is kept; the server's text (which quotes the address) is not.
    expect(send?.events.at(-1)).toEqual({
      type: "bounced",
      at: expect.any(Number),
      detail: "Permanent/General",
    });
    expect(JSON.stringify(send)).not.toMatch(/example\.org/i);
    expect((await getSubscriber(t, subscriberId))?.status).toBe("bounced");
    expect((await suppressionOf(ADDRESS))?.reason).toBe("bounced");
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toEqual([
      {
        id: `${msgId}:unsubscribed`,
        name: "newsletter/subscriber.unsubscribed",
        data: { subscriberId, reason: "bounced" },
        ts: expect.any(Number),
      },
    ]);
    expect(t.inngestApi.named("resend/email.bounced")).toMatchObject([
      { data: { bounceType: "Permanent", bounceSubType: "General", hard: true, subscriberId } },
    ]);
  });

  it("soft bounces are counted and the third in a row suppresses", async () => {
    const { subscriberId } = await setup();
    const s2 = await seedSend(t, { subscriberId, providerMessageId: "em_2" });
    const s3 = await seedSend(t, { subscriberId, providerMessageId: "em_3" });

    await post("email.bounced", softBounce, "em_1");
    await post("email.bounced", softBounce, "em_2");
    expect(await getSubscriber(t, subscriberId)).toMatchObject({ softBounces: 2, status: "active" });
    expect(await suppressionOf(ADDRESS)).toBeUndefined();
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toEqual([]);

    await post("email.bounced", softBounce, "em_3");
    expect(await getSubscriber(t, subscriberId)).toMatchObject({ softBounces: 3, status: "bounced" });
    expect((await suppressionOf(ADDRESS))?.reason).toBe("bounced");
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toMatchObject([
      { data: { subscriberId, reason: "bounced" } },
    ]);
    expect((await getSend(t, s2))?.status).toBe("bounced");
    expect((await getSend(t, s3))?.status).toBe("bounced");
  });

  it("a delivery between soft bounces breaks the streak", async () => {
    const { subscriberId } = await setup();
    for (const id of ["em_2", "em_3", "em_4"]) await seedSend(t, { subscriberId, providerMessageId: id });
    await post("email.bounced", softBounce, "em_1");
    await post("email.bounced", softBounce, "em_2");
    await post("email.delivered", {}, "em_3");
    await post("email.bounced", softBounce, "em_4");
    expect(await getSubscriber(t, subscriberId)).toMatchObject({ softBounces: 1, status: "active" });
    expect(await suppressionOf(ADDRESS)).toBeUndefined();
  });

  it("an Undetermined bounce counts as soft", async () => {
    const { subscriberId } = await setup();
    await post("email.bounced", { bounce: { type: "Undetermined", subType: "Undetermined", message: "?" } });
    expect(await getSubscriber(t, subscriberId)).toMatchObject({ softBounces: 1, status: "active" });
  });

  it("a hard bounce for someone who had unsubscribed suppresses the address but keeps their own choice", async () => {
    const { subscriberId } = await setup({ status: "unsubscribed" });
    await post("email.bounced", hardBounce);
    expect((await getSubscriber(t, subscriberId))?.status).toBe("unsubscribed");
    expect((await suppressionOf(ADDRESS))?.reason).toBe("bounced");
    // No drip runs for them, so there is nothing to cancel.
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toEqual([]);
  });

  it("without a sends row (e.g. after erasure) it finds the subscriber by the recipient's hash", async () => {
    const { subscriberId } = await setup();
    await post("email.bounced", hardBounce, "em_unknown");
    expect((await getSubscriber(t, subscriberId))?.status).toBe("bounced");
    expect((await suppressionOf(ADDRESS))?.reason).toBe("bounced");
  });

  it("without a sends row or a subscriber it still writes the suppression by hash", async () => {
    await setup();
    await post("email.bounced", hardBounce, "em_unknown", "Gone.Person@Example.net");
    expect((await suppressionOf("gone.person@example.net"))?.reason).toBe("bounced");
    expect(t.inngestApi.named("resend/email.bounced")).toMatchObject([
      { data: { sendId: null, subscriberId: null } },
    ]);
  });
});

describe("email.complained", () => {
  it("marks the send and the subscriber complained, suppresses and cancels the drip", async () => {
    const { subscriberId, sendId } = await setup();
    await post("email.complained");
    expect((await getSend(t, sendId))?.status).toBe("complained");
    expect((await getSubscriber(t, subscriberId))?.status).toBe("complained");
    expect((await suppressionOf(ADDRESS))?.reason).toBe("complained");
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toMatchObject([
      { data: { subscriberId, reason: "complained" } },
    ]);
    expect(t.inngestApi.named("resend/email.complained")).toHaveLength(1);
  });

  it("a complaint from someone who already unsubscribed is still recorded as a complaint", async () => {
    const { subscriberId } = await setup({ status: "unsubscribed" });
    await post("email.complained");
    expect((await getSubscriber(t, subscriberId))?.status).toBe("complained");
    expect((await suppressionOf(ADDRESS))?.reason).toBe("complained");
  });
});

describe("email.suppressed", () => {
  it("marks the send suppressed, the subscriber bounced and suppresses as provider_suppressed", async () => {
    const { subscriberId, sendId } = await setup({ status: "pending" });
    await post("email.suppressed", {
      suppressed: { type: "OnAccountSuppressionList", message: "suppressed" },
    });
    const send = await getSend(t, sendId);
    expect(send?.status).toBe("suppressed");
    expect(send?.events.at(-1)).toMatchObject({ type: "suppressed", detail: "OnAccountSuppressionList" });
    expect((await getSubscriber(t, subscriberId))?.status).toBe("bounced");
    expect((await suppressionOf(ADDRESS))?.reason).toBe("provider_suppressed");
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toMatchObject([
      { data: { subscriberId, reason: "provider_suppressed" } },
    ]);
  });
});

describe("email.failed and email.delivery_delayed", () => {
  it("a failed send records a redacted reason and leaves the subscriber alone", async () => {
    const { subscriberId, sendId } = await setup();
    await post("email.failed", { failed: { reason: `Invalid recipient ${ADDRESS}` } });
    const send = await getSend(t, sendId);
    expect(send?.status).toBe("failed");
    expect(send?.error).toBe("Invalid recipient [email]");
    expect(await getSubscriber(t, subscriberId)).toMatchObject({ status: "active", softBounces: 0 });
    expect(await suppressionOf(ADDRESS)).toBeUndefined();
    expect(t.inngestApi.named("resend/email.failed")).toMatchObject([
      { data: { reason: "Invalid recipient [email]" } },
    ]);
  });

  it("a delay moves the send to delivery_delayed, and a later delivery to delivered", async () => {
    const { sendId } = await setup();
    await post("email.delivery_delayed");
    expect((await getSend(t, sendId))?.status).toBe("delivery_delayed");
    await post("email.delivered");
    expect((await getSend(t, sendId))?.status).toBe("delivered");
  });
});

describe("opens and clicks", () => {
  it("are acknowledged and dropped while tracking is off", async () => {
    const { sendId } = await setup({ tracking: false });
    for (const type of ["email.opened", "email.clicked"]) {
      const { body } = await post(
        type,
        type === "email.clicked" ? { click: { link: "https://x.test/?token=abc" } } : {},
      );
      expect(body).toEqual({ received: true, ignored: "tracking_off" });
    }
    const send = await getSend(t, sendId);
    expect(send).toMatchObject({ openedAt: null, clickedAt: null });
    expect(send?.events.map((e) => e.type)).toEqual(["sent"]);
    expect(t.inngestApi.events).toEqual([]);
  });

  it("are stored (first time wins) and forwarded when TRACKING=on", async () => {
    const { sendId } = await setup({ tracking: true });
    const first = new Date(Date.now() - 60_000).toISOString();
    await sendEvent(t, secret, resendEvent("email.opened", "em_1", ADDRESS, {}, first));
    await post("email.opened");
    await post("email.clicked", {
      click: { link: "https://hopemark.test/lesson", ipAddress: "203.0.113.9" },
    });
    const send = await getSend(t, sendId);
    expect(send?.openedAt?.toISOString()).toBe(first);
    expect(send?.clickedAt).toBeInstanceOf(Date);
    expect(send?.status).toBe("sent");
    expect(send?.events.map((e) => e.type)).toEqual(["sent", "opened", "opened", "clicked"]);
    // Neither the link (it may carry a token) nor the IP leaves the handler.
    expect(JSON.stringify(t.inngestApi.events)).not.toMatch(/hopemark\.test|203\.0\.113/);
    expect(t.inngestApi.named("resend/email.clicked")).toHaveLength(1);
  });
});

describe("robustness", () => {
  it("when the event bus is down the effect is still applied and the events wait in the outbox", async () => {
    const { subscriberId } = await setup();
    t.inngestApi.failing = true;
    const { msgId } = await post("email.complained");
    expect((await getSubscriber(t, subscriberId))?.status).toBe("complained");
    expect((await unsentEvents(t.db)).map((e) => e.id).sort()).toEqual(
      [`${msgId}:unsubscribed`, `resend:${msgId}`].sort(),
    );
  });

  it("when the database write fails nothing is half-written and the answer is 503 so Resend retries", async () => {
    const { subscriberId, sendId } = await setup();
    // Make the last statement of the batch (the outbox insert) fail.
    t.sqlite.exec(
      "CREATE TRIGGER fail_outbox BEFORE INSERT ON pending_events BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    );
    const body = JSON.stringify(resendEvent("email.bounced", "em_1", ADDRESS, hardBounce));
    const headers = svixHeaders(body, { secret });
    const res = await postWebhook(t, body, headers);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "temporarily_unavailable" } });
    expect((await getSend(t, sendId))?.status).toBe("sent");
    expect((await getSubscriber(t, subscriberId))?.status).toBe("active");
    expect(await suppressionOf(ADDRESS)).toBeUndefined();
    expect(await t.db.select().from(webhookEvents)).toEqual([]);

    // Once the database recovers, Resend's retry (same svix-id) is applied in full.
    t.sqlite.exec("DROP TRIGGER fail_outbox");
    expect((await postWebhook(t, body, headers)).status).toBe(200);
    expect((await getSend(t, sendId))?.status).toBe("bounced");
    expect((await getSubscriber(t, subscriberId))?.status).toBe("bounced");
    expect((await suppressionOf(ADDRESS))?.reason).toBe("bounced");
  });

  it("two concurrent deliveries of the same webhook apply it once (the svix-id key decides)", async () => {
    const { subscriberId, sendId } = await setup();
    const body = JSON.stringify(resendEvent("email.bounced", "em_1", ADDRESS, softBounce));
    const headers = svixHeaders(body, { secret });
    const answers = await Promise.all([postWebhook(t, body, headers), postWebhook(t, body, headers)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(bodies).toContainEqual({ received: true });
    expect(bodies).toContainEqual({ received: true, duplicate: true });
    expect((await getSubscriber(t, subscriberId))?.softBounces).toBe(1);
    expect((await getSend(t, sendId))?.events.map((e) => e.type)).toEqual(["sent", "bounced"]);
  });

  it("forwards each of the eight event types as its typed Inngest event, valid against the schema", async () => {
    await setup({ tracking: true });
    const typed = [
      ["email.delivered", resendEmailDelivered, {}],
      ["email.delivery_delayed", resendEmailDeliveryDelayed, {}],
      ["email.bounced", resendEmailBounced, softBounce],
      ["email.failed", resendEmailFailed, { failed: { reason: "reached_daily_quota" } }],
      ["email.suppressed", resendEmailSuppressed, { suppressed: { type: "OnAccountSuppressionList" } }],
      ["email.opened", resendEmailOpened, {}],
      ["email.clicked", resendEmailClicked, { click: { link: "https://hopemark.test/" } }],
      ["email.complained", resendEmailComplained, {}],
    ] as const;
    for (const [type, eventType, extra] of typed) {
      const { msgId } = await post(type, extra);
      const sent = t.inngestApi.events.find((e) => e.id === `resend:${msgId}`);
      expect(sent?.name).toBe(eventType.name);
      expect(eventType.schema.safeParse(sent?.data).success, type).toBe(true);
    }
  });

  it("never writes the recipient's address to the logs", async () => {
    await setup();
    await post("email.bounced", hardBounce);
    await post("email.failed", { failed: { reason: `Invalid recipient ${ADDRESS}` } });
    expect(t.logLines.join("\n")).not.toMatch(/robin\.reader/i);
  });

  it("keeps sends of other people untouched", async () => {
    const { sendId } = await setup();
    const other = await seedSubscriber(t, "other@example.org");
    const otherSend = await seedSend(t, { subscriberId: other, providerMessageId: "em_other" });
    await post("email.complained");
    expect((await getSend(t, sendId))?.status).toBe("complained");
    expect((await getSend(t, otherSend))?.status).toBe("sent");
    expect((await getSubscriber(t, other))?.status).toBe("active");
    expect(await t.db.select().from(sends).where(eq(sends.status, "complained"))).toHaveLength(1);
  });
});
