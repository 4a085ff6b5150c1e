// The campaign report and progress: figures counted from the real sends rows after a real broadcast, delivery
// feedback through the signed Resend webhook, and unsubscribes through the links the sent emails carry.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { deliveriesChartSvg, niceMax } from "../../src/campaigns/deliveries-chart.ts";
import { computeProgress, RATE_WINDOW_MS } from "../../src/campaigns/progress.ts";
import { bucketFor, fillSeries, MAX_BUCKETS } from "../../src/campaigns/report.ts";
import { outbox, sends } from "../../src/db/schema.ts";
import { unsubscribeUrls } from "../../src/lib/tokens.ts";
import { newSecret, resendEvent, sendEvent } from "../delivery/helpers.ts";
import type { TestApp } from "../helpers/app.ts";
import { admin, campaignRow, campaignSends, createAndSend, runBroadcast, seed, setup } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const secret = newSecret();

async function json<T>(res: Response): Promise<T> {
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** The one-click URL the campaign's email to `to` carries in its List-Unsubscribe header. */
async function oneClickUrlOf(to: string, campaignId: string) {
  const rows = await t.db.select().from(outbox).where(eq(outbox.to, to));
  const row = rows.find((r) => r.tags.some((tag) => tag.name === "campaign" && tag.value === campaignId));
  const header = row?.headers["List-Unsubscribe"] ?? "";
  const url = /<([^>]+)>/.exec(header)?.[1];
  if (!url) throw new Error("no List-Unsubscribe URL");
  return url;
}

async function oneClick(url: string) {
  const res = await t.app.request(url.replace(t.deps.config.appUrl, ""), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  expect(res.status).toBe(200);
}

describe("campaign report", () => {
  it("counts delivered, bounced, complained, failed and unsubscribed from the sends, with a bucketed series", async () => {
    t = setup({ env: { RESEND_WEBHOOK_SECRET: secret } });
    const people = await seed(t, { count: 8 });
    const id = await createAndSend(t);
    await runBroadcast(t, { campaignId: id });
    const rows = await campaignSends(t, id);
    expect(rows).toHaveLength(8);
    const byPerson = new Map(rows.map((r) => [r.subscriberId, r]));
    const msg = (i: number) => byPerson.get(people[i]?.id ?? "")?.providerMessageId ?? "";
    const to = (i: number) => people[i]?.email ?? "";

    // Deliveries at 10:00:05, 10:00:40 and 10:03:10; then a complaint on the first; a bounce, a failure.
    const at = (hms: string) => `2026-12-02T${hms}.000Z`;
    for (const [i, time] of [
      [0, "10:00:05"],
      [1, "10:00:40"],
      [2, "10:03:10"],
      [3, "10:03:20"],
    ] as const) {
      const { res } = await sendEvent(t, secret, resendEvent("email.delivered", msg(i), to(i), {}, at(time)));
      expect(res.status).toBe(200);
    }
    // A repeated delivered event for the same message is not a second delivery.
    await sendEvent(t, secret, resendEvent("email.delivered", msg(1), to(1), {}, at("10:04:00")));
    await sendEvent(t, secret, resendEvent("email.complained", msg(0), to(0), {}, at("10:05:00")));
    await sendEvent(
      t,
      secret,
      resendEvent("email.bounced", msg(4), to(4), { bounce: { type: "Permanent", subType: "General" } }),
    );
    await sendEvent(
      t,
      secret,
      resendEvent("email.failed", msg(5), to(5), { failed: { reason: "rejected" } }),
    );

    // Person 2 leaves through this campaign's one-click link (the URL the email really carries); person 3 leaves
    // through an old link without a campaign, which still works but is nobody's campaign.
    await oneClick(await oneClickUrlOf(to(2), id));
    const old = await unsubscribeUrls(t.deps.config.appUrl, t.deps.config.tokenSecret, people[3]?.id ?? "");
    await oneClick(old.oneClickUrl);

    const { report } = await json<{ report: Record<string, unknown> }>(
      await admin(t, "GET", `/api/admin/campaigns/${id}/report`),
    );
    expect(report).toMatchObject({
      campaignId: id,
      status: "sent",
      audience: 8,
      sent: 8,
      delivered: 4,
      complained: 1,
      bounced: 1,
      failed: 1,
      unsubscribed: 1,
      awaiting: 2,
      skipped: 0,
    });
    // A span of 3m15s in 10-second buckets would be 20 buckets: 10 s is the smallest width that fits.
    expect(report.deliveries).toMatchObject({ bucketMs: 10_000 });
    const points = (report.deliveries as { points: { at: string; delivered: number }[] }).points;
    expect(points[0]).toEqual({ at: at("10:00:00"), delivered: 1 });
    expect(points.find((p) => p.at === at("10:00:40"))).toEqual({ at: at("10:00:40"), delivered: 1 });
    expect(points.find((p) => p.at === at("10:03:10"))?.delivered).toBe(1);
    expect(points.at(-1)).toEqual({ at: at("10:03:20"), delivered: 1 });
    expect(points).toHaveLength(21);
    expect(points.reduce((s, p) => s + p.delivered, 0)).toBe(4);

    // The attribution is on the campaign's sends row, with an entry in its event log.
    const [left] = await t.db
      .select()
      .from(sends)
      .where(eq(sends.subscriberId, people[2]?.id ?? ""));
    expect(left?.unsubscribedAt).toBeInstanceOf(Date);
    expect(left?.events.map((e) => e.type)).toContain("unsubscribed");

    const svg = await admin(t, "GET", `/api/admin/campaigns/${id}/report/deliveries.svg`);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    expect(await svg.text()).toContain("4 messages delivered between 10:00 and 10:03 UTC");
  });

  it("unsubscribing twice, or through a test send's link, attributes nothing more", async () => {
    t = setup();
    const people = await seed(t, { count: 2 });
    const id = await createAndSend(t);
    await runBroadcast(t, { campaignId: id });
    const url = await oneClickUrlOf(people[0]?.email ?? "", id);
    await oneClick(url);
    await oneClick(url);
    expect(
      (await admin(t, "POST", `/api/admin/campaigns/${id}/test`, { to: ["me@example.org"] })).status,
    ).toBe(202);
    await oneClick(await oneClickUrlOf("me@example.org", id));
    const { report } = await json<{ report: { unsubscribed: number; sent: number } }>(
      await admin(t, "GET", `/api/admin/campaigns/${id}/report`),
    );
    expect(report).toMatchObject({ unsubscribed: 1, sent: 2 });
  });

  it("a draft reports its live audience and no sends; unknown ids are 404", async () => {
    t = setup();
    await seed(t, { count: 3, tags: ["news"] });
    await seed(t, { count: 2, prefix: "sub_b" });
    const res = await admin(t, "POST", "/api/admin/campaigns", {
      templateId: "questions-for-your-clinician",
      audience: { tags: ["news"] },
    });
    const { campaign } = (await res.json()) as { campaign: { id: string } };
    const { report } = await json<{ report: Record<string, unknown> }>(
      await admin(t, "GET", `/api/admin/campaigns/${campaign.id}/report`),
    );
    expect(report).toMatchObject({ status: "draft", audience: 3, sent: 0, delivered: 0 });
    expect(report.deliveries).toEqual({ bucketMs: 0, points: [] });
    expect((await admin(t, "GET", "/api/admin/campaigns/cmp_nope/report")).status).toBe(404);
    expect((await admin(t, "GET", "/api/admin/campaigns/cmp_nope/progress")).status).toBe(404);
  });
});

describe("campaign progress", () => {
  it("shows sent of audience, a rate and an expected finish between two pages of a real broadcast", async () => {
    t = setup();
    await seed(t, { count: 250 });
    const id = await createAndSend(t);
    let during: Record<string, unknown> | undefined;
    // A page is recorded after its batch call returns, so the second call is the moment "100 sent" is true.
    t.deps.mailer = ((real) => ({
      ...real,
      async sendBatch(messages, options) {
        const result = await real.sendBatch(messages, options);
        if (during === undefined && (await campaignRow(t, id)).sentCount === 100) {
          const body = await json<{ progress: Record<string, unknown> }>(
            await admin(t, "GET", `/api/admin/campaigns/${id}/progress`),
          );
          during = body.progress;
        }
        return result;
      },
    }))(t.deps.mailer);
    await runBroadcast(t, { campaignId: id });
    expect(during).toMatchObject({
      status: "sending",
      audience: 250,
      sent: 100,
      remaining: 150,
      percent: 40,
    });
    expect(during?.ratePerMinute).toBeGreaterThan(0);
    expect(Date.parse(String(during?.expectedFinishAt))).toBeGreaterThan(Date.parse(String(during?.at)));

    const { progress } = await json<{ progress: Record<string, unknown> }>(
      await admin(t, "GET", `/api/admin/campaigns/${id}/progress`),
    );
    const row = await campaignRow(t, id);
    expect(progress).toMatchObject({
      status: "sent",
      sent: 250,
      remaining: 0,
      percent: 100,
      ratePerMinute: null,
      expectedFinishAt: row.finishedAt?.toISOString(),
    });
  });

  it("computes the rate over the recent window, or since the start when that is shorter", () => {
    const now = new Date("2026-12-02T10:10:00Z");
    const base = {
      id: "cmp_1",
      status: "sending" as const,
      sentCount: 3000,
      skippedCount: 0,
      failedCount: 0,
      finishedAt: null,
    };
    const long = computeProgress(
      { ...base, startedAt: new Date("2026-12-02T10:00:00Z") } as Parameters<typeof computeProgress>[0],
      { audience: 10_000, sentInWindow: 2000, now },
    );
    // 2,000 in the two-minute window is 1,000 a minute; 7,000 left is 7 minutes.
    expect(RATE_WINDOW_MS).toBe(120_000);
    expect(long).toMatchObject({ ratePerMinute: 1000, remaining: 7000, percent: 30 });
    expect(long.expectedFinishAt).toBe("2026-12-02T10:17:00.000Z");

    const young = computeProgress(
      { ...base, startedAt: new Date("2026-12-02T10:09:30Z") } as Parameters<typeof computeProgress>[0],
      { audience: 10_000, sentInWindow: 3000, now },
    );
    // Started 30 seconds ago: 3,000 in 30 seconds is 6,000 a minute, not 1,500.
    expect(young.ratePerMinute).toBe(6000);

    const stalled = computeProgress(
      { ...base, startedAt: new Date("2026-12-02T10:00:00Z") } as Parameters<typeof computeProgress>[0],
      { audience: 10_000, sentInWindow: 0, now },
    );
    expect(stalled).toMatchObject({ ratePerMinute: 0, expectedFinishAt: null });

    const scheduled = computeProgress(
      { ...base, status: "scheduled", sentCount: 0, startedAt: null } as Parameters<
        typeof computeProgress
      >[0],
      { audience: 0, sentInWindow: 0, now },
    );
    expect(scheduled).toMatchObject({ percent: 0, ratePerMinute: null, remaining: 0 });
  });
});

describe("series and chart", () => {
  it("picks the smallest bucket that keeps the series within the limit and fills the gaps", () => {
    expect(bucketFor(0)).toBe(10_000);
    expect(bucketFor(MAX_BUCKETS * 10_000 - 1)).toBe(10_000);
    expect(bucketFor(MAX_BUCKETS * 10_000)).toBe(30_000);
    expect(bucketFor(3 * 86_400_000)).toBe(3 * 3_600_000);
    expect(
      fillSeries(
        new Map([
          [0, 2],
          [30_000, 1],
        ]),
        10_000,
      ),
    ).toEqual([
      { at: "1970-01-01T00:00:00.000Z", delivered: 2 },
      { at: "1970-01-01T00:00:10.000Z", delivered: 0 },
      { at: "1970-01-01T00:00:20.000Z", delivered: 0 },
      { at: "1970-01-01T00:00:30.000Z", delivered: 1 },
    ]);
    expect([niceMax(0), niceMax(1), niceMax(3), niceMax(7), niceMax(12), niceMax(501)]).toEqual([
      1, 1, 5, 10, 20, 1000,
    ]);
  });

  it("draws one bar per bucket with an accessible title and description, and escapes the title", () => {
    const svg = deliveriesChartSvg(
      {
        bucketMs: 60_000,
        points: [
          { at: "2026-12-02T09:58:00.000Z", delivered: 5 },
          { at: "2026-12-02T09:59:00.000Z", delivered: 0 },
          { at: "2026-12-02T10:00:00.000Z", delivered: 20 },
        ],
      },
      { idPrefix: "c1", title: 'Deliveries <of> "Autumn"' },
    );
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('role="img" aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Deliveries &lt;of&gt; &quot;Autumn&quot;</title>');
    expect(svg).toContain(
      '<desc id="c1-desc">25 messages delivered between 09:58 and 10:01 UTC, in 1-minute intervals; the busiest interval, from 10:00, had 20.</desc>',
    );
    expect(svg.match(/<rect /g)).toHaveLength(3);
    // The tallest bar reaches the axis maximum (20 is already "nice"); the empty bucket has no height.
    expect(svg).toContain('height="0" fill');
    expect(svg).not.toContain("style=");
    expect(svg).not.toContain("<script");
  });

  it("says so when nothing has been delivered", () => {
    const svg = deliveriesChartSvg({ bucketMs: 0, points: [] });
    expect(svg).toContain("No deliveries reported yet");
    expect(svg).toContain('<desc id="deliveries-desc">No deliveries have been reported');
    expect(svg).not.toContain("<rect");
  });
});
