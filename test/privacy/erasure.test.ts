// DELETE /api/admin/subscribers/:id: erasure leaves only the hash, cancels the drip, blocks every later send to
// the address, and lets the person back only through a fresh double opt-in.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { readEligiblePage } from "../../src/campaigns/audience.ts";
import { outbox, sends, subscribers, suppressions } from "../../src/db/schema.ts";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { confirmSubscriber } from "../../src/subscribers/confirm.ts";
import { findSubscriberByHash } from "../../src/subscribers/store.ts";
import { newSecret, resendEvent, seedCampaign, seedSubscriber, sendEvent } from "../delivery/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  ADMIN,
  alex,
  allRows,
  blake,
  createAlexAndBlake,
  rowsMentioning,
  runDrip,
  sendConfirmation,
  signUp,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const secret = newSecret();
async function setup() {
  t = createTestApp({ env: { RESEND_WEBHOOK_SECRET: secret, TRUST_PROXY: "1" } });
  return createAlexAndBlake(t);
}

const erase = (id: string) =>
  t.app.request(`/api/admin/subscribers/${id}`, { method: "DELETE", headers: ADMIN });

describe("erasure", () => {
  it("leaves only the hashed address, and nobody else's data changes", async () => {
    const { alexId, blakeId } = await setup();
    const alexHash = await hashEmail(alex.email);
    const blakeBefore = rowsMentioning(t, [blakeId, blake.email]);
    const sendsBefore = (await t.db.select().from(sends).where(eq(sends.subscriberId, alexId))).length;

    const res = await erase(alexId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ subscriberId: alexId, status: "erased" });

    // Nothing that identifies Alex is left anywhere: address, name, IP, user agent.
    for (const needle of [alex.email, "alex.moreau", alex.firstName, alex.ip, alex.userAgent]) {
      expect(rowsMentioning(t, [needle]), needle).toEqual([]);
    }
    // The hash survives, once, on the suppression list.
    expect(rowsMentioning(t, [alexHash])).toEqual([
      {
        table: "suppressions",
        row: { email_hash: alexHash, reason: "erased", created_at: expect.any(Number) },
      },
    ]);
    // The random id survives only in the cancel event that stops a running drip.
    expect(rowsMentioning(t, [alexId])).toEqual([
      {
        table: "pending_events",
        row: expect.objectContaining({ id: `erase:${alexId}`, name: "newsletter/subscriber.unsubscribed" }),
      },
    ]);
    // Delivery statistics remain, detached from any person.
    const detached = await t.db.select().from(sends).where(eq(sends.idempotencyKey, sends.idempotencyKey));
    expect(detached.filter((s) => s.subscriberId === null)).toHaveLength(sendsBefore);
    // Blake is untouched.
    expect(rowsMentioning(t, [blakeId, blake.email])).toEqual(blakeBefore);
  });

  it("cancels running drips with subscriber.unsubscribed (reason erased)", async () => {
    const { alexId } = await setup();
    t.inngestApi.clear();
    await erase(alexId);
    expect(t.inngestApi.events).toEqual([
      {
        id: `erase:${alexId}`,
        name: "newsletter/subscriber.unsubscribed",
        data: { subscriberId: alexId, reason: "erased" },
        ts: expect.any(Number),
      },
    ]);
  });

  it("is idempotent: a repeated DELETE answers 200 already_erased and changes nothing", async () => {
    const { alexId } = await setup();
    expect((await erase(alexId)).status).toBe(200);
    const after = allRows(t);
    for (let i = 0; i < 2; i++) {
      const again = await erase(alexId);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ subscriberId: alexId, status: "already_erased" });
    }
    expect(allRows(t)).toEqual(after);
    const unknown = await erase("sub_neverexisted");
    expect(unknown.status).toBe(404);
  });

  it("keeps a stricter suppression reason (a complaint stays a complaint)", async () => {
    const { alexId } = await setup();
    const [send] = await t.db.select().from(sends).where(eq(sends.subscriberId, alexId)).limit(1);
    await sendEvent(t, secret, resendEvent("email.complained", String(send?.providerMessageId), alex.email));
    await erase(alexId);
    const rows = await t.db.select().from(suppressions);
    expect(rows).toEqual([
      { emailHash: await hashEmail(alex.email), reason: "complained", createdAt: expect.any(Date) },
    ]);
  });

  it("a late delivery webhook for an erased person's email touches no one and recreates nothing", async () => {
    const { alexId } = await setup();
    const [send] = await t.db.select().from(sends).where(eq(sends.subscriberId, alexId)).limit(1);
    await erase(alexId);
    const { res } = await sendEvent(
      t,
      secret,
      resendEvent("email.bounced", String(send?.providerMessageId), alex.email, {
        bounce: { type: "Permanent", subType: "General", message: "gone" },
      }),
    );
    expect(res.status).toBe(200);
    expect(rowsMentioning(t, [alex.email])).toEqual([]);
    expect(
      await t.db
        .select()
        .from(subscribers)
        .where(eq(subscribers.emailHash, await hashEmail(alex.email))),
    ).toEqual([]);
  });
});

describe("after erasure nothing more is sent to the address", () => {
  it("a drip still running for the erased id sends nothing", async () => {
    const { alexId } = await setup();
    await erase(alexId);
    const outboxBefore = (await t.db.select().from(outbox)).length;
    const result = await runDrip(t, alexId);
    expect(result).toMatchObject({ completed: false, stoppedBefore: "welcome" });
    expect((await t.db.select().from(outbox)).length).toBe(outboxBefore);
  });

  it("the hash blocks both the drip and campaigns even if the address reappears as active without opt-in", async () => {
    const { alexId } = await setup();
    await erase(alexId);
    // E.g. a careless import writes the address straight back as active.
    const imported = await seedSubscriber(t, alex.email, { status: "active" });
    const outboxBefore = (await t.db.select().from(outbox)).length;

    const engine = new InngestTestEngine({
      function: createDripSeries(t.deps),
      steps: t.deps.content.lessons.map((l) => ({ id: `wait-before-${l.id}`, handler() {} })),
      events: [{ name: "newsletter/subscriber.confirmed", data: { subscriberId: imported } }],
    });
    const { result } = await engine.execute();
    expect(result).toMatchObject({
      completed: false,
      stoppedBefore: "welcome",
      outcome: { sent: false, reason: "suppressed" },
    });
    expect((await t.db.select().from(outbox)).length).toBe(outboxBefore);

    const campaignId = await seedCampaign(t, { status: "sending" });
    const page = await readEligiblePage(t.db, {
      campaignId,
      audience: {},
      afterId: null,
      limit: 100,
      preferences: { topics: t.deps.content.topics, now: t.deps.now() },
    });
    expect(page.map((r) => r.id)).not.toContain(imported);
    expect(page.length).toBe(1); // Blake only
  });

  it("re-subscription needs a fresh double opt-in: nothing but the confirmation goes out until they confirm", async () => {
    const { alexId } = await setup();
    await erase(alexId);

    const newId = await signUp(t, alex);
    expect(newId).not.toBe(alexId);
    expect((await findSubscriberByHash(t.db, await hashEmail(alex.email)))?.status).toBe("pending");

    // Before confirming: no welcome, no lesson, no campaign.
    const outboxBefore = (await t.db.select().from(outbox)).length;
    expect(await runDrip(t, newId)).toMatchObject({ completed: false, stoppedBefore: "welcome" });
    const campaignId = await seedCampaign(t, { status: "sending" });
    expect(
      (
        await readEligiblePage(t.db, {
          campaignId,
          audience: {},
          afterId: null,
          limit: 100,
          preferences: { topics: t.deps.content.topics, now: t.deps.now() },
        })
      ).map((r) => r.id),
    ).not.toContain(newId);
    expect((await t.db.select().from(outbox)).length).toBe(outboxBefore);

    // The confirmation email itself may go (an "erased" suppression does not block it)...
    expect(await sendConfirmation(t, newId)).toMatchObject({ sent: true });
    const sentNow = await t.db.select().from(outbox);
    expect(sentNow.length).toBe(outboxBefore + 1);
    expect(sentNow.at(-1)?.idempotencyKey).toBe(`${newId}:confirm:0`);
    expect((await t.db.select().from(suppressions)).map((s) => s.reason)).toEqual(["erased"]);

    // ...and only confirming lifts the suppression and starts the series again.
    expect(await confirmSubscriber(t.deps, newId, {})).toBe("confirmed");
    expect(await t.db.select().from(suppressions)).toEqual([]);
    expect(await runDrip(t, newId)).toMatchObject({ completed: true });
  });
});
