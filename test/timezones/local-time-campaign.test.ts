// Campaigns "at 9:00 in each reader's time zone": broadcast-campaign and broadcast-chunk under @inngest/test on
// a simulated clock (each step.sleepUntil moves it), the real app, database, send gate and outbox. Each zone's
// group goes at its local 9:00 (or at once, when 9:00 has passed there but it is still daytime), nobody twice,
// in pages of at most 100 that never mix send times, across run hand-overs.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterEach, describe, expect, it } from "vitest";
import { eligiblePageQuery } from "../../src/campaigns/audience.ts";
import { dueInZone, planSlots } from "../../src/campaigns/local-time.ts";
import { createBroadcastCampaign } from "../../src/functions/broadcast-campaign.ts";
import { createBroadcastChunk } from "../../src/functions/broadcast-chunk.ts";
import type { RunOutcome } from "../../src/functions/broadcast-run.ts";
import { wallTime } from "../../src/lib/time-zone.ts";
import {
  admin,
  campaignRow,
  campaignSends,
  createAndSend,
  createCampaign,
  instrumentMailer,
  seed,
  setup,
} from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const WINDOW = { start: 8 * 60, end: 20 * 60 };

type Event = { name: string; data: Record<string, unknown> };

/** Runs one function with sleepUntil moving the simulated clock forward to the time it waits for. */
async function runOnClock(fn: object, event: Event, clock: { now: Date }) {
  const engine = new InngestTestEngine({
    function: fn as ConstructorParameters<typeof InngestTestEngine>[0]["function"],
    events: [event as never],
    steps: [{ id: "start-next-chunk", handler: () => ({ ids: [] }) }],
    transformCtx: (raw) => {
      const ctx = mockCtx(raw);
      const sleeps: [string, string][] = [];
      ctx.step.sleepUntil = (async (id: string, at: string) => {
        sleeps.push([id, at]);
        // The engine replays the handler from the top, passing earlier sleeps again: the clock only moves on.
        if (Date.parse(at) > clock.now.getTime()) clock.now = new Date(at);
      }) as never;
      (ctx as unknown as { sleeps: typeof sleeps }).sleeps = sleeps;
      return ctx;
    },
  });
  const { result, ctx } = await engine.execute();
  const handOver = ctx.step.sendEvent.mock.calls.at(-1)?.[1] as Event | undefined;
  return { result: result as RunOutcome, handOver };
}

/** The whole broadcast: the parent run, then every chunk run it hands over to, until it finishes. */
async function broadcastAll(app: TestApp, campaignId: string, clock: { now: Date }, pagesPerRun: number) {
  const overrides = { minPageMs: 0, pagesPerRun };
  const parent = createBroadcastCampaign(app.deps, overrides);
  const chunk = createBroadcastChunk(app.deps, overrides);
  const runs: { result: RunOutcome; handOver: Event | undefined }[] = [];
  let event: Event = { name: "newsletter/campaign.send-requested", data: { campaignId, requestId: "send" } };
  for (let i = 0; i < 50; i++) {
    const run = await runOnClock(i === 0 ? parent : chunk, event, clock);
    runs.push(run);
    if (run.result.outcome !== "continued") return runs;
    if (!run.handOver) throw new Error("continued without a hand-over");
    event = run.handOver;
  }
  throw new Error("the broadcast did not finish in 50 runs");
}

async function zoneSeed(
  app: TestApp,
  prefix: string,
  count: number,
  country: string | null,
  zone: string | null,
) {
  const people = await seed(app, { count, prefix, country });
  if (zone)
    app.sqlite.prepare("update subscribers set time_zone = ? where id like ?").run(zone, `${prefix}%`);
  return people.map((p) => ({ ...p, zone }));
}

describe("campaign at 9:00 local time", () => {
  it("sends each zone's group at its local 9:00 (or at once where 9:00 has passed in daytime), nobody twice", async () => {
    // 06:00 UTC on Wednesday 2 December 2026: 15:00 in Tokyo, 07:00 in Berlin, 06:00 in London, 01:00 in New
    // York, and 22:00 on Tuesday in Los Angeles.
    const clock = { now: new Date("2026-12-02T06:00:00Z") };
    t = setup({
      now: () => clock.now,
      env: { DELIVERY_WINDOW: "08:00-20:00", BRAND_TIME_ZONE: "Europe/Berlin" },
    });
    const app = t;
    const people = [
      ...(await zoneSeed(app, "sub_tyo", 130, "US", "Asia/Tokyo")),
      ...(await zoneSeed(app, "sub_lon", 250, "GB", null)), // country default: Europe/London
      ...(await zoneSeed(app, "sub_nyc", 120, "US", null)), // country default: America/New_York
      ...(await zoneSeed(app, "sub_lax", 90, "US", "America/Los_Angeles")),
      ...(await zoneSeed(app, "sub_ber", 60, null, null)), // brand default: Europe/Berlin
    ];
    const zoneOf = (email: string) => {
      const prefix = email.slice(0, 7);
      return {
        sub_tyo: "Asia/Tokyo",
        sub_lon: "Europe/London",
        sub_nyc: "America/New_York",
        sub_lax: "America/Los_Angeles",
        sub_ber: "Europe/Berlin",
      }[prefix] as string;
    };

    const id = await createAndSend(app, {}, { localTime: "09:00" });
    expect((await campaignRow(app, id)).status).toBe("sending");
    const batches: { at: Date; to: string[] }[] = [];
    instrumentMailer(app, async (_n, messages) => {
      batches.push({ at: clock.now, to: messages.map((m) => m.to) });
    });

    // Three pages per run: 9 pages, and both hand-overs come exactly as a slot ends (Berlin, then London), so
    // the next run starts the next slot from its beginning, its key the last recipient handled.
    const runs = await broadcastAll(app, id, clock, 3);
    expect(runs.map((r) => r.result.outcome)).toEqual(["continued", "continued", "finished"]);
    expect(runs.map((r) => r.handOver?.data.local)).toMatchObject([
      { slot: 2, startSlot: true },
      { slot: 3, startSlot: true },
      undefined,
    ]);
    expect(runs.map((r) => r.handOver?.data.afterId)).toEqual(["sub_ber000059", "sub_lon000249", undefined]);

    // Each batch: at most 100, one send time, and every recipient at their local 09:00, except Tokyo (9:00 had
    // passed; 15:00 is inside the window, so at once).
    const sentAt = new Map<string, string>();
    for (const batch of batches) {
      expect(batch.to.length).toBeLessThanOrEqual(100);
      for (const to of batch.to) {
        expect(sentAt.has(to), `${to} twice`).toBe(false);
        sentAt.set(to, batch.at.toISOString());
      }
    }
    expect(sentAt.size).toBe(people.length);
    const expected: Record<string, string> = {
      "Asia/Tokyo": "2026-12-02T06:00:00.000Z",
      "Europe/Berlin": "2026-12-02T08:00:00.000Z",
      "Europe/London": "2026-12-02T09:00:00.000Z",
      "America/New_York": "2026-12-02T14:00:00.000Z",
      "America/Los_Angeles": "2026-12-02T17:00:00.000Z",
    };
    for (const person of people) {
      const zone = zoneOf(person.email);
      const at = sentAt.get(person.email) as string;
      expect(at, person.email).toBe(expected[zone]);
      if (zone !== "Asia/Tokyo") expect(wallTime(new Date(at), zone)).toMatchObject({ hour: 9, minute: 0 });
    }
    // Batches by zone: 130 → 100+30, 250 → 100+100+50, 120 → 100+20, 90, 60: no batch mixes send times.
    expect(batches.map((b) => b.to.length)).toEqual([100, 30, 60, 100, 100, 50, 100, 20, 90]);

    const row = await campaignRow(app, id);
    expect(row).toMatchObject({ status: "sent", sentCount: people.length, audienceCount: people.length });
    expect(await campaignSends(app, id)).toHaveLength(people.length);
  });

  it("a re-delivered hand-over or a replayed page sends nothing again", async () => {
    const clock = { now: new Date("2026-12-02T06:00:00Z") };
    t = setup({ now: () => clock.now, env: { DELIVERY_WINDOW: "08:00-20:00" } });
    const app = t;
    await zoneSeed(app, "sub_lon", 150, "GB", null);
    await zoneSeed(app, "sub_nyc", 50, "US", null);
    const id = await createAndSend(app, {}, { localTime: "09:00" });
    const calls = instrumentMailer(app);
    const overrides = { minPageMs: 0, pagesPerRun: 1 };
    const first = await runOnClock(
      createBroadcastCampaign(app.deps, overrides),
      { name: "newsletter/campaign.send-requested", data: { campaignId: id, requestId: "send" } },
      clock,
    );
    expect(first.result.outcome).toBe("continued");
    const handOver = first.handOver as Event;
    expect(handOver.data).toMatchObject({
      chunk: 1,
      local: { slot: 0, plan: [{ zone: "Europe/London" }, { zone: "America/New_York" }] },
    });
    const chunk = createBroadcastChunk(app.deps, overrides);
    const again = await runOnClock(chunk, handOver, clock);
    const twice = await runOnClock(chunk, handOver, clock); // the same event delivered again
    expect(again.result.sent).toBe(50);
    expect(twice.result.sent).toBe(0);
    let event = twice.handOver as Event;
    for (let i = 0; i < 10 && event; i++) {
      const run = await runOnClock(chunk, event, clock);
      if (run.result.outcome !== "continued") break;
      event = run.handOver as Event;
    }
    const recipients = calls.flatMap((c) => c.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toHaveLength(200);
    expect((await campaignRow(app, id)).status).toBe("sent");
  });
});

describe("when each zone is due", () => {
  const schedule = { time: "09:00", date: null };
  it("today's 9:00 if still ahead; at once if past but inside the window; else the next morning's 9:00", () => {
    const now = new Date("2026-12-02T06:00:00Z");
    expect(dueInZone(now, "Europe/London", schedule, WINDOW).toISOString()).toBe("2026-12-02T09:00:00.000Z");
    expect(dueInZone(now, "Asia/Tokyo", schedule, WINDOW).toISOString()).toBe(now.toISOString());
    expect(dueInZone(now, "America/Los_Angeles", schedule, WINDOW).toISOString()).toBe(
      "2026-12-02T17:00:00.000Z",
    );
    // 23:00 in Auckland: past 9:00 and outside the window, so 9:00 tomorrow there.
    expect(
      dueInZone(new Date("2026-12-02T10:00:00Z"), "Pacific/Auckland", schedule, WINDOW).toISOString(),
    ).toBe("2026-12-02T20:00:00.000Z");
    // Without a window, a passed 9:00 always means at once.
    expect(
      dueInZone(new Date("2026-12-02T10:00:00Z"), "Pacific/Auckland", schedule, null).toISOString(),
    ).toBe("2026-12-02T10:00:00.000Z");
  });

  it("a local date counts in each zone's own offset, across a DST change", () => {
    // New York falls back on 1 November 2026: 9:00 that morning is EST (14:00 UTC), the day before EDT.
    const now = new Date("2026-10-30T00:00:00Z");
    const due = (date: string) =>
      dueInZone(now, "America/New_York", { time: "09:00", date }, WINDOW).toISOString();
    expect(due("2026-10-31")).toBe("2026-10-31T13:00:00.000Z");
    expect(due("2026-11-01")).toBe("2026-11-01T14:00:00.000Z");
  });

  it("one slot per zone key in time order; the brand's group is the empty key", () => {
    const now = new Date("2026-12-02T06:00:00Z");
    const slots = planSlots(
      now,
      ["America/Toronto", "", "Europe/Dublin", "America/New_York"],
      schedule,
      WINDOW,
      "Europe/London",
    );
    expect(slots).toEqual([
      { at: "2026-12-02T09:00:00.000Z", zone: "" },
      { at: "2026-12-02T09:00:00.000Z", zone: "Europe/Dublin" },
      { at: "2026-12-02T14:00:00.000Z", zone: "America/New_York" },
      { at: "2026-12-02T14:00:00.000Z", zone: "America/Toronto" },
    ]);
  });

  it("a slot's page is read from the zone index, not by scanning everyone", async () => {
    t = setup();
    const plan = (key: string) => pagePlan(t as TestApp, key);
    expect(plan("Europe/London")).toMatch(
      /USING (COVERING )?INDEX subscribers_status_zone_id \(status=\? AND <expr>=\? AND id>\?\)/,
    );
    expect(plan("")).toMatch(
      /USING (COVERING )?INDEX subscribers_status_zone_id \(status=\? AND <expr>=\? AND id>\?\)|subscribers_status_zone_id \(status=\? AND <expr>=NULL AND id>\?\)/,
    );
  });
});

describe("the send request", () => {
  it("refuses a bad local time, localTime with scheduledAt, and a local date that has passed everywhere", async () => {
    const now = new Date("2026-12-02T06:00:00Z");
    t = setup({ now: () => now });
    await seed(t, { count: 3 });
    const id = await createCampaign(t);
    const send = async (body: Record<string, unknown>) => {
      const res = await admin(t as TestApp, "POST", `/api/admin/campaigns/${id}/send`, body);
      return {
        status: res.status,
        body: (await res.json()) as { error: { fields: Record<string, string[]> } },
      };
    };
    for (const [body, field] of [
      [{ localTime: "9am" }, "localTime"],
      [{ localTime: "24:00" }, "localTime"],
      [{ localTime: "09:00", scheduledAt: "2026-12-03T09:00:00Z" }, "localTime"],
      [{ localDate: "2026-12-05" }, "localDate"],
      [{ localTime: "09:00", localDate: "2026-13-01" }, "localDate"],
      [{ localTime: "09:00", localDate: "2026-11-30" }, "localDate"],
    ] as const) {
      const res = await send(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await campaignRow(t, id)).status).toBe("draft");
  });

  it("with a local date, the campaign is scheduled for when the first zone reaches it", async () => {
    const now = new Date("2026-12-02T06:00:00Z");
    t = setup({ now: () => now });
    await seed(t, { count: 3 });
    const id = await createAndSend(t, {}, { localTime: "09:00", localDate: "2026-12-05" });
    const row = await campaignRow(t, id);
    expect(row).toMatchObject({ status: "scheduled", localSendTime: "09:00", localSendDate: "2026-12-05" });
    // 09:00 on 5 December at UTC+14.
    expect(row.scheduledAt?.toISOString()).toBe("2026-12-04T19:00:00.000Z");
    const view = await (await admin(t, "GET", `/api/admin/campaigns/${id}`)).json();
    expect((view as { campaign: { localTime: unknown } }).campaign.localTime).toEqual({
      time: "09:00",
      date: "2026-12-05",
    });
  });
});

/** EXPLAIN QUERY PLAN of the broadcast's own page query for one zone key. */
function pagePlan(app: TestApp, zoneKey: string) {
  const query = eligiblePageQuery(app.db, {
    campaignId: "cmp_x",
    audience: {},
    afterId: "sub_0",
    limit: 101,
    preferences: { topics: app.deps.content.topics, now: new Date() },
    zoneKey,
  }).toSQL();
  return app.sqlite
    .prepare(`explain query plan ${query.sql}`)
    .all(...query.params)
    .map((r) => (r as { detail: string }).detail)
    .join(" | ");
}
