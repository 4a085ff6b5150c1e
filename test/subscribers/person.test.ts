// A person as the console shows them, built the way real people arrive (signup, confirmation, the drip): status,
// consent history, every email with its delivery state and a readable label, tags, suppression; and nothing of
// anyone else.
import { afterEach, describe, expect, it } from "vitest";
import { campaigns, sends } from "../../src/db/schema.ts";
import { eraseSubscriber } from "../../src/privacy/erasure.ts";
import { FORMS } from "../../src/subscribers/consent.ts";
import { personView } from "../../src/subscribers/person.ts";
import { addTags } from "../../src/subscribers/tags.ts";
import { unsubscribeSubscriber } from "../../src/subscribers/unsubscribe.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { suppress } from "../helpers/seed.ts";
import { alex, blake, createPerson } from "../privacy/helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("personView", () => {
  it("shows status, consents, every email with its delivery state, and tags", async () => {
    t = createTestApp();
    const id = await createPerson(t, alex);
    await createPerson(t, blake);
    await addTags(t.deps, id, ["news"]);
    await t.db.insert(campaigns).values({
      id: "cmp_spring",
      name: "Spring research update",
      subject: "What is new in research",
      bodyMarkdown: "Hello",
      authorId: "taylor-carter",
      status: "sent",
    });
    await t.db.insert(sends).values({
      id: "snd_campaign",
      idempotencyKey: `cmp_spring:${id}`,
      kind: "campaign",
      templateId: "campaign",
      campaignId: "cmp_spring",
      subscriberId: id,
      status: "bounced",
      events: [
        { type: "sent", at: 1 },
        { type: "bounced", at: 2, detail: "mailbox full" },
      ],
      createdAt: new Date(Date.now() + 60_000),
    });

    const view = await personView(t.deps, id);
    if (!view.ok) throw new Error(view.message);
    const { person } = view;
    expect(person).toMatchObject({
      id,
      email: "Alex.Moreau@example.org",
      firstName: "Alexandra",
      status: "active",
      country: "US",
      tags: ["news"],
      suppression: null,
    });
    expect(person.consents.map((c) => c.action)).toEqual(["given", "confirmed"]);
    expect(person.consents[0]).toMatchObject({ form: "api", userAgent: alex.userAgent });

    const lessons = t.deps.content.lessons;
    // Newest first: the campaign, then the lessons from last to first, the welcome email, the confirmation.
    expect(person.sends[0]).toMatchObject({
      label: "Campaign: Spring research update",
      status: "bounced",
      events: [{ type: "sent" }, { type: "bounced", detail: "mailbox full" }],
    });
    const labels = person.sends.slice(1).map((s) => s.label);
    expect(labels).toHaveLength(lessons.length + 2);
    expect(new Set(labels)).toEqual(
      new Set([...lessons.map((l) => l.subject), "Welcome email", "Confirmation request"]),
    );
    expect(
      person.sends
        .filter((s) => s.lessonId)
        .map((s) => s.lessonId)
        .sort(),
    ).toEqual(lessons.map((l) => l.id).sort());
    expect(person.sends.every((s) => s.status !== "queued")).toBe(true);
    expect(JSON.stringify(person)).not.toContain(blake.email);
  });

  it("shows a console unsubscribe as a withdrawal and the suppression reason", async () => {
    t = createTestApp();
    const id = await createPerson(t, alex);
    const outcome = await unsubscribeSubscriber(t.deps, id, {
      reason: "admin",
      form: FORMS.console,
      ip: null,
      userAgent: null,
    });
    expect(outcome).toBe("unsubscribed");
    await suppress(t.db, alex.email, "complained");
    const view = await personView(t.deps, id);
    if (!view.ok) throw new Error(view.message);
    expect(view.person.status).toBe("unsubscribed");
    expect(view.person.suppression).toBe("complained");
    expect(view.person.consents.at(-1)).toMatchObject({ action: "withdrawn", form: "console" });
    // The console's unsubscribe sends no goodbye note (send-goodbye answers "user" unsubscribes only).
    const events = t.inngestApi.named("newsletter/subscriber.unsubscribed");
    expect(events.at(-1)?.data).toEqual({ subscriberId: id, reason: "admin" });
  });

  it("lists topics by name, a break, and the time zone lessons are timed in with where it came from", async () => {
    t = createTestApp();
    const id = await createPerson(t, alex);
    const defaults = t.deps.content.topics.list.filter((topic) => topic.default).map((topic) => topic.name);
    const us = await personView(t.deps, id);
    expect(us.ok && us.person.preferences).toEqual([
      { label: "Topics", value: defaults.join(", ") },
      { label: "Break", value: "none" },
      { label: "Time zone", value: "America/New_York (not given; the default for their country)" },
    ]);
    const until = new Date(Date.now() + 14 * 86_400_000);
    t.sqlite
      .prepare("update subscribers set time_zone = 'Europe/Berlin', paused_until = ? where id = ?")
      .run(until.getTime(), id);
    const given = await personView(t.deps, id);
    const facts = given.ok ? Object.fromEntries(given.person.preferences.map((f) => [f.label, f.value])) : {};
    expect(facts["Time zone"]).toBe("Europe/Berlin (given by their browser or the signup)");
    expect(facts.Break).toBe(`until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    t.sqlite.prepare("update subscribers set time_zone = null, country = 'FR' where id = ?").run(id);
    const brand = await personView(t.deps, id);
    expect(brand.ok && brand.person.preferences[2]?.value).toBe(
      `${t.deps.config.brandTimeZone} (not given; the brand's default (BRAND_TIME_ZONE))`,
    );
  });

  it("answers not_found for an unknown or erased id", async () => {
    t = createTestApp();
    expect(await personView(t.deps, "sub_nobody")).toMatchObject({ ok: false, code: "not_found" });
    const id = await createPerson(t, alex);
    expect(await eraseSubscriber(t.deps, id)).toMatchObject({ ok: true, status: "erased" });
    expect(await personView(t.deps, id)).toMatchObject({ ok: false, code: "not_found" });
  });
});
