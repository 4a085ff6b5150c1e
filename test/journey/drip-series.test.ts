// drip-series through @inngest/test with the real SDK, real rendering, the real mailer and send gate.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { sends, subscribers } from "../../src/db/schema.ts";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { startResendStub } from "../../test-support/resend-stub.ts";
import { journeyDeps, outboxRows, runFunction, seedSubscriber, sleepMocks } from "./helpers.ts";

type Journey = ReturnType<typeof journeyDeps>;
let j: Journey | undefined;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  j?.close();
  j = undefined;
  for (const c of cleanups.splice(0)) await c();
});

const confirmed = (subscriberId: string) => ({
  name: "newsletter/subscriber.confirmed",
  data: { subscriberId },
});

describe("drip-series", () => {
  it("is idempotent per subscriber and cancelled by that subscriber's unsubscribe", () => {
    j = journeyDeps();
    const fn = createDripSeries(j.deps);
    expect(fn.id()).toBe("drip-series");
    expect(fn.opts).toMatchObject({
      id: "drip-series",
      idempotency: "event.data.subscriberId",
      cancelOn: [
        {
          event: "newsletter/subscriber.unsubscribed",
          if: "async.data.subscriberId == event.data.subscriberId",
        },
      ],
    });
  });

  it("sends the welcome, then every lesson in order after its delay, each with footer and unsubscribe headers", async () => {
    j = journeyDeps();
    const { id, email } = await seedSubscriber(j.db, { firstName: "Ana" });
    const lessons = j.deps.content.lessons;
    expect(lessons.length).toBeGreaterThan(1);
    const { result, ctx } = await runFunction(
      createDripSeries(j.deps),
      confirmed(id),
      sleepMocks(lessons.map((l) => l.id)),
    );

    expect(result).toEqual({ completed: true, sent: ["welcome", ...lessons.map((l) => l.id)] });
    expect(ctx.step.sleep.mock.calls).toEqual(lessons.map((l) => [`wait-before-${l.id}`, l.delayMs]));

    const rows = outboxRows(j.sqlite);
    expect(rows.map((r) => r.key)).toEqual([`${id}:welcome`, ...lessons.map((l) => `${id}:${l.id}`)]);
    expect(rows.map((r) => r.subject)).toEqual([
      "Welcome to the Hopemark Health newsletter",
      ...lessons.map((l) => l.subject),
    ]);
    for (const row of rows) {
      expect(row.to).toBe(email);
      expect(row.text).toMatch(/call or text 988/i);
      expect(row.text).toContain("http://newsletter.test/unsubscribe?token=");
      expect(row.headers["List-Unsubscribe"]).toMatch(
        /^<http:\/\/newsletter\.test\/api\/unsubscribe\?token=[^>]+>$/,
      );
      expect(row.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    }
    const recorded = await j.db.select().from(sends);
    expect(recorded).toHaveLength(lessons.length + 1);
    expect(recorded.every((s) => s.status === "sent" && s.kind === "lesson" && s.subscriberId === id)).toBe(
      true,
    );
  });

  it("DRIP_TIME_SCALE shortens every delay for demos", async () => {
    j = journeyDeps({ env: { DRIP_TIME_SCALE: "0.001" } });
    const { id } = await seedSubscriber(j.db);
    const lessons = j.deps.content.lessons;
    const { ctx } = await runFunction(
      createDripSeries(j.deps),
      confirmed(id),
      sleepMocks(lessons.map((l) => l.id)),
    );
    expect(ctx.step.sleep.mock.calls).toEqual(
      lessons.map((l) => [`wait-before-${l.id}`, Math.max(1000, Math.round(l.delayMs * 0.001))]),
    );
  });

  it("stops when the subscriber unsubscribes mid-series", async () => {
    j = journeyDeps();
    const { id } = await seedSubscriber(j.db);
    const lessons = j.deps.content.lessons.map((l) => l.id);
    const third = lessons[2] as string;
    const leave = () =>
      j?.sqlite.prepare("update subscribers set status = 'unsubscribed' where id = ?").run(id);
    const { result, ctx } = await runFunction(
      createDripSeries(j.deps),
      confirmed(id),
      sleepMocks(lessons, { [third]: leave }),
    );

    expect(result).toEqual({
      completed: false,
      stoppedBefore: third,
      sent: ["welcome", ...lessons.slice(0, 2)],
      status: "unsubscribed",
    });
    expect(outboxRows(j.sqlite).map((r) => r.key)).toEqual([
      `${id}:welcome`,
      ...lessons.slice(0, 2).map((l) => `${id}:${l}`),
    ]);
    const stepIds = ctx.step.run.mock.calls.map((c) => c[0]);
    expect(stepIds).not.toContain(`send-${third}`);
    expect(ctx.step.sleep.mock.calls).toHaveLength(3);
  });

  it("the send step re-checks right before sending: a bounce recorded during the check stops the series", async () => {
    j = journeyDeps();
    const { id, email } = await seedSubscriber(j.db);
    const hash = await hashEmail(email);
    const lessons = j.deps.content.lessons.map((l) => l.id);
    const first = lessons[0] as string;
    const bounce = () =>
      j?.sqlite.prepare("insert into suppressions (email_hash, reason) values (?, 'bounced')").run(hash);
    const { result } = await runFunction(
      createDripSeries(j.deps),
      confirmed(id),
      sleepMocks(lessons, { [first]: bounce }),
    );
    expect(result).toMatchObject({
      completed: false,
      stoppedBefore: first,
      outcome: { sent: false, reason: "suppressed" },
    });
    expect(outboxRows(j.sqlite).map((r) => r.key)).toEqual([`${id}:welcome`]);
  });

  it("sends nothing to a subscriber who is not active when the series starts", async () => {
    j = journeyDeps();
    const { id } = await seedSubscriber(j.db, { status: "pending" });
    const { result } = await runFunction(
      createDripSeries(j.deps),
      confirmed(id),
      sleepMocks(j.deps.content.lessons.map((l) => l.id)),
    );
    expect(result).toMatchObject({
      completed: false,
      stoppedBefore: "welcome",
      outcome: { sent: false, reason: "status:pending" },
    });
    expect(outboxRows(j.sqlite)).toEqual([]);
  });
});

describe("drip-series: retries never send twice (real Resend SDK against a local stub)", () => {
  async function withStub() {
    const stub = await startResendStub();
    cleanups.push(stub.close);
    j = journeyDeps({
      env: { MAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_test_123", RESEND_BASE_URL: stub.url },
    });
    return stub;
  }

  it("a send step whose response was lost is retried with the same idempotency key: one delivery", async () => {
    const stub = await withStub();
    if (!j) throw new Error("no deps");
    const { id } = await seedSubscriber(j.db);
    const lessons = j.deps.content.lessons.map((l) => l.id);
    const first = lessons[0] as string;
    const key = `${id}:${first}`;
    stub.dropFirstResponse.add(key);
    const fn = createDripSeries(j.deps);

    // Attempt 1: Resend accepts lesson 1 but the connection drops before the answer; the step fails.
    const attempt1 = await runFunction(fn, confirmed(id), sleepMocks(lessons));
    expect(attempt1.result).toBeUndefined();
    expect(attempt1.error).toMatchObject({
      message: expect.stringContaining('Resend send of template "lesson" failed'),
    });
    const welcomeOutput = attempt1.ctx.step.run.mock.results[0]?.value;
    const recordedWelcome = await welcomeOutput;
    expect(recordedWelcome).toMatchObject({ sent: true });
    expect(await j.db.select().from(sends).where(eq(sends.idempotencyKey, key))).toEqual([]);

    // Attempt 2: Inngest replays with the completed steps memoized and re-runs the failed one.
    const attempt2 = await runFunction(fn, confirmed(id), [
      { id: "send-welcome", handler: () => recordedWelcome },
      ...sleepMocks(lessons),
    ]);
    expect(attempt2.result).toMatchObject({ completed: true });

    const forKey = stub.requests.filter((r) => r.idempotencyKey === key);
    expect(forKey).toHaveLength(2);
    expect(stub.delivered.size).toBe(lessons.length + 1);
    const [row] = await j.db.select().from(sends).where(eq(sends.idempotencyKey, key));
    expect(row?.providerMessageId).toBe(stub.delivered.get(key)?.id);
    // Every request carried its sends-table key; no email went out without one.
    expect(stub.requests.every((r) => r.idempotencyKey?.startsWith(`${id}:`))).toBe(true);
  });

  it("a full replay after the sends rows exist makes no provider call at all", async () => {
    const stub = await withStub();
    if (!j) throw new Error("no deps");
    const { id } = await seedSubscriber(j.db);
    const lessons = j.deps.content.lessons.map((l) => l.id);
    const fn = createDripSeries(j.deps);
    await runFunction(fn, confirmed(id), sleepMocks(lessons));
    const calls = stub.requests.length;
    expect(calls).toBe(lessons.length + 1);

    const replay = await runFunction(fn, confirmed(id), sleepMocks(lessons));
    expect(replay.result).toMatchObject({ completed: true });
    expect(stub.requests.length).toBe(calls);
    expect(await j.db.select().from(sends)).toHaveLength(lessons.length + 1);
  });
});

describe("drip-series: subscriber rows", () => {
  it("never changes the subscriber", async () => {
    j = journeyDeps();
    const { id } = await seedSubscriber(j.db);
    const [before] = await j.db.select().from(subscribers).where(eq(subscribers.id, id));
    await runFunction(
      createDripSeries(j.deps),
      confirmed(id),
      sleepMocks(j.deps.content.lessons.map((l) => l.id)),
    );
    const [after] = await j.db.select().from(subscribers).where(eq(subscribers.id, id));
    expect(after).toEqual(before);
  });
});
