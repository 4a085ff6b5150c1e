// The broadcast functions under @inngest/test with the real app, database, send gate and outbox transport:
// scheduling, cancel and unsubscribe mid-send, suppressions, pause and resume, page retries, the run split.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../src/campaigns/audience.ts";
import { sendCampaignPage } from "../../src/campaigns/broadcast.ts";
import { campaigns, outbox, sends } from "../../src/db/schema.ts";
import { createBroadcastCampaign } from "../../src/functions/broadcast-campaign.ts";
import { createBroadcastChunk } from "../../src/functions/broadcast-chunk.ts";
import { PAGES_PER_RUN, PROVIDER_LANE, runOptions } from "../../src/functions/broadcast-run.ts";
import { unsubscribeUrls } from "../../src/lib/tokens.ts";
import type { TestApp } from "../helpers/app.ts";
import {
  admin,
  campaignRow,
  campaignSends,
  createAndSend,
  instrumentMailer,
  outboxRecipients,
  runBroadcast,
  runChunk,
  seed,
  setup,
  suppress,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("scheduled send", () => {
  it("sleeps until scheduledAt (mocked by id), then sends everyone", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    t = setup({ now: () => now });
    await seed(t, { count: 120 });
    const at = "2026-11-28T09:00:00.000Z";
    const id = await createAndSend(t, {}, { scheduledAt: at });
    expect((await campaignRow(t, id)).status).toBe("scheduled");
    const [event] = t.inngestApi.named("newsletter/campaign.send-requested");
    expect(event).toMatchObject({ id: `campaign-send:${id}`, data: { campaignId: id, requestId: "send" } });

    const calls = instrumentMailer(t);
    const { result, ctx } = await runBroadcast(
      t,
      { campaignId: id },
      { steps: [{ id: "wait-for-schedule", handler: () => null }] },
    );
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-schedule", at);
    expect(result).toMatchObject({ outcome: "finished", sent: 120 });
    expect(calls.map((c) => c.to.length)).toEqual([100, 20]);
    const row = await campaignRow(t, id);
    expect(row).toMatchObject({ status: "sent", audienceCount: 120, sentCount: 120, skippedCount: 0 });
    expect(row.startedAt?.toISOString()).toBe(now.toISOString());
  });

  it("a campaign cancelled while it waited sends nothing", async () => {
    t = setup({ now: () => new Date("2026-11-27T10:00:00Z") });
    await seed(t, { count: 10 });
    const id = await createAndSend(t, {}, { scheduledAt: "2026-11-28T09:00:00Z" });
    const calls = instrumentMailer(t);
    const { result } = await runBroadcast(
      t,
      { campaignId: id },
      {
        steps: [
          {
            id: "wait-for-schedule",
            handler: async () => {
              expect((await admin(t, "POST", `/api/admin/campaigns/${id}/cancel`)).status).toBe(200);
              return null;
            },
          },
        ],
      },
    );
    expect(result).toMatchObject({ outcome: "skipped", status: "cancelled" });
    expect(calls).toHaveLength(0);
  });
  it("a scheduled campaign paused before it started keeps its schedule when resumed", async () => {
    t = setup({ now: () => new Date("2026-11-27T10:00:00Z") });
    await seed(t, { count: 5 });
    const at = "2026-11-28T09:00:00.000Z";
    const id = await createAndSend(t, {}, { scheduledAt: at });
    await t.db.update(campaigns).set({ status: "paused", statusReason: "brake" }).where(eq(campaigns.id, id));
    expect((await admin(t, "POST", `/api/admin/campaigns/${id}/resume`, {})).status).toBe(202);
    expect((await campaignRow(t, id)).status).toBe("scheduled");
    const { result, ctx } = await runBroadcast(
      t,
      { campaignId: id, requestId: "resume-1" },
      { steps: [{ id: "wait-for-schedule", handler: () => null }] },
    );
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-schedule", at);
    expect(result).toMatchObject({ outcome: "finished", sent: 5 });
  });
});

describe("stopping mid-send", () => {
  it("cancel: no page starts after it", async () => {
    t = setup();
    await seed(t, { count: 350 });
    const id = await createAndSend(t);
    const calls = instrumentMailer(t, async (n) => {
      if (n === 1) expect((await admin(t, "POST", `/api/admin/campaigns/${id}/cancel`)).status).toBe(200);
    });
    const { result } = await runBroadcast(t, { campaignId: id });
    expect(result).toMatchObject({ outcome: "stopped", status: "cancelled", pages: 2, sent: 100 });
    expect(calls).toHaveLength(1);
    expect(await outboxRecipients(t, id)).toHaveLength(100);
    expect(await campaignRow(t, id)).toMatchObject({ status: "cancelled", sentCount: 100 });
    expect(t.inngestApi.named("newsletter/campaign.cancelled")).toEqual([
      expect.objectContaining({ id: `campaign-cancel:${id}`, data: { campaignId: id } }),
    ]);
  });

  it("both functions are cancelled by newsletter/campaign.cancelled for the same campaign", () => {
    t = setup();
    for (const fn of [createBroadcastCampaign(t.deps), createBroadcastChunk(t.deps)]) {
      expect(fn.opts.cancelOn).toEqual([
        { event: "newsletter/campaign.cancelled", if: "async.data.campaignId == event.data.campaignId" },
      ]);
      expect(fn.opts.concurrency).toEqual([PROVIDER_LANE]);
    }
  });

  it("unsubscribe: a recipient who leaves mid-send gets nothing after that moment", async () => {
    t = setup();
    const people = await seed(t, { count: 250 });
    const leaver = people[180];
    if (!leaver) throw new Error("seed");
    const id = await createAndSend(t);
    const calls = instrumentMailer(t, async (n) => {
      if (n !== 1) return;
      // The real RFC 8058 one-click endpoint, as a mailbox provider would call it.
      const { oneClickUrl: url } = await unsubscribeUrls(
        t.deps.config.appUrl,
        t.deps.config.tokenSecret,
        leaver.id,
      );
      const res = await t.app.request(url.replace(t.deps.config.appUrl, ""), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(res.status).toBeLessThan(300);
    });
    const { result } = await runBroadcast(t, { campaignId: id });
    expect(result).toMatchObject({ outcome: "finished", sent: 249 });
    expect(calls.flatMap((c) => c.to)).not.toContain(leaver.email);
    expect(await outboxRecipients(t, id)).not.toContain(leaver.email);
    expect((await campaignSends(t, id)).map((s) => s.subscriberId)).not.toContain(leaver.id);
    expect(await campaignRow(t, id)).toMatchObject({
      status: "sent",
      audienceCount: 250,
      sentCount: 249,
      skippedCount: 1,
    });
  });

  it("complaint brake: a paused campaign stops, and resume sends the rest without duplicates", async () => {
    t = setup();
    await seed(t, { count: 230 });
    const id = await createAndSend(t);
    const calls = instrumentMailer(t, async (n) => {
      if (n === 1) {
        await t.db
          .update(campaigns)
          .set({ status: "paused", statusReason: "Paused automatically by the complaint-rate brake." })
          .where(eq(campaigns.id, id));
      }
    });
    expect(await runBroadcast(t, { campaignId: id }).then((r) => r.result)).toMatchObject({
      outcome: "stopped",
      status: "paused",
    });
    expect(calls).toHaveLength(1);

    expect((await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {})).status).toBe(409);
    const resumed = await admin(t, "POST", `/api/admin/campaigns/${id}/resume`, {});
    expect(resumed.status).toBe(202);
    const [event] = t.inngestApi
      .named("newsletter/campaign.send-requested")
      .filter((e) => e.id?.includes("resume"));
    expect(event).toMatchObject({
      id: `campaign-resume:${id}:1`,
      data: { campaignId: id, requestId: "resume-1" },
    });

    const { result } = await runBroadcast(t, { campaignId: id, requestId: "resume-1" });
    expect(result).toMatchObject({ outcome: "finished", sent: 130 });
    const recipients = await outboxRecipients(t, id);
    expect(recipients).toHaveLength(230);
    expect(new Set(recipients).size).toBe(230);
    expect(await campaignRow(t, id)).toMatchObject({ status: "sent", sentCount: 230, audienceCount: 230 });
  });
});

describe("eligibility", () => {
  it("skips suppressed, inactive and out-of-segment subscribers", async () => {
    t = setup();
    const inSegment = await seed(t, { count: 140, prefix: "sub_a", tags: ["news"] });
    await seed(t, { count: 30, prefix: "sub_b", tags: ["events"] });
    await seed(t, { count: 5, prefix: "sub_c", tags: ["news"], status: "pending" });
    await seed(t, { count: 5, prefix: "sub_d", tags: ["news"], status: "unsubscribed" });
    await seed(t, { count: 5, prefix: "sub_e", tags: ["news"], country: "GB" });
    const suppressed = inSegment.filter((_, i) => i % 20 === 0);
    for (const s of suppressed) await suppress(t, s.email);

    const id = await createAndSend(t, { tags: ["news"], countries: ["us"] });
    const calls = instrumentMailer(t);
    const { result } = await runBroadcast(t, { campaignId: id });
    expect(result).toMatchObject({ outcome: "finished", sent: 133 });
    const sentTo = new Set(calls.flatMap((c) => c.to));
    expect(sentTo.size).toBe(133);
    for (const s of suppressed) expect(sentTo.has(s.email)).toBe(false);
    for (const address of sentTo) expect(address).toMatch(/^sub_a/);
    expect(await campaignRow(t, id)).toMatchObject({ audienceCount: 140, sentCount: 133, skippedCount: 7 });
  });
});

describe("page retries", () => {
  it("running the same page step twice sends one page's worth and records each recipient once", async () => {
    t = setup();
    const people = await seed(t, { count: 150 });
    const id = await createAndSend(t);
    const calls = instrumentMailer(t);
    const first = await sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 });
    const again = await sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 });
    expect(first).toMatchObject({ sent: 100, more: true, lastId: people[99]?.id });
    // The retry re-reads eligibility: everyone on the first page now has a sends row, so it picks the next 50.
    expect(again).toMatchObject({ sent: 50, more: false, lastId: people[149]?.id });
    expect(calls.map((c) => c.idempotencyKey)).toEqual([
      `${id}:${people[0]?.id}`,
      `${id}:${people[100]?.id}`,
    ]);
    expect(await campaignSends(t, id)).toHaveLength(150);
    expect((await campaignRow(t, id)).sentCount).toBe(150);
  });

  it("a page whose provider call went out but whose step failed repeats the identical call and records once", async () => {
    t = setup();
    const people = await seed(t, { count: 100 });
    const id = await createAndSend(t);
    let crash = true;
    const calls = instrumentMailer(t, async () => {
      if (crash) {
        crash = false;
        throw new Error("connection reset after the provider accepted the batch");
      }
    });
    await expect(
      sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 }),
    ).rejects.toThrow(/connection reset/);
    expect(await campaignSends(t, id)).toHaveLength(0);
    const retry = await sendCampaignPage(t.deps, { campaignId: id, afterId: null }, { minPageMs: 0 });
    expect(retry).toMatchObject({ sent: 100, more: false });
    // Same batch key and the same recipients both times: the provider answers the retry from its idempotency
    // cache (the outbox transport does the same by message key), so each person has exactly one message.
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual(calls[1]);
    expect(calls[0]?.idempotencyKey).toBe(`${id}:${people[0]?.id}`);
    const mail = await t.db.select({ to: outbox.to }).from(outbox);
    expect(mail.filter((m) => m.to.startsWith("sub_a"))).toHaveLength(100);
    const rows = await campaignSends(t, id);
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.subscriberId)).size).toBe(100);
    expect((await campaignRow(t, id)).sentCount).toBe(100);
  });

  it("paces page steps to the configured provider rate", async () => {
    // Two pages a second leaves 500 ms per page; five recipients take a few milliseconds, so the step must wait
    // out the rest even on a loaded CI machine.
    t = setup({ env: { BROADCAST_BATCHES_PER_SECOND: "2" } });
    await seed(t, { count: 5 });
    const id = await createAndSend(t);
    const options = runOptions(t.deps);
    expect(options.minPageMs).toBe(500);
    const started = performance.now();
    const page = await sendCampaignPage(t.deps, { campaignId: id, afterId: null }, options);
    // A few ms of slack: Node timers may fire a little before performance.now() says they are due.
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    expect(page.ms.paced).toBeGreaterThan(0);
  });
});

describe("the 1,000-step split", () => {
  it("hands over to a chunk run through step.sendEvent once a run has sent its pages", async () => {
    t = setup();
    const people = await seed(t, { count: 450 });
    const id = await createAndSend(t);
    const calls = instrumentMailer(t);
    const split = { pagesPerRun: 2 };

    const parent = await runBroadcast(
      t,
      { campaignId: id },
      { overrides: split, steps: [{ id: "start-next-chunk", handler: () => ({ ids: ["evt-1"] }) }] },
    );
    expect(parent.result).toMatchObject({
      outcome: "continued",
      pages: 2,
      sent: 200,
      nextChunk: 1,
      afterId: people[199]?.id,
    });
    expect(parent.ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    expect(parent.ctx.step.sendEvent).toHaveBeenCalledWith("start-next-chunk", {
      id: `campaign-chunk:${id}:send:1`,
      name: "newsletter/campaign.chunk-requested",
      data: { campaignId: id, requestId: "send", afterId: people[199]?.id, chunk: 1 },
    });

    const child = await runChunk(
      t,
      { campaignId: id, requestId: "send", afterId: people[199]?.id ?? "", chunk: 1 },
      { overrides: split, steps: [{ id: "start-next-chunk", handler: () => ({ ids: ["evt-2"] }) }] },
    );
    expect(child.result).toMatchObject({
      outcome: "continued",
      sent: 200,
      nextChunk: 2,
      afterId: people[399]?.id,
    });
    expect(child.ctx.step.sendEvent).toHaveBeenCalledWith(
      "start-next-chunk",
      expect.objectContaining({
        data: { campaignId: id, requestId: "send", afterId: people[399]?.id, chunk: 2 },
      }),
    );

    const last = await runChunk(
      t,
      { campaignId: id, requestId: "send", afterId: people[399]?.id ?? "", chunk: 2 },
      { overrides: split },
    );
    expect(last.result).toMatchObject({ outcome: "finished", sent: 50 });
    expect(last.ctx.step.sendEvent).not.toHaveBeenCalled();

    expect(calls).toHaveLength(5);
    const recipients = calls.flatMap((c) => c.to);
    expect(new Set(recipients).size).toBe(450);
    expect(await campaignRow(t, id)).toMatchObject({ status: "sent", sentCount: 450 });
  });

  it("keeps every production run far below Inngest's 1,000-step limit", () => {
    // Per run: load-campaign, wait-for-schedule, start-sending, the pages, then finish or start-next-chunk.
    const maxStepsPerRun = 3 + PAGES_PER_RUN + 1;
    expect(PAGE_SIZE).toBe(100);
    expect(maxStepsPerRun).toBeLessThan(1000);
    // 100,000 recipients: 1,000 pages in 10 runs plus a few bookkeeping steps (the benchmark measures it).
    const pages = 100_000 / PAGE_SIZE;
    const runs = Math.ceil(pages / PAGES_PER_RUN);
    expect(pages + 2 + runs).toBeLessThanOrEqual(1200);
  });
});

describe("failure", () => {
  it("a permanent provider error fails the run; onFailure marks the campaign failed with the reason", async () => {
    t = setup();
    await seed(t, { count: 5 });
    const id = await createAndSend(t);
    t.deps.mailer = {
      transport: "outbox",
      send: async () => ({ providerMessageId: "x" }),
      sendBatch: async () => {
        throw new Error("Resend batch of 5 failed: 403 invalid_from_address: domain not verified");
      },
    };
    const { error } = await runBroadcast(t, { campaignId: id });
    expect(JSON.stringify(error)).toMatch(/invalid_from_address/);
    expect(await t.db.select().from(sends)).toHaveLength(0);
    // The function's own failure handler, called the way Inngest calls it after the last retry.
    const fn = createBroadcastCampaign(t.deps);
    const onFailure = fn.opts.onFailure as unknown as (ctx: unknown) => Promise<void>;
    const step = { run: (_id: string, work: () => Promise<unknown>) => work() };
    await onFailure({
      event: {
        name: "inngest/function.failed",
        data: {
          event: { name: "newsletter/campaign.send-requested", data: { campaignId: id, requestId: "send" } },
        },
      },
      error: new Error("Resend batch of 5 failed: 403 invalid_from_address for x@example.org"),
      step,
    });
    const row = await campaignRow(t, id);
    expect(row.status).toBe("failed");
    expect(row.statusReason).toContain("invalid_from_address");
    expect(row.statusReason).not.toContain("x@example.org");
  });
});
