// welcome-back through @inngest/test with the real SDK, rendering, mailer and send gate: the note goes once, only
// to a reader who asked for it, only when that same break has ended.
import { afterEach, describe, expect, it } from "vitest";
import { sends } from "../../src/db/schema.ts";
import { createWelcomeBack } from "../../src/functions/welcome-back.ts";
import { pauseSubscriber, resumeSubscriber } from "../../src/subscribers/pause.ts";
import { setTopics } from "../../src/subscribers/topics.ts";
import { journeyDeps, outboxRows, runFunction, seedSubscriber } from "../journey/helpers.ts";

const WEEK = 7 * 86_400_000;
type Journey = ReturnType<typeof journeyDeps>;
let j: Journey | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

/** A reader on a break, and a clock the break-end sleep moves to its end. */
async function onBreak(
  welcomeBack: boolean,
  weeks: 2 | 4 | 12 = 2,
  options: { start?: string; country?: string; env?: Record<string, string> } = {},
) {
  let clock = new Date(options.start ?? "2026-12-02T10:00:00Z");
  j = journeyDeps({ now: () => clock, ...(options.env ? { env: options.env } : {}) });
  const { id, email } = await seedSubscriber(j.db, { firstName: "Ana", country: options.country ?? "IE" });
  const paused = await pauseSubscriber(j.deps, id, { weeks, welcomeBack });
  if (paused.outcome !== "paused") throw new Error("not paused");
  const event = {
    name: "newsletter/subscriber.paused",
    data: { subscriberId: id, until: paused.until.getTime() },
  };
  const wake = (extra?: () => void) => [
    {
      id: "wait-for-break-end",
      handler() {
        clock = new Date(paused.until.getTime());
        extra?.();
      },
    },
  ];
  return {
    id,
    email,
    until: paused.until,
    event,
    wake,
    deps: j.deps,
    setClock: (d: Date) => (clock = d),
    clock: () => clock,
  };
}

describe("welcome-back", () => {
  it("is cancelled by an unsubscribe and sleeps until the break's end", async () => {
    const r = await onBreak(true);
    const fn = createWelcomeBack(r.deps);
    expect(fn.id()).toBe("welcome-back");
    expect(fn.opts.cancelOn).toEqual([
      {
        event: "newsletter/subscriber.unsubscribed",
        if: "async.data.subscriberId == event.data.subscriberId",
      },
    ]);
    const { ctx } = await runFunction(fn, r.event, r.wake());
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-break-end", r.until);
  });

  it("sends one gentle note, through the send gate, to a reader who ticked the box; a replay sends nothing more", async () => {
    const r = await onBreak(true);
    const fn = createWelcomeBack(r.deps);
    const { result } = await runFunction(fn, r.event, r.wake());
    expect(result).toMatchObject({ sent: true });
    const rows = outboxRows(j?.sqlite as never);
    expect(rows.map((x) => x.key)).toEqual([`${r.id}:welcome-back:${r.until.getTime()}`]);
    const [note] = rows;
    expect(note?.to).toBe(r.email);
    expect(note?.subject).toBe("Your break is over: welcome back");
    expect(note?.text).toContain("Hi Ana,");
    expect(note?.text).toContain("The lessons carry on where they stopped");
    // Ireland's crisis line, both footer links and the one-click header.
    expect(note?.text).toContain("116 123");
    expect(note?.text).toContain("http://newsletter.test/preferences?token=");
    expect(note?.text).toContain("http://newsletter.test/unsubscribe?token=");
    expect(note?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    const replay = await runFunction(fn, r.event, r.wake());
    expect(replay.result).toMatchObject({ sent: false, reason: "already-sent" });
    expect(outboxRows(j?.sqlite as never)).toHaveLength(1);
  });

  it("waits for the reader's daytime: a break ending at 3 a.m. in New York sends the note at 8 a.m. there", async () => {
    // Two weeks from 08:00 UTC is 03:00 in New York (a US reader without a zone of their own).
    const r = await onBreak(true, 2, {
      start: "2026-12-02T08:00:00Z",
      country: "US",
      env: { DELIVERY_WINDOW: "08:00-20:00" },
    });
    const opening = "2026-12-16T13:00:00.000Z";
    const { result, ctx } = await runFunction(createWelcomeBack(r.deps), r.event, [
      ...r.wake(),
      {
        id: "wait-window-welcome-back",
        handler() {
          r.setClock(new Date(opening));
        },
      },
    ]);
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-window-welcome-back", opening);
    expect(result).toMatchObject({ sent: true });
    const [row] = await r.deps.db.select().from(sends);
    expect(row?.createdAt.toISOString()).toBe(opening);
  });

  it("says nothing of lessons to a reader who left the series", async () => {
    const r = await onBreak(true);
    await setTopics(r.deps, r.id, ["research-news"], { form: "preferences-page" });
    await runFunction(createWelcomeBack(r.deps), r.event, r.wake());
    const [note] = outboxRows(j?.sqlite as never);
    expect(note?.text).toContain("Your break from the Hopemark Health newsletter has ended");
    expect(note?.text).not.toContain("lessons carry on");
  });

  it.each([
    ["did not tick the box", async (_r: Awaited<ReturnType<typeof onBreak>>) => {}, false],
    [
      "ended the break early",
      async (r: Awaited<ReturnType<typeof onBreak>>) => {
        r.setClock(new Date(r.until.getTime() - WEEK));
        expect(await resumeSubscriber(r.deps, r.id)).toBe("resumed");
      },
      true,
    ],
    [
      "made the break longer (that break has its own run)",
      async (r: Awaited<ReturnType<typeof onBreak>>) => {
        r.setClock(new Date(r.until.getTime() - WEEK));
        await pauseSubscriber(r.deps, r.id, { weeks: 4, welcomeBack: true });
      },
      true,
    ],
  ])("sends nothing to a reader who %s", async (_label, change, welcomeBack) => {
    const r = await onBreak(welcomeBack);
    await change(r);
    // The clock reaches the first break's end, so only the change itself can hold the note back.
    const { result } = await runFunction(createWelcomeBack(r.deps), r.event, r.wake());
    expect(result).toEqual({ sent: false, reason: "not-due" });
    expect(outboxRows(j?.sqlite as never)).toEqual([]);
  });
});
