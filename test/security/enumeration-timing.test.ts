// Nobody can learn who is on the list from how long the signup takes. Status, body and headers were already the
// same for every state; the time was not: only a new address waited for the event send. With an event API
// 150 ms away, every state must answer in the same time (within a few milliseconds), because the answer goes
// out once the atomic write is done and the events are sent afterwards.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { subscribers } from "../../src/db/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { seedSubscriber, suppress } from "../journey/helpers.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const EVENT_API_DELAY_MS = 150;
const SAMPLES = 12;
const MAX_SPREAD_MS = 5;

type State = "new" | "pending" | "pending-throttled" | "active" | "unsubscribed" | "bounced";
const STATES: State[] = ["new", "pending", "pending-throttled", "active", "unsubscribed", "bounced"];

let n = 0;
/** A fresh address in the given state, so every sample takes that state's path (not the throttled one). */
async function addressIn(app: TestApp, state: State): Promise<string> {
  const email = `timing${++n}@example.com`;
  if (state === "new") return email;
  if (state === "bounced") {
    await seedSubscriber(app.db, { email, status: "bounced" });
    await suppress(app.db, email, "bounced");
    return email;
  }
  const status = state === "pending-throttled" ? "pending" : state;
  const { id } = await seedSubscriber(app.db, { email, status });
  if (state === "pending-throttled") {
    await app.db.update(subscribers).set({ confirmationSentAt: new Date() }).where(eq(subscribers.id, id));
  }
  return email;
}

/** The bare app.fetch: no execution context, so nothing is awaited after the answer. */
async function timedSignup(app: TestApp, email: string): Promise<number> {
  const request = new Request("http://newsletter.test/api/subscribe", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${++n % 250}` },
    body: JSON.stringify({ email, consent: true }),
  });
  const start = performance.now();
  const res = await app.app.fetch(request);
  await res.text();
  const ms = performance.now() - start;
  expect(res.status).toBe(202);
  return ms;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (
    ((sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) + (sorted[Math.ceil((sorted.length - 1) / 2)] ?? 0)) /
    2
  );
};

describe("signup timing does not reveal list membership", () => {
  it(`every state answers within ${MAX_SPREAD_MS} ms of the others with a ${EVENT_API_DELAY_MS} ms event API`, async () => {
    t = createTestApp({ env: { TRUST_PROXY: "1" } });
    t.inngestApi.delayMs = EVENT_API_DELAY_MS;
    const app = t;
    // Warm up every path once (module loading, prepared statements, JIT).
    for (const state of STATES) await timedSignup(app, await addressIn(app, state));

    const times = new Map<State, number[]>(STATES.map((s) => [s, []]));
    for (let i = 0; i < SAMPLES; i++) {
      // Interleaved, so a slow moment on a busy machine hits every state alike.
      for (const state of STATES) {
        const email = await addressIn(app, state);
        times.get(state)?.push(await timedSignup(app, email));
      }
    }
    const medians = Object.fromEntries(STATES.map((s) => [s, median(times.get(s) ?? [])]));
    const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
    expect(spread, JSON.stringify(medians)).toBeLessThan(MAX_SPREAD_MS);
    // Let the sends that were left for after the answers finish before the database closes.
    await new Promise((resolve) => setTimeout(resolve, EVENT_API_DELAY_MS * 3));
  });

  it("the new address's event is still sent, after the answer", async () => {
    t = createTestApp();
    t.inngestApi.delayMs = EVENT_API_DELAY_MS;
    const res = await t.app.fetch(
      new Request("http://newsletter.test/api/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "later@example.com", consent: true }),
      }),
    );
    expect(res.status).toBe(202);
    expect(t.inngestApi.named("newsletter/subscriber.created")).toHaveLength(0);
    await expect
      .poll(() => t?.inngestApi.named("newsletter/subscriber.created").length, { timeout: 3_000 })
      .toBe(1);
  });
});
