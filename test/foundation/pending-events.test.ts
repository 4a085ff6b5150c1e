import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { atomic } from "../../src/db/client.ts";
import { pendingEvents, subscribers } from "../../src/db/schema.ts";
import { buildEvent } from "../../src/inngest/build-event.ts";
import { subscriberConfirmed, subscriberCreated } from "../../src/inngest/events.ts";
import {
  dispatchEvents,
  queueEventStatement,
  reconcilePendingEvents,
  unsentEvents,
} from "../../src/lib/pending-events.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

const event = buildEvent(subscriberConfirmed, { subscriberId: "sub_1" }, { id: "confirmed:sub_1" });

describe("pending events (transactional outbox for Inngest)", () => {
  it("builds an event only from data its schema accepts, before anything is queued", () => {
    expect(() => buildEvent(subscriberCreated, { subscriberId: "" }, { id: "created:" })).toThrow();
    expect(buildEvent(subscriberCreated, { subscriberId: "sub_1" }, { id: "created:sub_1", ts: 5 })).toEqual({
      id: "created:sub_1",
      name: "newsletter/subscriber.created",
      data: { subscriberId: "sub_1" },
      ts: 5,
    });
  });

  it("sends queued events and marks them sent", async () => {
    t = createTestApp();
    await atomic(t.db, [queueEventStatement(t.db, event)]);
    expect(await dispatchEvents(t.deps, [event])).toBe(true);
    expect(t.inngestApi.events).toMatchObject([
      { id: "confirmed:sub_1", name: "newsletter/subscriber.confirmed", data: event.data },
    ]);
    expect(await unsentEvents(t.db)).toEqual([]);
  });

  it("keeps the event when the bus is down and the reconciler re-sends it with the same id", async () => {
    let clock = new Date("2026-11-27T10:00:00Z");
    t = createTestApp({ now: () => clock });
    t.inngestApi.failing = true;
    await atomic(t.db, [queueEventStatement(t.db, event)]);
    expect(await dispatchEvents(t.deps, [event])).toBe(false);
    const [row] = await unsentEvents(t.db);
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toMatch(/fetch failed/);

    t.inngestApi.failing = false;
    // Too fresh: a request may still be dispatching it.
    expect(await reconcilePendingEvents(t.deps, { minAgeMs: 60 * 60_000 })).toEqual({
      sent: 0,
      remaining: 1,
    });
    clock = new Date(Date.now() + 5 * 60_000);
    expect(await reconcilePendingEvents(t.deps)).toEqual({ sent: 1, remaining: 0 });
    expect(t.inngestApi.events.map((e) => e.id)).toEqual(["confirmed:sub_1"]);
  });

  it("reconciles a backlog in pages small enough for D1, and stops while the bus is still down", async () => {
    t = createTestApp({ now: () => new Date(Date.now() + 5 * 60_000) });
    const backlog = Array.from({ length: 120 }, (_, i) =>
      buildEvent(
        subscriberCreated,
        { subscriberId: `sub_${i}` },
        { id: `created:sub_${String(i).padStart(3, "0")}` },
      ),
    );
    await atomic(
      t.db,
      backlog.map((e) => queueEventStatement(t.db, e)),
    );
    t.inngestApi.failing = true;
    expect(await reconcilePendingEvents(t.deps)).toEqual({ sent: 0, remaining: 120 });

    t.inngestApi.failing = false;
    const callsBefore = t.inngestApi.calls;
    expect(await reconcilePendingEvents(t.deps)).toEqual({ sent: 120, remaining: 0 });
    expect(t.inngestApi.calls - callsBefore).toBe(3);
    expect(new Set(t.inngestApi.events.map((e) => e.id))).toEqual(new Set(backlog.map((e) => e.id)));
  });

  it("gives up on a bus that hangs, so the request is not held open, and the reconciler sends it later", async () => {
    t = createTestApp({ now: () => new Date(Date.now() + 5 * 60_000) });
    t.inngestApi.hanging = true;
    await atomic(t.db, [queueEventStatement(t.db, event)]);
    // Without the timeout this never settles and the test fails on vitest's own timeout.
    expect(await dispatchEvents(t.deps, [event], { timeoutMs: 200 })).toBe(false);
    const [row] = await unsentEvents(t.db);
    expect(row?.lastError).toMatch(/no answer from the event bus within 200 ms/);

    t.inngestApi.hanging = false;
    expect(await reconcilePendingEvents(t.deps)).toEqual({ sent: 1, remaining: 0 });
    expect(t.inngestApi.events.map((e) => e.id)).toEqual(["confirmed:sub_1"]);
  });

  it("queues the same logical event once", async () => {
    t = createTestApp();
    await atomic(t.db, [queueEventStatement(t.db, event)]);
    await atomic(t.db, [queueEventStatement(t.db, event)]);
    expect(await t.db.select().from(pendingEvents)).toHaveLength(1);
  });

  it("atomic() writes nothing when one statement fails", async () => {
    t = createTestApp();
    const insert = (id: string) =>
      t.db.insert(subscribers).values({ id, email: "a@x.test", emailHash: `h-${id}`, source: "test" });
    await expect(
      atomic(t.db, [queueEventStatement(t.db, event), insert("s1"), insert("s2")]),
    ).rejects.toThrow();
    expect(await t.db.select().from(pendingEvents)).toEqual([]);
    expect(await t.db.select().from(subscribers).where(eq(subscribers.id, "s1"))).toEqual([]);
  });
});
