// The Node server sends many signups' events in one call (src/lib/event-batcher.ts). Batching must keep what the
// per-request send guaranteed: ids as queued, rows marked sent only when the bus took them, a failed or hung
// batch left for the reconciler, and no caller waiting longer than the dispatch timeout.
import { afterEach, describe, expect, it, vi } from "vitest";
import { atomic } from "../../src/db/client.ts";
import { buildEvent } from "../../src/inngest/build-event.ts";
import { subscriberCreated } from "../../src/inngest/events.ts";
import { createEventBatcher } from "../../src/lib/event-batcher.ts";
import {
  DISPATCH_TIMEOUT_MS,
  queueEventStatement,
  reconcilePendingEvents,
  unsentEvents,
} from "../../src/lib/pending-events.ts";
import { createTestApp, createTestDeps } from "../helpers/app.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0)) c();
});

function setup(options: Parameters<typeof createTestDeps>[0] = {}) {
  const t = createTestDeps(options);
  cleanups.push(t.close);
  return t;
}

const created = (n: number) =>
  buildEvent(subscriberCreated, { subscriberId: `sub_${n}` }, { id: `created:sub_${n}` });

async function queued(t: ReturnType<typeof setup>, events: ReturnType<typeof created>[]) {
  await atomic(
    t.db,
    events.map((e) => queueEventStatement(t.db, e)),
  );
  return events;
}

describe("event batcher", () => {
  it("sends the events of several callers in one call, ids as queued, and marks every row sent", async () => {
    const t = setup();
    const batcher = createEventBatcher(t.deps);
    const events = await queued(t, [created(1), created(2), created(3)]);
    const answers = await Promise.all([batcher.send(events.slice(0, 1)), batcher.send(events.slice(1))]);
    expect(answers).toEqual([true, true]);
    expect(t.inngestApi.calls).toBe(1);
    expect(t.inngestApi.events.map((e) => e.id)).toEqual(["created:sub_1", "created:sub_2", "created:sub_3"]);
    expect(t.inngestApi.events[0]).toMatchObject({
      name: subscriberCreated.name,
      data: { subscriberId: "sub_1" },
    });
    expect(await unsentEvents(t.db)).toEqual([]);
  });

  it("splits into calls of at most maxEvents, keeping each caller's events together", async () => {
    const t = setup();
    const batcher = createEventBatcher(t.deps, { maxEvents: 4, maxInFlight: 10 });
    const events = await queued(
      t,
      Array.from({ length: 9 }, (_, i) => created(i)),
    );
    // Callers of 3, 3 and 3 events: 3 + 3 > 4, so each call carries one caller.
    await Promise.all([
      batcher.send(events.slice(0, 3)),
      batcher.send(events.slice(3, 6)),
      batcher.send(events.slice(6)),
    ]);
    expect(t.inngestApi.calls).toBe(3);
    expect(t.inngestApi.events.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    expect(await unsentEvents(t.db)).toEqual([]);
  });

  it("a failed batch leaves its rows unsent for the reconciler, which sends them with the same ids", async () => {
    let clock = new Date("2026-12-02T10:00:00Z");
    const t = setup({ now: () => clock });
    const batcher = createEventBatcher(t.deps);
    const events = await queued(t, [created(1), created(2)]);
    t.inngestApi.failing = true;
    expect(await Promise.all(events.map((e) => batcher.send([e])))).toEqual([false, false]);
    const unsent = await unsentEvents(t.db);
    expect(unsent.map((r) => [r.id, r.attempts])).toEqual([
      ["created:sub_1", 1],
      ["created:sub_2", 1],
    ]);
    expect(unsent[0]?.lastError).toMatch(/fetch failed/);

    t.inngestApi.failing = false;
    clock = new Date(clock.getTime() + 5 * 60_000);
    expect(await reconcilePendingEvents(t.deps)).toEqual({ sent: 2, remaining: 0 });
    expect(t.inngestApi.events.map((e) => e.id)).toEqual(["created:sub_1", "created:sub_2"]);
  });

  it("no caller waits longer than the timeout from its hand-over, even behind a hung batch", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const t = setup();
    const timeoutMs = 1_000;
    const batcher = createEventBatcher(t.deps, { maxInFlight: 1, timeoutMs, delayMs: 5 });
    const [e1, e2, e3] = [created(1), created(2), created(3)];
    const events = await queued(t, [e1, e2, e3]);
    t.inngestApi.hanging = true;
    const answeredAt: Record<string, number> = {};
    const handOver = (e: (typeof events)[number]) => {
      const at = Date.now();
      return batcher.send([e]).then((sent) => {
        answeredAt[e.id] = Date.now() - at;
        return sent;
      });
    };
    const first = handOver(e1);
    await vi.advanceTimersByTimeAsync(300);
    // The only call in flight hangs: these two wait for it, then for their own.
    const second = handOver(e2);
    await vi.advanceTimersByTimeAsync(400);
    const third = handOver(e3);
    await vi.advanceTimersByTimeAsync(3 * timeoutMs);
    expect(await Promise.all([first, second, third])).toEqual([false, false, false]);
    for (const id of Object.keys(answeredAt)) expect(answeredAt[id]).toBeLessThanOrEqual(timeoutMs);
    expect(Object.keys(answeredAt).sort()).toEqual(events.map((e) => e.id));
    // Nothing is lost: every row is still there for the reconciler.
    expect((await unsentEvents(t.db)).map((r) => r.id)).toEqual(events.map((e) => e.id));
  });

  it("the default timeout is the dispatch timeout a request always had", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const t = setup();
    const batcher = createEventBatcher(t.deps);
    const events = await queued(t, [created(1)]);
    t.inngestApi.hanging = true;
    const start = Date.now();
    let answered: number | undefined;
    const sent = batcher.send(events).then((ok) => {
      answered = Date.now() - start;
      return ok;
    });
    await vi.advanceTimersByTimeAsync(DISPATCH_TIMEOUT_MS - 10);
    expect(answered).toBeUndefined();
    await vi.advanceTimersByTimeAsync(20);
    expect(await sent).toBe(false);
    expect(answered).toBeLessThanOrEqual(DISPATCH_TIMEOUT_MS);
  });

  it("drain() sends what is waiting and resolves when nothing is in flight", async () => {
    const t = setup();
    const batcher = createEventBatcher(t.deps, { delayMs: 60_000 });
    const events = await queued(t, [created(1), created(2)]);
    const sent = events.map((e) => batcher.send([e]));
    await batcher.drain();
    expect(t.inngestApi.events.map((e) => e.id)).toEqual(["created:sub_1", "created:sub_2"]);
    expect(await Promise.all(sent)).toEqual([true, true]);
    expect(await unsentEvents(t.db)).toEqual([]);
  });
});

describe("signups through the batcher", () => {
  it("answer as before and their events reach the bus once, marked sent", async () => {
    const t = createTestApp({ batchEvents: true });
    cleanups.push(t.close);
    const post = (i: number) =>
      t.app.request("/api/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `batch-${i}@example.org`, consent: true }),
      });
    const answers = await Promise.all([post(1), post(2), post(3)]);
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    await t.deps.eventBatcher?.drain();
    const ids = t.inngestApi.named(subscriberCreated.name).map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(t.inngestApi.calls).toBeLessThan(3);
    expect(await unsentEvents(t.db)).toEqual([]);
  });
});
