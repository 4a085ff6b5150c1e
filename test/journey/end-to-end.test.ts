// The whole journey through the real app and database: form post → confirmation in the outbox → follow the
// link (GET, then the button's POST) → confirmed event → drip-series run by the engine → lessons in the outbox →
// one-click unsubscribe from a lesson's List-Unsubscribe header mid-series → nothing more is sent.
// Events go where Inngest would receive them (the fake event API); functions get exactly those payloads.
import { afterEach, expect, it } from "vitest";
import { consents, subscribers } from "../../src/db/schema.ts";
import { createDripSeries } from "../../src/functions/drip-series.ts";
import { createSendConfirmation } from "../../src/functions/send-confirmation.ts";
import { createSendGoodbye } from "../../src/functions/send-goodbye.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import type { SentEvent } from "../helpers/fake-inngest.ts";
import { APP_URL, linkFrom, pageText, postForm, runFunction, sleepMocks } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

type OutboxJson = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}[];

async function outbox(): Promise<OutboxJson> {
  const res = await t.app.request("/dev/outbox.json");
  expect(res.status).toBe(200);
  // Newest first in the API; oldest first reads like the journey.
  return ((await res.json()) as OutboxJson).reverse();
}

function only(name: string): SentEvent {
  const events = t.inngestApi.named(name);
  expect(events, name).toHaveLength(1);
  return events[0] as SentEvent;
}

const asTrigger = (e: SentEvent) => ({ name: e.name, data: e.data, ...(e.id ? { id: e.id } : {}) });

it("subscribe → confirm → lessons → one-click unsubscribe mid-series → no further sends", async () => {
  t = createTestApp();
  const lessons = t.deps.content.lessons;
  expect(lessons.length).toBeGreaterThanOrEqual(3);

  // 1. The hosted form, posted the way a browser without JavaScript does.
  const form = await pageText(await t.app.request("/"));
  expect(form).toContain('action="http://newsletter.test/"');
  const posted = await postForm(
    t.app,
    "/",
    {
      email: "Reader@Example.com",
      firstName: "Robin",
      consent: "yes",
      source: "hosted-form",
      page: `${APP_URL}/`,
      website: "",
    },
    { "user-agent": "Mozilla/5.0 (e2e)" },
  );
  expect(posted.status).toBe(303);
  expect(await pageText(await t.app.request(posted.headers.get("location") ?? ""))).toContain(
    "Check your inbox",
  );

  // 2. Inngest would now run send-confirmation with the created event.
  const created = only("newsletter/subscriber.created");
  await runFunction(createSendConfirmation(t.deps), asTrigger(created));
  const [confirmation] = await outbox();
  expect(confirmation).toMatchObject({
    to: "Reader@example.com",
    subject: "Please confirm your Hopemark Health subscription",
  });

  // 3. Follow the link: the GET shows a button, the button's POST confirms.
  const link = linkFrom(confirmation?.text ?? "", "/confirm");
  const confirmPage = await pageText(await t.app.request(link.replace(APP_URL, "")));
  const token = /name="token" value="([^"]+)"/.exec(confirmPage)?.[1];
  expect(token).toBeDefined();
  const confirmed = await postForm(t.app, "/confirm", { token: token ?? "" });
  expect(await pageText(confirmed)).toContain("You're subscribed");
  const subscriberId = (created.data as { subscriberId: string }).subscriberId;
  const confirmedEvent = only("newsletter/subscriber.confirmed");
  expect(confirmedEvent).toMatchObject({ id: `confirmed:${subscriberId}`, data: { subscriberId } });

  // 4. The drip series. The reader leaves by one-click (as Gmail does, from the List-Unsubscribe header of the
  // latest lesson) while the series sleeps before lesson 3, just before the step that re-reads them.
  const third = lessons[2]?.id as string;
  let oneClick: Response | undefined;
  const leave = async () => {
    const latest = (await outbox()).at(-1);
    const header = latest?.headers["List-Unsubscribe"] ?? "";
    expect(latest?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /^<([^>]+)>$/.exec(header)?.[1] ?? "";
    oneClick = await postForm(t.app, url.replace(APP_URL, ""), { "List-Unsubscribe": "One-Click" });
  };
  const drip = createDripSeries(t.deps);
  const run = await runFunction(drip, asTrigger(confirmedEvent), sleepMocks(lessons.map((l) => l.id)), {
    [`check-${third}`]: leave,
  });
  expect(oneClick?.status).toBe(200);
  expect(run.result).toMatchObject({ completed: false, stoppedBefore: third, status: "unsubscribed" });

  const mail = await outbox();
  expect(mail.map((m) => m.subject)).toEqual([
    "Please confirm your Hopemark Health subscription",
    "Welcome to the Hopemark Health newsletter",
    lessons[0]?.subject,
    lessons[1]?.subject,
  ]);
  for (const lesson of mail.slice(2)) {
    expect(lesson.text).toMatch(/call or text 988/i);
    expect(lesson.text).toContain(t.deps.config.mail.postalAddress);
    expect(lesson.text).toMatch(/written by/i);
    expect(lesson.text).toContain(`${APP_URL}/unsubscribe?token=`);
    expect(lesson.headers["List-Unsubscribe"]).toMatch(
      /^<http:\/\/newsletter\.test\/api\/unsubscribe\?token=.+>$/,
    );
  }

  // 5. Unsubscribed, the withdrawal recorded, the cancelling event sent.
  const [row] = await t.db.select().from(subscribers);
  expect(row).toMatchObject({
    status: "unsubscribed",
    confirmedAt: expect.any(Date),
    unsubscribedAt: expect.any(Date),
  });
  expect((await t.db.select().from(consents)).map((c) => c.action)).toEqual([
    "given",
    "confirmed",
    "withdrawn",
  ]);
  const unsubscribed = only("newsletter/subscriber.unsubscribed");
  expect(unsubscribed.data).toEqual({ subscriberId, reason: "one-click" });

  // 6. Nothing more leaves: a replayed series, a repeated confirmed event, the goodbye function (not for
  // one-click) and a second one-click all send nothing.
  const replay = await runFunction(drip, asTrigger(confirmedEvent), sleepMocks(lessons.map((l) => l.id)));
  expect(replay.result).toMatchObject({ completed: false });
  await runFunction(createSendGoodbye(t.deps), asTrigger(unsubscribed));
  await leave();
  expect(oneClick?.status).toBe(200);
  expect(await outbox()).toHaveLength(4);
  expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toHaveLength(1);
});
