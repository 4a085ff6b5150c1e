// The content overview: the lessons in order with their delay, review and lint status, and how many people each
// reached (from the sends table); and each lesson's preview, rendered the way the drip sends it.
import { afterEach, describe, expect, it } from "vitest";
import { sends } from "../../src/db/schema.ts";
import { lessonOverview } from "../../src/lessons/overview.ts";
import { lessonPreview } from "../../src/lessons/preview.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { alex, blake, createPerson } from "../privacy/helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("lessonOverview", () => {
  it("lists the lessons in order with delay, day in the series, author, review and lint status", async () => {
    t = createTestApp();
    const overview = await lessonOverview(t.deps);
    const lessons = t.deps.content.lessons;
    expect(overview.map((l) => l.id)).toEqual(lessons.map((l) => l.id));
    expect(overview.map((l) => l.order)).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
    let day = 0;
    for (const [i, summary] of overview.entries()) {
      const lesson = lessons[i];
      if (!lesson) throw new Error("missing lesson");
      day += lesson.delayMs / 86_400_000;
      expect(summary).toMatchObject({ delay: lesson.delay, subject: lesson.subject, dayInSeries: day });
      expect(summary.review === null).toBe(lesson.reviewer === undefined);
      expect(summary.lint.errors).toBe(0); // shipped content passes npm run lint:content
    }
    expect(overview[0]?.author).toEqual({
      name: "Taylor Carter",
      role: "Senior Marketing Manager, Hopemark Health",
    });
  });

  it("shows the reviewer from the front matter, and a finding when the review is stale", async () => {
    t = createTestApp({ now: () => new Date("2031-01-01T00:00:00Z") });
    const base = t.deps.content;
    const first = base.lessons[0];
    if (!first) throw new Error("no lessons");
    const reviewer = { id: "dr-rivera", name: "Dr Ana Rivera", role: "Psychiatrist", sender: false };
    t.deps.content = {
      ...base,
      authors: [...base.authors, reviewer],
      lessons: [{ ...first, reviewer: "dr-rivera", reviewedOn: "2026-11-20" }, ...base.lessons.slice(1)],
    };
    const [summary] = await lessonOverview(t.deps);
    expect(summary?.review).toEqual({
      reviewer: "Dr Ana Rivera",
      role: "Psychiatrist",
      reviewedOn: "2026-11-20",
    });
    expect(summary?.lint.findings.map((f) => f.ruleId)).toContain("review-stale");
  });

  it("counts the people each lesson reached, by delivery state", async () => {
    t = createTestApp();
    const alexId = await createPerson(t, alex);
    await createPerson(t, blake);
    const first = t.deps.content.lessons[0];
    if (!first) throw new Error("no lessons");
    // A third person whose first lesson bounced.
    await t.db.insert(sends).values({
      id: "snd_bounce",
      idempotencyKey: `sub_third:${first.id}`,
      kind: "lesson",
      templateId: "lesson",
      subscriberId: null,
      status: "bounced",
    });
    const { sqlite } = t;
    sqlite
      .prepare("update sends set status = 'delivered' where subscriber_id = ? and kind = 'lesson'")
      .run(alexId);

    const overview = await lessonOverview(t.deps);
    for (const summary of overview) {
      // The welcome email shares the kind "lesson" but is no lesson; erased/detached rows are not counted.
      expect(summary.sends).toEqual({ received: 2, delivered: 1, bounced: 0, failed: 0 });
    }
  });
});

describe("lessonPreview", () => {
  it("renders the real lesson email with the crisis footer, the attribution and a plain-text part", async () => {
    t = createTestApp();
    const lesson = t.deps.content.lessons[1];
    if (!lesson) throw new Error("no lessons");
    const result = await lessonPreview(t.deps, lesson.id);
    if (!result.ok) throw new Error(result.message);
    const { preview } = result;
    expect(preview.subject).toBe(lesson.subject);
    expect(preview.html).toContain("<html");
    expect(preview.html).toContain("988");
    expect(preview.text).toContain("988");
    expect(preview.text).toContain("Taylor Carter");
    expect(preview.text).toContain(t.deps.config.mail.postalAddress);
    expect(await lessonPreview(t.deps, "no-such-lesson")).toMatchObject({ ok: false, code: "not_found" });
  });
});
