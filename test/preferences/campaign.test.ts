// Campaign audiences by topic, and breaks and opt-outs decided at send time, through the admin API and the real
// broadcast function (@inngest/test), database, send gate and outbox transport.
import { afterEach, describe, expect, it } from "vitest";
import { pauseSubscriber } from "../../src/subscribers/pause.ts";
import { setTopics } from "../../src/subscribers/topics.ts";
import {
  admin,
  campaignRow,
  createAndSend,
  createCampaign,
  instrumentMailer,
  outboxRecipients,
  runBroadcast,
  seed,
  setup,
} from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t?.close());

const NOW = new Date("2026-12-02T10:00:00Z");
const ctx = { form: "preferences-page" };

async function readers(count: number) {
  return seed(t, { count, prefix: "sub_p" });
}

describe("campaign audiences by topic", () => {
  it("a campaign to a default-off topic reaches only those who turned it on", async () => {
    t = setup({ now: () => NOW });
    const people = await readers(6);
    const [a, b] = people.map((p) => p.id) as [string, string];
    await setTopics(t.deps, a, ["series", "research-news", "events"], ctx);
    await setTopics(t.deps, b, ["events"], ctx);
    const id = await createAndSend(t, { topics: ["events"] });
    const { result } = await runBroadcast(t, { campaignId: id });
    expect(result).toMatchObject({ outcome: "finished", sent: 2 });
    expect((await outboxRecipients(t, id)).sort()).toEqual([`${a}@example.org`, `${b}@example.org`]);
    expect(await campaignRow(t, id)).toMatchObject({ audienceCount: 2, sentCount: 2, skippedCount: 0 });
  });

  it("a campaign naming no topic goes to the campaignDefault topic: those who left research news get nothing", async () => {
    t = setup({ now: () => NOW });
    const people = (await readers(5)).map((p) => p.id);
    const left = people[0] as string;
    // Left research news but kept the series: lessons go on, news does not.
    await setTopics(t.deps, left, ["series"], ctx);
    expect(t.deps.content.topics.campaignDefault.id).toBe("research-news");
    const id = await createAndSend(t);
    await runBroadcast(t, { campaignId: id });
    const got = await outboxRecipients(t, id);
    expect(got).toHaveLength(4);
    expect(got).not.toContain(`${left}@example.org`);
    const count = await admin(t, "GET", `/api/admin/campaigns/${id}/audience`);
    expect(await count.json()).toEqual({ audience: { count: 4 } });
  });

  it("topics combine with tags (any listed topic, and the tag)", async () => {
    t = setup({ now: () => NOW });
    const tagged = (await seed(t, { count: 3, prefix: "sub_t", tags: ["vip"] })).map((p) => p.id);
    await seed(t, { count: 3, prefix: "sub_u" });
    await setTopics(t.deps, tagged[0] as string, ["events"], ctx);
    const id = await createAndSend(t, { topics: ["events", "research-news"], tags: ["vip"] });
    await runBroadcast(t, { campaignId: id });
    // tagged[0] is in events, the other two in research news by default; none of the untagged.
    expect((await outboxRecipients(t, id)).sort()).toEqual(tagged.map((p) => `${p}@example.org`).sort());
  });

  it("refuses an unknown topic with a 422 naming the known ones; nothing is created", async () => {
    t = setup({ now: () => NOW });
    const res = await admin(t, "POST", "/api/admin/campaigns", {
      templateId: "questions-for-your-clinician",
      audience: { topics: ["weight-loss"] },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields["audience.topics"]?.[0]).toContain('Unknown topic "weight-loss"');
    expect(body.error.fields["audience.topics"]?.[0]).toContain("series, research-news, events");
    const list = await admin(t, "GET", "/api/admin/campaigns");
    expect(((await list.json()) as { campaigns: unknown[] }).campaigns).toEqual([]);
  });
});

describe("breaks and opt-outs are decided at send time", () => {
  it("a reader on a break is skipped; one whose break has ended is mailed; both counted in the audience", async () => {
    t = setup({ now: () => NOW });
    const people = (await readers(4)).map((p) => p.id);
    const [onBreak, ended] = people as [string, string];
    await pauseSubscriber(t.deps, onBreak, { weeks: 2, welcomeBack: false });
    t.sqlite.prepare("update subscribers set paused_until = ? where id = ?").run(NOW.getTime() - 1, ended);
    const id = await createAndSend(t);
    const { result } = await runBroadcast(t, { campaignId: id });
    expect(result).toMatchObject({ outcome: "finished", sent: 3 });
    const got = await outboxRecipients(t, id);
    expect(got).not.toContain(`${onBreak}@example.org`);
    expect(got).toContain(`${ended}@example.org`);
    expect(await campaignRow(t, id)).toMatchObject({ audienceCount: 4, sentCount: 3, skippedCount: 1 });
  });

  it("pausing or leaving the topic while the campaign sends: left out of every later page", async () => {
    t = setup({ now: () => NOW });
    const people = (await readers(250)).map((p) => p.id);
    const pauses = people[150] as string;
    const leaves = people[220] as string;
    const id = await createCampaign(t);
    const calls = instrumentMailer(t, async (n) => {
      if (n !== 1) return;
      await pauseSubscriber(t.deps, pauses, { weeks: 4, welcomeBack: false });
      await setTopics(t.deps, leaves, ["series"], ctx);
    });
    const send = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {});
    expect(send.status).toBe(202);
    await runBroadcast(t, { campaignId: id });
    expect(calls.map((c) => c.to.length)).toEqual([100, 100, 48]);
    const got = new Set(await outboxRecipients(t, id));
    expect(got.has(`${pauses}@example.org`)).toBe(false);
    expect(got.has(`${leaves}@example.org`)).toBe(false);
    expect(got.size).toBe(248);
  });
});
