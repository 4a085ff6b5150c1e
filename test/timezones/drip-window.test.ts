// Lessons in the reader's daytime: drip-series through @inngest/test on a simulated clock. Every mocked sleep
// moves the clock as the real one would, so the window is checked at the moment each lesson would really go.
// Transactional mail (confirmation, goodbye, crisis reply) is sent at once whatever the hour.
import { afterEach, describe, expect, it } from "vitest";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { createSendConfirmation } from "../../src/functions/send-confirmation.ts";
import { createSendGoodbye } from "../../src/functions/send-goodbye.ts";
import { createTriageReply } from "../../src/functions/triage-reply.ts";
import { wallTime } from "../../src/lib/time-zone.ts";
import { recordLocalInbound } from "../../src/replies/receive.ts";
import { nextLessonOpening } from "../../src/subscribers/delivery-window.ts";
import { insertSubscriber } from "../helpers/seed.ts";
import { journeyDeps, outboxRows, runFunction } from "../journey/helpers.ts";

type J = ReturnType<typeof journeyDeps>;
let j: J | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

const WINDOW_ENV = { DELIVERY_WINDOW: "08:00-20:00" };

/**
 * A drip run on a clock the mocked sleeps move: `wait-before-*` by the lesson's delay, `wait-window-*` to the
 * opening its `window-*` step returned. Records the simulated time of every lesson's send step.
 */
function simulate(start: string, env: Record<string, string> = WINDOW_ENV) {
  let now = new Date(start);
  j = journeyDeps({ env, now: () => now });
  const deps = j.deps;
  const sentAt: Record<string, Date> = {};
  const run = (subscriberId: string) => {
    let opening: string | undefined;
    const steps = deps.content.lessons.flatMap((l) => [
      {
        id: `wait-before-${l.id}`,
        handler() {
          now = new Date(now.getTime() + l.delayMs);
        },
      },
      {
        id: `wait-window-${l.id}`,
        handler() {
          if (opening) now = new Date(opening);
        },
      },
    ]);
    const beforeStep = Object.fromEntries([
      [
        "send-welcome",
        async () => {
          sentAt.welcome = now;
        },
      ],
      ...deps.content.lessons.flatMap((l) => [
        [
          `window-${l.id}`,
          async () => {
            opening = (await nextLessonOpening(deps, subscriberId))?.at;
          },
        ],
        [
          `send-${l.id}`,
          async () => {
            sentAt[l.id] = now;
          },
        ],
      ]),
    ]);
    return runFunction(
      createDripSeries(deps),
      { name: "newsletter/subscriber.confirmed", data: { subscriberId } },
      steps,
      beforeStep,
    );
  };
  return { deps, sentAt, run };
}

describe("lessons wait for the delivery window", () => {
  it("a lesson due at night in the reader's zone sleeps until 08:00 there; one due in the day goes at once", async () => {
    // 14:30 UTC is 23:30 in Tokyo: the first lesson's delay (below) lands it at night there.
    const sim = simulate("2026-12-02T14:30:00Z");
    const { id } = await insertSubscriber(sim.deps.db, {
      id: "sub_tokyo",
      email: "tokyo@example.com",
      timeZone: "Asia/Tokyo",
      country: "US",
    });
    const lessons = sim.deps.content.lessons;
    const { result, ctx } = await sim.run(id);
    expect(result).toMatchObject({ completed: true });

    for (const lesson of lessons) {
      const at = sim.sentAt[lesson.id];
      expect(at, lesson.id).toBeDefined();
      const local = wallTime(at as Date, "Asia/Tokyo");
      expect(local.hour, `${lesson.id} at ${at?.toISOString()}`).toBeGreaterThanOrEqual(8);
      expect(local.hour, `${lesson.id} at ${at?.toISOString()}`).toBeLessThan(20);
    }
    // Each sleepUntil was to an 08:00 Tokyo opening (23:00 UTC the day before), and at least one was needed.
    const waits = ctx.step.sleepUntil.mock.calls;
    expect(waits.length).toBeGreaterThan(0);
    for (const [stepId, until] of waits) {
      expect(stepId).toMatch(/^wait-window-/);
      expect(new Date(until as string).toISOString()).toMatch(/T23:00:00\.000Z$/);
    }
    // Every lesson once, in order.
    expect(outboxRows(j?.sqlite as J["sqlite"]).map((r) => r.key)).toEqual([
      `${id}:welcome`,
      ...lessons.map((l) => `${id}:${l.id}`),
    ]);
  });

  it("uses the country's zone when the reader gave none, and opens at 08:00 local across a DST change", async () => {
    // No stored zone, country US: America/New_York. The clock starts so that the first lesson falls due at
    // 23:30 EST on Saturday 7 March 2026; clocks go forward that night, so 08:00 is EDT (12:00 UTC).
    const first = journeyDeps().deps.content.lessons[0];
    if (!first) throw new Error("no lessons");
    const dueAt = Date.parse("2026-03-08T04:30:00Z");
    const start = new Date(dueAt - first.delayMs);
    const sim2 = simulate(start.toISOString());
    const { id } = await insertSubscriber(sim2.deps.db, {
      id: "sub_ny",
      email: "ny@example.com",
      country: "US",
    });
    const { ctx } = await sim2.run(id);
    expect(ctx.step.sleepUntil.mock.calls[0]).toEqual([
      `wait-window-${first.id}`,
      "2026-03-08T12:00:00.000Z",
    ]);
    expect(sim2.sentAt[first.id]?.toISOString()).toBe("2026-03-08T12:00:00.000Z");
  });

  it("falls back to the brand's zone (BRAND_TIME_ZONE) without a zone or a known country", async () => {
    const first = journeyDeps().deps.content.lessons[0];
    if (!first) throw new Error("no lessons");
    // Due at 21:00 UTC, which is 22:00 in Berlin (closed) but 16:00 in New York (open).
    const start = new Date(Date.parse("2026-12-02T21:00:00Z") - first.delayMs).toISOString();
    const berlin = simulate(start, { ...WINDOW_ENV, BRAND_TIME_ZONE: "Europe/Berlin" });
    const a = await insertSubscriber(berlin.deps.db, {
      id: "sub_de",
      email: "de@example.com",
      country: "DE",
    });
    const { ctx } = await berlin.run(a.id);
    expect(ctx.step.sleepUntil.mock.calls[0]).toEqual([
      `wait-window-${first.id}`,
      "2026-12-03T07:00:00.000Z",
    ]);

    const newYork = simulate(start);
    const b = await insertSubscriber(newYork.deps.db, { id: "sub_x", email: "x@example.com" });
    const second = await newYork.run(b.id);
    expect(second.ctx.step.sleepUntil.mock.calls.map((c) => c[0])).not.toContain(`wait-window-${first.id}`);
    expect(newYork.sentAt[first.id]?.toISOString()).toBe("2026-12-02T21:00:00.000Z");
  });

  it("the welcome answers the reader's click and is never held back, even at 03:00", async () => {
    const sim = simulate("2026-12-02T08:00:00Z"); // 03:00 in New York
    const { id } = await insertSubscriber(sim.deps.db, {
      id: "sub_w",
      email: "w@example.com",
      country: "US",
    });
    const { ctx } = await sim.run(id);
    expect(sim.sentAt.welcome?.toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(ctx.step.sleepUntil.mock.calls.map((c) => c[0])).not.toContain("wait-window-welcome");
  });

  it("DELIVERY_WINDOW=off sends each lesson when its delay ends, at any hour", async () => {
    const start = Date.parse("2026-12-02T08:00:00Z");
    const sim = simulate(new Date(start).toISOString(), { DELIVERY_WINDOW: "off" });
    const { id } = await insertSubscriber(sim.deps.db, {
      id: "sub_o",
      email: "o@example.com",
      country: "US",
    });
    const { ctx } = await sim.run(id);
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    let at = start;
    for (const lesson of sim.deps.content.lessons) {
      at += lesson.delayMs;
      expect(sim.sentAt[lesson.id]?.getTime(), lesson.id).toBe(at);
    }
  });
});

describe("transactional mail is never delayed", () => {
  it("confirmation, goodbye and crisis reply go at 03:00 local with the window on, with no sleep", async () => {
    const now = new Date("2026-12-02T08:00:00Z"); // 03:00 in New York
    j = journeyDeps({ env: WINDOW_ENV, now: () => now });
    const reader = await insertSubscriber(j.db, {
      id: "sub_t",
      email: "night.reader@example.com",
      status: "pending",
      country: "US",
    });
    const confirmation = await runFunction(createSendConfirmation(j.deps), {
      name: "newsletter/subscriber.created",
      data: { subscriberId: reader.id },
    });
    expect(confirmation.ctx.step.sleepUntil).not.toHaveBeenCalled();
    expect(confirmation.ctx.step.sleep).not.toHaveBeenCalled();

    j.sqlite
      .prepare("update subscribers set status = 'unsubscribed', unsubscribed_at = ? where id = ?")
      .run(now.getTime(), reader.id);
    const goodbye = await runFunction(createSendGoodbye(j.deps), {
      name: "newsletter/subscriber.unsubscribed",
      data: { subscriberId: reader.id, reason: "user", unsubscribedAt: now.getTime() },
    });
    expect(goodbye.ctx.step.sleepUntil).not.toHaveBeenCalled();

    j.sqlite.prepare("update subscribers set status = 'active' where id = ?").run(reader.id);
    const { id } = await recordLocalInbound(j.deps, {
      from: reader.email,
      to: "replies@hopemark.test",
      subject: "Re: Lesson 1",
      text: "I want to die",
      headers: {},
    });
    const triage = await runFunction(createTriageReply(j.deps), {
      name: "newsletter/reply.received",
      data: { source: "local", messageRef: id, receivedAt: now.getTime() },
    });
    expect(triage.ctx.step.sleepUntil).not.toHaveBeenCalled();

    const subjects = outboxRows(j.sqlite)
      .filter((r) => r.to === reader.email)
      .map((r) => r.subject);
    expect(subjects).toHaveLength(3);
  });
});
