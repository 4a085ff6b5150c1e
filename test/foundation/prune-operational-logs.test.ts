import { InngestTestEngine } from "@inngest/test";
import { afterEach, describe, expect, it } from "vitest";
import { pendingEvents, rateLimits, webhookEvents } from "../../src/db/schema.ts";
import { createPruneOperationalLogs } from "../../src/functions/prune-operational-logs.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

const NOW = new Date("2026-11-27T03:45:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe("prune-operational-logs", () => {
  it("drops old webhook ids, old sent events and stale rate-limit windows, and never an unsent event", async () => {
    t = createTestApp({ now: () => NOW });
    await t.db.insert(webhookEvents).values([
      { id: "msg_old", type: "email.delivered", receivedAt: daysAgo(31) },
      { id: "msg_recent", type: "email.delivered", receivedAt: daysAgo(2) },
    ]);
    await t.db.insert(pendingEvents).values([
      { id: "sent-old", name: "x", data: {}, createdAt: daysAgo(40), sentAt: daysAgo(40) },
      { id: "sent-recent", name: "x", data: {}, createdAt: daysAgo(3), sentAt: daysAgo(3) },
      { id: "unsent-old", name: "x", data: {}, createdAt: daysAgo(90), sentAt: null },
    ]);
    await t.db.insert(rateLimits).values([
      { key: "subscribe:203.0.113.1", windowStart: daysAgo(2).getTime(), count: 3 },
      { key: "subscribe:203.0.113.2", windowStart: NOW.getTime() - 60_000, count: 1 },
    ]);

    const engine = new InngestTestEngine({ function: createPruneOperationalLogs(t.deps) });
    const { result } = await engine.execute();
    expect(result).toEqual({ webhookIds: 1, sentEvents: 1, windows: 1 });

    expect((await t.db.select().from(webhookEvents)).map((r) => r.id)).toEqual(["msg_recent"]);
    expect((await t.db.select().from(pendingEvents)).map((r) => r.id).sort()).toEqual([
      "sent-recent",
      "unsent-old",
    ]);
    expect((await t.db.select().from(rateLimits)).map((r) => r.key)).toEqual(["subscribe:203.0.113.2"]);
  });
});
