// What makes a signup cheap (issue 16) must not change what it does: the SQLite settings, the statement cache,
// the prepared inserts inside atomic(), the rate limiter's cleanup and the Inngest client's fixed headers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, it } from "vitest";
import { atomic, insertRow } from "../../src/db/client.ts";
import { openNodeDb } from "../../src/db/node.ts";
import { consents, pendingEvents, rateLimits, subscribers } from "../../src/db/schema.ts";
import { createInngestClient } from "../../src/inngest/client.ts";
import { hashMailbox } from "../../src/lib/email-address.ts";
import { queueEvent } from "../../src/lib/pending-events.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { testConfig } from "../helpers/config.ts";
import { createFakeInngestApi } from "../helpers/fake-inngest.ts";

let t: TestApp | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  t?.close();
  t = undefined;
  for (const c of cleanups.splice(0)) c();
});

const subscriberRow = (id: string, email: string) => ({
  id,
  email,
  emailHash: `hash-${id}`,
  status: "pending" as const,
  locale: "en",
  source: "api",
  createdAt: new Date(1_700_000_000_000),
  updatedAt: new Date(1_700_000_000_000),
});

describe("SQLite on Node", () => {
  it("opens in WAL mode with synchronous NORMAL by default and FULL when asked", () => {
    const dir = mkdtempSync(join(tmpdir(), "hopemark-db-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const normal = openNodeDb(join(dir, "normal.sqlite"));
    const full = openNodeDb(join(dir, "full.sqlite"), { synchronous: "full" });
    cleanups.push(normal.close, full.close);
    expect(normal.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    // 1 = NORMAL, 2 = FULL (SQLite's own default)
    expect(normal.sqlite.pragma("synchronous", { simple: true })).toBe(1);
    expect(full.sqlite.pragma("synchronous", { simple: true })).toBe(2);
  });

  it("reuses a compiled statement for the same SQL and hands it out in object mode", () => {
    const { sqlite, close } = openNodeDb(":memory:");
    cleanups.push(close);
    const first = sqlite.prepare("select 1 as ok");
    first.raw(true);
    const again = sqlite.prepare("select 1 as ok");
    expect(again).toBe(first);
    expect(again.get()).toEqual({ ok: 1 });
  });

  it("SQLITE_SYNCHRONOUS is validated once, in the config", () => {
    expect(testConfig().sqliteSynchronous).toBe("normal");
    expect(testConfig({ SQLITE_SYNCHRONOUS: "full" }).sqliteSynchronous).toBe("full");
    expect(() => testConfig({ SQLITE_SYNCHRONOUS: "off" })).toThrow(/SQLITE_SYNCHRONOUS/);
  });
});

describe("prepared inserts in atomic()", () => {
  it("write the same rows as builders, with SQL defaults evaluated per row", async () => {
    t = createTestApp();
    const insertSubscriber = insertRow(subscribers);
    await atomic(t.db, [insertSubscriber(t.db, subscriberRow("sub_a", "a@example.org"))]);
    await atomic(t.db, [
      insertSubscriber(t.db, { ...subscriberRow("sub_b", "b@example.org"), firstName: "Bo" }),
    ]);
    const rows = await t.db.select().from(subscribers).orderBy(subscribers.id);
    expect(rows.map((r) => [r.id, r.email, r.firstName, r.tags, r.softBounces])).toEqual([
      ["sub_a", "a@example.org", null, [], 0],
      ["sub_b", "b@example.org", "Bo", [], 0],
    ]);
    expect(rows[0]?.createdAt).toEqual(new Date(1_700_000_000_000));
  });

  it("roll back together: a failing insert leaves none of the others written", async () => {
    t = createTestApp();
    const insertSubscriber = insertRow(subscribers);
    const insertConsent = insertRow(consents);
    const event = {
      id: "created:sub_x",
      name: "newsletter/subscriber.created",
      data: { subscriberId: "sub_x" },
    };
    await expect(
      atomic(t.db, [
        insertSubscriber(t.db, subscriberRow("sub_x", "x@example.org")),
        queueEvent(t.db, event as Parameters<typeof queueEvent>[1]),
        // Violates the foreign key: no such subscriber.
        insertConsent(t.db, {
          id: "con_x",
          subscriberId: "sub_missing",
          action: "given",
          at: new Date(),
          form: "api",
          wordingVersion: "v",
          privacyVersion: "v",
        }),
      ]),
    ).rejects.toThrow();
    expect(await t.db.select().from(subscribers)).toEqual([]);
    expect(await t.db.select().from(pendingEvents)).toEqual([]);
  });

  it("ignore a repeated event id, as the builder did", async () => {
    t = createTestApp();
    const event = {
      id: "created:sub_y",
      name: "newsletter/subscriber.created",
      data: { subscriberId: "sub_y" },
    };
    const e = event as Parameters<typeof queueEvent>[1];
    await atomic(t.db, [queueEvent(t.db, e)]);
    await atomic(t.db, [queueEvent(t.db, e)]);
    const rows = await t.db.select().from(pendingEvents).where(eq(pendingEvents.id, event.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.data).toEqual({ subscriberId: "sub_y" });
  });

  it("refuse a table whose column default is computed in JavaScript (it would be frozen at prepare time)", async () => {
    t = createTestApp();
    const stamped = sqliteTable("stamped", {
      id: text("id").primaryKey(),
      at: integer("at").$defaultFn(() => Date.now()),
    });
    t.sqlite.exec("create table stamped (id text primary key, at integer)");
    await expect(atomic(t.db, [insertRow(stamped)(t.db, { id: "s1" })])).rejects.toThrow(
      /JavaScript default/,
    );
    await atomic(t.db, [insertRow(stamped)(t.db, { id: "s2", at: 5 })]);
    expect(t.sqlite.prepare("select at from stamped").all()).toEqual([{ at: 5 }]);
  });
});

describe("rate limiter cleanup", () => {
  it("clears this limiter's stale windows when a new window starts, and keeps other limiters' rows", async () => {
    let now = new Date("2026-12-01T10:00:00Z");
    t = createTestApp({ env: { TRUST_PROXY: "1" }, now: () => now });
    await t.db.insert(rateLimits).values([
      { key: "subscribe:198.51.100.7", windowStart: 0, count: 3 },
      { key: "other:198.51.100.7", windowStart: 0, count: 3 },
    ]);
    const post = (ip: string) =>
      t?.app.request("/api/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: JSON.stringify({ email: `p${ip.replaceAll(".", "")}@example.org`, consent: true }),
      });
    await post("203.0.113.1");
    const keys = async () =>
      (await t?.db.select({ key: rateLimits.key }).from(rateLimits))?.map((r) => r.key).sort();
    // Each signup also claims its inbox's confirmation slot (subscribers/mailbox-throttle.ts), another
    // limiter's row that the subscribe limiter's cleanup must keep.
    const inbox = async (ip: string) =>
      `mailbox:${await hashMailbox(`p${ip.replaceAll(".", "")}@example.org`)}`;
    const first = await inbox("203.0.113.1");
    expect(await keys()).toEqual([first, "other:198.51.100.7", "subscribe:203.0.113.1"].sort());
    // Next window: the row from the previous one goes when the first request of this window arrives.
    now = new Date(now.getTime() + 10 * 60 * 1000);
    await post("203.0.113.2");
    expect(await keys()).toEqual(
      [first, await inbox("203.0.113.2"), "other:198.51.100.7", "subscribe:203.0.113.2"].sort(),
    );
  });
});

describe("Inngest client", () => {
  it("fixes its request headers at start: a later change to the environment does not reach a send", async () => {
    const api = createFakeInngestApi();
    const seen: Record<string, string>[] = [];
    const fetchSpy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(Object.fromEntries(new Headers(init?.headers).entries()));
      return api.fetch(input, init);
    }) as typeof fetch;
    const client = createInngestClient(testConfig({ INNGEST_DEV: "1" }), { fetch: fetchSpy });
    const before = process.env.INNGEST_ENV;
    process.env.INNGEST_ENV = "changed-after-start";
    try {
      await client.send({ id: "e1", name: "newsletter/test", data: {} });
    } finally {
      if (before === undefined) delete process.env.INNGEST_ENV;
      else process.env.INNGEST_ENV = before;
    }
    expect(api.events.map((e) => e.id)).toEqual(["e1"]);
    expect(seen[0]?.["content-type"]).toBe("application/json");
    expect(seen[0]?.["x-inngest-sdk"]).toMatch(/^inngest-js:v/);
    expect(seen[0]?.["x-inngest-env"]).toBeUndefined();
  });
});
