// Two first signups for one address at the same moment: both read "no subscriber", both insert, the unique
// index rejects one. The loser must re-read and take the existing-subscriber path, not fail with a 500.
// The race is made deterministic by letting the first lookup miss a row that already exists.
import { afterEach, expect, it, vi } from "vitest";
import { subscribers } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postJson, seedSubscriber } from "./helpers.ts";

const race = vi.hoisted(() => ({ missNextLookup: false }));
vi.mock("../../src/subscribers/store.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/subscribers/store.ts")>();
  return {
    ...original,
    findSubscriberByHash: async (...args: Parameters<typeof original.findSubscriberByHash>) => {
      if (race.missNextLookup) {
        race.missNextLookup = false;
        return undefined;
      }
      return original.findSubscriberByHash(...args);
    },
  };
});

let t: TestApp;
afterEach(() => t?.close());

it("the losing insert re-reads and answers like any repeat signup", async () => {
  t = createTestApp();
  const winner = await seedSubscriber(t.db, { status: "pending" });
  race.missNextLookup = true;
  const res = await postJson(t.app, "/api/subscribe", { email: winner.email, consent: true });
  expect(res.status).toBe(202);
  expect(race.missNextLookup).toBe(false);
  expect(await t.db.select().from(subscribers)).toHaveLength(1);
  // The seeded subscriber has no confirmationSentAt, so the loser's retry re-sends the confirmation once.
  expect(t.inngestApi.named("newsletter/subscriber.confirmation-requested")).toHaveLength(1);
});
