// Issue 14's acceptance check, in-process: from a lesson in /dev/outbox the reader opens "Manage preferences",
// takes a 2-week break, the drip's next lesson waits (the run waits for the break's end), they end the break
// early and the lesson arrives. The real app (routes, outbox, mailer, send gate), the real drip function through
// @inngest/test, and a clock that moves only when the run sleeps.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterEach, expect, it } from "vitest";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { postForm, seedSubscriber } from "../journey/helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

type OutboxItem = { id: string; subject: string; html: string; idempotencyKey: string; time: string };

it("lesson in /dev/outbox → Manage preferences → 2-week break → the next lesson waits → resume → it arrives", async () => {
  let clock = new Date("2026-12-01T09:00:00Z");
  t = createTestApp({ now: () => clock });
  const { id } = await seedSubscriber(t.db, { firstName: "Ana" });
  const [first, second] = t.deps.content.lessons;
  if (!first || !second) throw new Error("the series needs two lessons");
  const outbox = async () => (await (await t.app.request("/dev/outbox.json")).json()) as OutboxItem[];
  const journal: string[] = [];
  let link = "";
  // The engine replays the handler after every step; a finished wait answers the same again, as Inngest's would.
  const answered = new Map<string, unknown>();

  const transformCtx = (raw: Parameters<typeof mockCtx>[0]) => {
    const ctx = mockCtx(raw);
    const run = ctx.step.run;
    ctx.step.run = ((stepId: string, callback: () => unknown) =>
      run(stepId, async () => {
        if (stepId === `check-${second.id}`) {
          // The reader opens lesson 1 in the outbox and follows "Manage preferences".
          const lesson = (await outbox()).find((m) => m.subject === first.subject);
          if (!lesson) throw new Error("lesson 1 is not in the outbox");
          const viewer = await (await t.app.request(`/dev/outbox/${lesson.id}`)).text();
          expect(viewer).toContain("Manage preferences");
          link = /href="(http:\/\/newsletter\.test\/preferences\?token=[^"]+)"[^>]*>Manage preferences</.exec(
            lesson.html,
          )?.[1] as string;
          const page = await t.app.request(link.replace("http://newsletter.test", ""));
          expect(page.status).toBe(200);
          const token = new URL(link).searchParams.get("token") as string;
          const pause = await postForm(t.app, "/preferences/pause", { token, weeks: "2" });
          expect(pause.status).toBe(303);
          journal.push("paused for 2 weeks");
        }
        return callback();
      })) as typeof run;
    ctx.step.waitForEvent = (async (stepId: string, opts: { timeout: Date }) => {
      if (answered.has(stepId)) return answered.get(stepId);
      journal.push(`${stepId} waits until ${opts.timeout.toISOString()}`);
      // Lesson 2 is not out while the run waits.
      expect((await outbox()).map((m) => m.subject)).not.toContain(second.subject);
      // Three days later the reader presses "End my break now" on the same page.
      clock = new Date(clock.getTime() + 3 * 86_400_000);
      const token = new URL(link).searchParams.get("token") as string;
      const resume = await postForm(t.app, "/preferences/resume", { token });
      expect(resume.status).toBe(303);
      const [event] = t.inngestApi.named("newsletter/subscriber.resumed");
      expect(event?.data).toEqual({ subscriberId: id });
      journal.push("resumed; the wait gets newsletter/subscriber.resumed");
      answered.set(stepId, event);
      return event;
    }) as unknown as typeof ctx.step.waitForEvent;
    return ctx;
  };

  const engine = new InngestTestEngine({
    function: createDripSeries(t.deps),
    events: [{ name: "newsletter/subscriber.confirmed", data: { subscriberId: id } }],
    steps: t.deps.content.lessons.map((l) => ({
      id: `wait-before-${l.id}`,
      handler() {
        clock = new Date(clock.getTime() + l.delayMs);
      },
    })),
    transformCtx,
  });
  const { result } = await engine.execute();

  expect(journal).toEqual([
    "paused for 2 weeks",
    expect.stringMatching(new RegExp(`^break-before-${second.id}-1 waits until 2026-12-`)),
    "resumed; the wait gets newsletter/subscriber.resumed",
  ]);
  expect(result).toMatchObject({ completed: true });
  const arrived = (await outbox()).find((m) => m.subject === second.subject);
  expect(arrived?.idempotencyKey).toBe(`${id}:${second.id}`);
  const subjects = (await outbox()).map((m) => m.subject);
  expect(subjects.filter((s) => s === second.subject)).toHaveLength(1);
});
