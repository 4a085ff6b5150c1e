// The drip honours breaks and the series topic: real SDK through @inngest/test, real database, rendering, mailer
// and send gate, and a simulated clock that the mocked sleeps and waits move forward as Inngest's would.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { sends } from "../../src/db/schema.ts";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { pauseSubscriber, resumeSubscriber } from "../../src/subscribers/pause.ts";
import { setTopics } from "../../src/subscribers/topics.ts";
import { journeyDeps, outboxRows, seedSubscriber } from "../journey/helpers.ts";

const DAY = 86_400_000;
type Journey = ReturnType<typeof journeyDeps>;
let j: Journey | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

type Wait = { id: string; timeout: Date };

/**
 * A drip run over a clock that only moves when the run waits: each mocked sleep adds its delay, each
 * waitForEvent either times out (the clock jumps to its timeout) or is answered by `onWait`, which may act
 * (resume, extend) and return the event. `before` runs async work inside a step just before it.
 */
async function runDrip(
  options: {
    before?: Record<string, (clock: Date) => Promise<unknown>>;
    onWait?: (wait: Wait, n: number) => Promise<{ event: unknown } | undefined>;
  } = {},
) {
  let clock = new Date("2026-12-01T09:00:00Z");
  setClock = (at) => {
    clock = at;
  };
  j = journeyDeps({ now: () => clock });
  const deps = j.deps;
  const { id } = await seedSubscriber(j.db, { firstName: "Ana" });
  const lessons = deps.content.lessons;
  const waits: Wait[] = [];
  const answers = new Map<string, unknown>();
  /** Step ids whose callback ran, in order (each runs once; replays take the memoized result). */
  const ran: string[] = [];
  const transformCtx = (raw: Parameters<typeof mockCtx>[0]) => {
    const ctx = mockCtx(raw);
    const run = ctx.step.run;
    ctx.step.run = ((stepId: string, callback: () => unknown) =>
      run(stepId, async () => {
        ran.push(stepId);
        await options.before?.[stepId]?.(clock);
        return callback();
      })) as typeof run;
    // The engine replays the handler from the top after every step, as Inngest does; a wait that already
    // finished answers the same again, like a memoized step.
    ctx.step.waitForEvent = (async (stepId: string, opts: { timeout: Date }) => {
      const earlier = answers.get(stepId);
      if (earlier !== undefined) return earlier;
      const wait = { id: stepId, timeout: opts.timeout };
      waits.push(wait);
      const answered = await options.onWait?.(wait, waits.length);
      if (!answered) clock = new Date(Math.max(clock.getTime(), opts.timeout.getTime()));
      const answer = answered ? answered.event : null;
      answers.set(stepId, answer);
      return answer;
    }) as unknown as typeof ctx.step.waitForEvent;
    return ctx;
  };
  const engine = new InngestTestEngine({
    function: createDripSeries(deps),
    events: [{ name: "newsletter/subscriber.confirmed", data: { subscriberId: id } }],
    steps: lessons.map((l) => ({
      id: `wait-before-${l.id}`,
      handler() {
        clock = new Date(clock.getTime() + l.delayMs);
      },
    })),
    transformCtx,
  });
  const run = await engine.execute();
  const lessonSends = await deps.db
    .select()
    .from(sends)
    .where(eq(sends.subscriberId, id))
    .orderBy(asc(sends.createdAt));
  return {
    ...run,
    id,
    deps,
    waits,
    ran,
    lessons: lessons.map((l) => l.id),
    keys: outboxRows(j.sqlite).map((r) => r.key),
    sentAt: (lessonId: string) =>
      lessonSends.find((s) => s.idempotencyKey === `${id}:${lessonId}`)?.createdAt.getTime() ?? Number.NaN,
  };
}

const pauseFor = (weeks: 2 | 4 | 12) => async (id: string) => {
  if (!j) throw new Error("no deps");
  const outcome = await pauseSubscriber(j.deps, id, { weeks, welcomeBack: false });
  if (outcome.outcome !== "paused") throw new Error("pause refused");
  return outcome.until;
};

describe("drip-series and breaks", () => {
  it("a break that ends mid-series: the next lesson waits for its end, then every lesson goes once, in order", async () => {
    let until = 0;
    const r = await runDrip({
      before: {
        // While waiting before lesson 2, the reader takes a two-week break.
        [`check-${(await lessonIds())[1]}`]: async () => {
          until = (await pauseFor(2)(currentSubscriber())).getTime();
        },
      },
    });
    const secondId = r.lessons[1] as string;
    expect(r.result).toEqual({ completed: true, sent: ["welcome", ...r.lessons] });
    // One wait, until the break's end; the lesson went out after it and not before.
    expect(r.waits).toEqual([{ id: `break-before-${secondId}-1`, timeout: new Date(until) }]);
    expect(r.sentAt(secondId)).toBeGreaterThanOrEqual(until);
    expect(r.sentAt(r.lessons[0] as string)).toBeLessThan(until);
    // Nothing skipped, nothing twice.
    expect(r.keys).toEqual([`${r.id}:welcome`, ...r.lessons.map((l) => `${r.id}:${l}`)]);
    expect(r.ran).toContain(`check-${secondId}-2`);
    expect(r.ran).toContain(`send-${secondId}-2`);
    expect(r.ran).not.toContain(`send-${secondId}`);
    expect(new Set(r.ran).size).toBe(r.ran.length);
  });

  it("resuming early wakes the wait at once: the next lesson arrives days before the break would have ended", async () => {
    let until = 0;
    let resumedAt = 0;
    const r = await runDrip({
      before: {
        [`check-${(await lessonIds())[1]}`]: async () => {
          until = (await pauseFor(2)(currentSubscriber())).getTime();
        },
      },
      onWait: async (wait) => {
        // Three days into the break the reader presses "End my break now".
        if (!j) throw new Error("no deps");
        const d = j.deps;
        const at = new Date(d.now().getTime() + 3 * DAY);
        setClock(at);
        expect(await resumeSubscriber(d, currentSubscriber())).toBe("resumed");
        resumedAt = at.getTime();
        return {
          event: { name: "newsletter/subscriber.resumed", data: { subscriberId: currentSubscriber() }, wait },
        };
      },
    });
    const second = r.lessons[1] as string;
    expect(r.result).toEqual({ completed: true, sent: ["welcome", ...r.lessons] });
    expect(r.waits).toHaveLength(1);
    expect(r.sentAt(second)).toBe(resumedAt);
    expect(r.sentAt(second)).toBeLessThan(until);
    expect(r.keys).toEqual([`${r.id}:welcome`, ...r.lessons.map((l) => `${r.id}:${l}`)]);
  });

  it("a break made longer while waiting: the series re-checks at the first end and waits again", async () => {
    let longer = 0;
    const r = await runDrip({
      before: {
        [`check-${(await lessonIds())[1]}`]: async () => {
          await pauseFor(2)(currentSubscriber());
        },
      },
      onWait: async (_wait, n) => {
        if (n !== 1) return undefined;
        // Ten days in, the reader chooses a four-week break instead; the first wait still times out.
        if (!j) throw new Error("no deps");
        setClock(new Date(j.deps.now().getTime() + 10 * DAY));
        longer = (await pauseFor(4)(currentSubscriber())).getTime();
        return undefined;
      },
    });
    const second = r.lessons[1] as string;
    expect(r.waits.map((w) => w.id)).toEqual([`break-before-${second}-1`, `break-before-${second}-2`]);
    expect(r.waits[1]?.timeout.getTime()).toBe(longer);
    expect(r.sentAt(second)).toBeGreaterThanOrEqual(longer);
    expect(r.result).toEqual({ completed: true, sent: ["welcome", ...r.lessons] });
  });

  it("a break begun between the check and the send: the send step refuses, the series waits, then sends once", async () => {
    let until = 0;
    const r = await runDrip({
      before: {
        [`send-${(await lessonIds())[1]}`]: async () => {
          until = (await pauseFor(2)(currentSubscriber())).getTime();
        },
      },
    });
    const second = r.lessons[1] as string;
    expect(r.result).toEqual({ completed: true, sent: ["welcome", ...r.lessons] });
    expect(r.waits.map((w) => w.id)).toEqual([`break-before-${second}-2`]);
    expect(r.sentAt(second)).toBeGreaterThanOrEqual(until);
    expect(r.keys.filter((k) => k === `${r.id}:${second}`)).toHaveLength(1);
  });

  it("leaving the series topic stops the lessons; nothing more is sent", async () => {
    const third = (await lessonIds())[2] as string;
    const r = await runDrip({
      before: {
        [`check-${third}`]: async () => {
          if (!j) throw new Error("no deps");
          await setTopics(j.deps, currentSubscriber(), ["research-news"], { form: "preferences-page" });
        },
      },
    });
    expect(r.result).toEqual({
      completed: false,
      stoppedBefore: third,
      sent: ["welcome", ...r.lessons.slice(0, 2)],
      status: "left-series",
    });
    expect(r.keys).toEqual([`${r.id}:welcome`, ...r.lessons.slice(0, 2).map((l) => `${r.id}:${l}`)]);
  });
});

// The seeded subscriber of the current run, for the hooks (the seed happens inside runDrip).
function currentSubscriber(): string {
  const row = j?.sqlite.prepare("select id from subscribers order by rowid desc limit 1").get() as
    | { id: string }
    | undefined;
  if (!row) throw new Error("no subscriber");
  return row.id;
}
async function lessonIds(): Promise<string[]> {
  const { loadContentFromDisk } = await import("../../src/content/node.ts");
  return loadContentFromDisk().lessons.map((l) => l.id);
}
let setClock: (at: Date) => void = () => {
  throw new Error("setClock used outside a run");
};
