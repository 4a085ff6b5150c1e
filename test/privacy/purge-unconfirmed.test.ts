// The purge-unconfirmed cron function (run with @inngest/test): data minimisation for people who never confirmed.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { consents, sends, subscribers } from "../../src/db/schema.ts";
import { createPurgeUnconfirmed, PURGE_PAGE_SIZE } from "../../src/functions/purge-unconfirmed.ts";
import { seedSend, seedSubscriber } from "../delivery/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

const NOW = new Date("2026-11-27T03:30:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 24 * 60 * 60 * 1000);

async function addConsent(subscriberId: string, at: Date) {
  await t.db.insert(consents).values({
    id: `con_${subscriberId}`,
    subscriberId,
    action: "given",
    at,
    form: "hosted-form",
    ip: "198.51.100.1",
    userAgent: "Test/1.0",
  });
}

async function person(
  email: string,
  options: { status: "pending" | "active" | "unsubscribed"; created: Date; confirmationSent?: Date },
) {
  const id = await seedSubscriber(t, email, { status: options.status, createdAt: options.created });
  await t.db
    .update(subscribers)
    .set({ confirmationSentAt: options.confirmationSent ?? options.created })
    .where(eq(subscribers.id, id));
  await addConsent(id, options.created);
  return id;
}

async function runPurge() {
  const engine = new InngestTestEngine({ function: createPurgeUnconfirmed(t.deps) });
  const { result } = await engine.execute();
  return result as { deleted: number; cutoff: string };
}

describe("purge-unconfirmed", () => {
  it("deletes pending sign-ups older than 30 days with their consents, and nobody else", async () => {
    t = createTestApp({ now: () => NOW });
    const stale = await person("stale@example.org", { status: "pending", created: daysAgo(31) });
    const staleSend = await seedSend(t, { subscriberId: stale, providerMessageId: "em_confirm_stale" });
    const fresh = await person("fresh@example.org", { status: "pending", created: daysAgo(29) });
    // Signed up long ago but asked for the confirmation again last week: their link may still be in use.
    const askedAgain = await person("again@example.org", {
      status: "pending",
      created: daysAgo(45),
      confirmationSent: daysAgo(5),
    });
    const active = await person("active@example.org", { status: "active", created: daysAgo(400) });
    const left = await person("left@example.org", { status: "unsubscribed", created: daysAgo(400) });

    const result = await runPurge();
    expect(result).toEqual({ deleted: 1, cutoff: daysAgo(30).toISOString() });

    const remaining = (await t.db.select({ id: subscribers.id }).from(subscribers)).map((r) => r.id).sort();
    expect(remaining).toEqual([fresh, askedAgain, active, left].sort());
    const consentOwners = (await t.db.select({ s: consents.subscriberId }).from(consents))
      .map((r) => r.s)
      .sort();
    expect(consentOwners).toEqual([fresh, askedAgain, active, left].sort());
    // The confirmation send stays as a statistic but no longer points at anyone.
    const [send] = await t.db.select().from(sends).where(eq(sends.id, staleSend));
    expect(send).toMatchObject({ subscriberId: null, idempotencyKey: `erased:${staleSend}` });
  });

  it("works through more than one page and stops when none are left", async () => {
    t = createTestApp({ now: () => NOW });
    const total = PURGE_PAGE_SIZE + 3;
    const rows = Array.from({ length: total }, (_, i) => ({
      id: `sub_bulk${String(i).padStart(4, "0")}`,
      email: `bulk${i}@example.org`,
      emailHash: `hash${i}`,
      status: "pending" as const,
      source: "hosted-form",
      createdAt: daysAgo(60),
      updatedAt: daysAgo(60),
    }));
    for (let i = 0; i < rows.length; i += 100) await t.db.insert(subscribers).values(rows.slice(i, i + 100));
    expect((await runPurge()).deleted).toBe(total);
    expect(await t.db.select().from(subscribers)).toEqual([]);
    expect((await runPurge()).deleted).toBe(0);
  });

  it("is registered with a daily cron trigger", async () => {
    t = createTestApp({ now: () => NOW });
    const fn = createPurgeUnconfirmed(t.deps);
    expect(fn.id()).toContain("purge-unconfirmed");
    expect(fn.opts.triggers).toEqual([{ cron: "TZ=UTC 30 3 * * *" }]);
  });
});
