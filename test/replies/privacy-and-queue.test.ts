// Replies are health data: the daily cron deletes subjects and bodies after REPLY_RETENTION_DAYS, a person's
// export lists their replies and erasure removes them (also those matched only by address). The reply queue
// (admin API, for the console) lists open replies crisis first, then newest first, with their age.
import { afterEach, describe, expect, it } from "vitest";
import { replies } from "../../src/db/schema.ts";
import { createPruneReplyBodies } from "../../src/functions/prune-reply-bodies.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { runFunction } from "../journey/helpers.ts";
import { replyRows, seedReader } from "./helpers.ts";

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const DAY = 86_400_000;
const auth = { authorization: "Bearer test-admin-token-0123456789abcdef" };

async function seedReply(
  app: TestApp,
  options: {
    id: string;
    senderHash: string;
    subscriberId?: string | null;
    class?: "crisis" | "other" | "unsubscribe";
    receivedAt: Date;
    handled?: boolean;
  },
) {
  await app.db.insert(replies).values({
    id: options.id,
    source: "local",
    messageRef: `ref_${options.id}`,
    subscriberId: options.subscriberId ?? null,
    senderHash: options.senderHash,
    receivedAt: options.receivedAt,
    subject: `Subject of ${options.id}`,
    body: `Body of ${options.id}`,
    class: options.class ?? "other",
    rule: options.class === "crisis" ? "crisis-wish-to-die" : "no-rule-matched",
    handledAt: options.handled ? options.receivedAt : null,
  });
}

describe("reply retention, export and erasure", () => {
  it("the daily cron deletes subjects and bodies older than REPLY_RETENTION_DAYS and keeps the triage record", async () => {
    const now = new Date("2026-12-01T04:15:00Z");
    t = createTestApp({ now: () => now, env: { REPLY_RETENTION_DAYS: "10" } });
    await seedReply(t, {
      id: "rpl_old",
      senderHash: "h1",
      receivedAt: new Date(now.getTime() - 11 * DAY),
      class: "crisis",
    });
    await seedReply(t, { id: "rpl_new", senderHash: "h2", receivedAt: new Date(now.getTime() - 9 * DAY) });
    const fn = createPruneReplyBodies(t.deps);
    expect(fn.opts.triggers).toEqual([{ cron: "TZ=UTC 15 4 * * *" }]);
    const { result } = await runFunction(fn, { name: "inngest/scheduled.timer", data: {} });
    expect(result).toEqual({ bodies: 1, devMessages: 0 });
    const byId = Object.fromEntries((await replyRows(t)).map((r) => [r.id, r]));
    expect(byId.rpl_old).toMatchObject({
      subject: null,
      body: null,
      class: "crisis",
      rule: "crisis-wish-to-die",
    });
    expect(byId.rpl_old?.bodyDeletedAt).toEqual(now);
    expect(byId.rpl_new).toMatchObject({ subject: "Subject of rpl_new", body: "Body of rpl_new" });
  });

  it("defaults to 30 days", () => {
    t = createTestApp();
    expect(t.deps.config.replies.retentionDays).toBe(30);
  });

  it("export includes the person's replies; erasure removes them, also those matched only by address", async () => {
    t = createTestApp();
    const reader = await seedReader(t);
    const hash = await hashEmail(reader.email);
    await seedReply(t, {
      id: "rpl_linked",
      senderHash: hash,
      subscriberId: reader.id,
      receivedAt: new Date(),
    });
    await seedReply(t, { id: "rpl_byaddress", senderHash: hash, receivedAt: new Date() });
    await seedReply(t, { id: "rpl_someoneelse", senderHash: "other", receivedAt: new Date() });

    const exported = await t.app.request(`/api/admin/subscribers/${reader.id}/export`, { headers: auth });
    const data = (await exported.json()) as { replies: { id: string; body: string }[] };
    expect(data.replies.map((r) => r.id).sort()).toEqual(["rpl_byaddress", "rpl_linked"]);
    expect(data.replies.find((r) => r.id === "rpl_linked")?.body).toBe("Body of rpl_linked");

    const erased = await t.app.request(`/api/admin/subscribers/${reader.id}`, {
      method: "DELETE",
      headers: auth,
    });
    expect(erased.status).toBe(200);
    expect((await replyRows(t)).map((r) => r.id)).toEqual(["rpl_someoneelse"]);
  });
});

describe("reply queue (admin API)", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  /** Three open replies (one a crisis, the oldest) and one already handled. */
  const queue = async () => {
    const app = createTestApp({ now: () => now });
    t = app;
    await seedReply(app, { id: "rpl_a", senderHash: "a", receivedAt: new Date(now.getTime() - 60_000) });
    await seedReply(app, {
      id: "rpl_b",
      senderHash: "b",
      receivedAt: new Date(now.getTime() - 3_600_000),
      class: "crisis",
    });
    await seedReply(app, { id: "rpl_c", senderHash: "c", receivedAt: new Date(now.getTime() - 120_000) });
    await seedReply(app, {
      id: "rpl_d",
      senderHash: "d",
      receivedAt: new Date(now.getTime() - 1000),
      handled: true,
    });
    const list = async (query = "") => {
      const res = await app.app.request(`/api/admin/replies${query}`, { headers: auth });
      expect(res.status).toBe(200);
      return ((await res.json()) as { replies: { id: string; ageSeconds: number; body?: string }[] }).replies;
    };
    return { app, list };
  };

  it("lists open replies crisis first, then newest first, with their age and without their text", async () => {
    const { list } = await queue();
    const open = await list();
    expect(open.map((r) => r.id)).toEqual(["rpl_b", "rpl_a", "rpl_c"]);
    expect(open[0]?.ageSeconds).toBe(3600);
    expect(open[0]?.body).toBeUndefined();
  });

  it("shows one reply with its text", async () => {
    const { app } = await queue();
    const one = await app.app.request("/api/admin/replies/rpl_b", { headers: auth });
    expect(((await one.json()) as { body: string }).body).toBe("Body of rpl_b");
  });

  it("mark-as-handled stamps the time and moves the reply out of the open list, not out of all", async () => {
    const { app, list } = await queue();
    const handled = await app.app.request("/api/admin/replies/rpl_b/handled", {
      method: "POST",
      headers: auth,
    });
    expect(handled.status).toBe(200);
    expect(((await handled.json()) as { handledAt: string }).handledAt).toBe(now.toISOString());
    expect((await list()).map((r) => r.id)).toEqual(["rpl_a", "rpl_c"]);
    expect((await list("?status=all")).map((r) => r.id)).toEqual(["rpl_a", "rpl_c", "rpl_b", "rpl_d"]);
  });

  it("needs the admin token, and answers 404 and 422 with field messages", async () => {
    t = createTestApp();
    expect((await t.app.request("/api/admin/replies")).status).toBe(401);
    expect((await t.app.request("/api/admin/replies/rpl_nope", { headers: auth })).status).toBe(404);
    expect(
      (await t.app.request("/api/admin/replies/rpl_nope/handled", { method: "POST", headers: auth })).status,
    ).toBe(404);
    const bad = await t.app.request("/api/admin/replies?status=maybe&limit=0", { headers: auth });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(["limit", "status"]);
    expect((await t.app.request("/api/admin/replies/..%2Fx", { headers: auth })).status).toBe(422);
  });
});
