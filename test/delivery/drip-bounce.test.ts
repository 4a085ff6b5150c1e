// Acceptance: after a bounce webhook for a subscriber in the middle of the drip, no further lesson is sent.
// The real drip-series function runs under @inngest/test; the webhook arrives while it sleeps between lessons.
import { InngestTestEngine } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { outbox, sends } from "../../src/db/schema.ts";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { getSubscriber, newSecret, resendEvent, seedSubscriber, sendEvent } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const secret = newSecret();
const ADDRESS = "drip.reader@example.org";

/** Runs the whole series; `during` maps a sleep step id to what happens in the world while it sleeps. */
async function runDrip(subscriberId: string, during: Record<string, () => Promise<void>> = {}) {
  const fn = createDripSeries(t.deps);
  // Fresh steps and engine per scenario (the engine mutates the array and caches mocks).
  const steps = t.deps.content.lessons.map((lesson) => {
    const id = `wait-before-${lesson.id}`;
    return { id, handler: async () => (await during[id]?.()) ?? null };
  });
  const engine = new InngestTestEngine({
    function: fn,
    steps,
    events: [{ name: "newsletter/subscriber.confirmed", data: { subscriberId } }],
  });
  const { result } = await engine.execute();
  return result as Record<string, unknown>;
}

async function sentKeys() {
  return (await t.db.select({ key: outbox.idempotencyKey }).from(outbox).orderBy(asc(outbox.createdAt))).map(
    (r) => r.key,
  );
}

async function providerIdOf(idempotencyKey: string) {
  const [row] = await t.db
    .select({ id: sends.providerMessageId })
    .from(sends)
    .where(eq(sends.idempotencyKey, idempotencyKey));
  if (!row?.id) throw new Error(`no send recorded for ${idempotencyKey}`);
  return row.id;
}

describe("bounce in the middle of the drip", () => {
  it("control: without feedback the whole series goes out", async () => {
    t = createTestApp({ env: { RESEND_WEBHOOK_SECRET: secret } });
    const subscriberId = await seedSubscriber(t, ADDRESS);
    const result = await runDrip(subscriberId);
    expect(result).toMatchObject({ completed: true });
    expect(await sentKeys()).toEqual([
      `${subscriberId}:welcome`,
      ...t.deps.content.lessons.map((l) => `${subscriberId}:${l.id}`),
    ]);
  });

  for (const [label, type, extra, status] of [
    [
      "hard bounce",
      "email.bounced",
      { bounce: { type: "Permanent", subType: "General", message: "user unknown" } },
      "bounced",
    ],
    ["complaint", "email.complained", {}, "complained"],
  ] as const) {
    it(`a ${label} on lesson 2 stops the series before lesson 3`, async () => {
      t = createTestApp({ env: { RESEND_WEBHOOK_SECRET: secret } });
      const subscriberId = await seedSubscriber(t, ADDRESS);
      const lessons = t.deps.content.lessons;
      const [l1, l2, l3] = lessons;
      if (!l1 || !l2 || !l3) throw new Error("the drip needs at least three lessons for this test");

      const result = await runDrip(subscriberId, {
        [`wait-before-${l3.id}`]: async () => {
          const emailId = await providerIdOf(`${subscriberId}:${l2.id}`);
          const { res } = await sendEvent(t, secret, resendEvent(type, emailId, ADDRESS, extra));
          expect(res.status).toBe(200);
        },
      });

      expect((await getSubscriber(t, subscriberId))?.status).toBe(status);
      expect(result).toMatchObject({ completed: false, stoppedBefore: l3.id, status });
      expect(await sentKeys()).toEqual([
        `${subscriberId}:welcome`,
        `${subscriberId}:${l1.id}`,
        `${subscriberId}:${l2.id}`,
      ]);
      // And the cancel signal the drip's cancelOn listens for went out.
      expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toMatchObject([
        { data: { subscriberId, reason: status } },
      ]);
    });
  }
});
