// The preferences page and its forms through app.request, over the real app and an in-memory database: topics with
// consent records, name and country, a break and its early end, unsubscribing from the page versus one-click, and
// bad input that gets a clear page, changes nothing and is never a 500.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { consents, subscribers, subscriberTopics } from "../../src/db/schema.ts";
import { signToken, unsubscribeUrls } from "../../src/lib/tokens.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { APP_URL, pageText, postForm, seedSubscriber } from "../journey/helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

const WEEK = 7 * 86_400_000;
const NOW = new Date("2026-12-02T10:00:00Z");

async function reader(options: { status?: "active" | "unsubscribed"; country?: string } = {}) {
  t ??= createTestApp({ now: () => NOW });
  const { id } = await seedSubscriber(t.db, { firstName: "Sam", ...options });
  const { preferencesUrl, pageUrl, oneClickUrl } = await unsubscribeUrls(
    APP_URL,
    t.deps.config.tokenSecret,
    id,
  );
  const token = new URL(preferencesUrl).searchParams.get("token") as string;
  return { id, token, preferencesUrl, pageUrl, oneClickUrl };
}

/** Everything the forms may change, to prove a refused request changed none of it. */
async function state(id: string) {
  const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, id));
  return {
    row,
    topics: await t.db.select().from(subscriberTopics).where(eq(subscriberTopics.subscriberId, id)),
    consents: await t.db.select().from(consents).where(eq(consents.subscriberId, id)),
    events: t.inngestApi.events.length,
  };
}

const path = (url: string) => url.replace(APP_URL, "");

describe("the preferences page", () => {
  it("is linked with a signed token that never expires, shows each topic with its default, crisis line first", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader({ country: "GB" });
    const res = await t.app.request(path(r.preferencesUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await pageText(res);
    expect(html.indexOf("116 123")).toBeGreaterThan(-1);
    expect(html.indexOf("116 123")).toBeLessThan(html.indexOf("<main"));
    for (const topic of t.deps.content.topics.list) {
      expect(html).toContain(topic.name);
      expect(html).toContain(topic.description);
      const box = new RegExp(`<input id="topic-${topic.id}"[^>]*>`).exec(html)?.[0] ?? "";
      expect(box.includes(" checked"), topic.id).toBe(topic.default);
    }
    expect(html).toContain('value="Sam"');
    expect(html).toMatch(/<option value="GB" selected>United Kingdom<\/option>/);
    expect(html).toContain('action="/unsubscribe"');
    // Reading the page changed nothing (mail scanners fetch links).
    expect((await state(r.id)).consents).toEqual([]);
  });

  it("saving topics writes one consent record per change, with the topics wording version; saving again writes none", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    const res = await postForm(t.app, "/preferences", {
      token: r.token,
      topics: "series",
      firstName: "Samira",
      country: "CA",
    });
    // Two topics: research-news off (default on) and series kept; add events with a second field below.
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/preferences?token=${encodeURIComponent(r.token)}&done=saved`);
    let s = await state(r.id);
    expect(s.row).toMatchObject({ firstName: "Samira", country: "CA" });
    expect(s.topics.map((x) => [x.topicId, x.subscribed])).toEqual([["research-news", false]]);
    expect(s.consents).toEqual([
      expect.objectContaining({
        action: "topic-withdrawn",
        topicId: "research-news",
        form: "preferences-page",
        page: `${APP_URL}/preferences`,
        wordingVersion: t.deps.content.topics.version,
        at: NOW,
      }),
    ]);

    const body = new URLSearchParams([
      ["token", r.token],
      ["topics", "series"],
      ["topics", "events"],
      ["firstName", "Samira"],
      ["country", "CA"],
    ]);
    const second = await t.app.request("/preferences", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    expect(second.status).toBe(303);
    s = await state(r.id);
    expect(s.consents.map((c) => [c.action, c.topicId])).toEqual([
      ["topic-withdrawn", "research-news"],
      ["topic-given", "events"],
    ]);
    const page = await pageText(await t.app.request(`/preferences?token=${r.token}&done=saved`));
    expect(page).toContain("Your preferences are saved.");
    // Canada's crisis line now leads the page.
    expect(page.indexOf("9-8-8")).toBeLessThan(page.indexOf("<main"));
    expect(/<input id="topic-events"[^>]*checked/.test(page)).toBe(true);
    expect(/<input id="topic-research-news"[^>]*checked/.test(page)).toBe(false);

    const again = await t.app.request("/preferences", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    expect(again.status).toBe(303);
    expect((await state(r.id)).consents).toHaveLength(2);
  });

  it("unticking every topic is a choice too; a blank name and country clear them", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader({ country: "US" });
    const res = await postForm(t.app, "/preferences", { token: r.token, firstName: "", country: "" });
    expect(res.status).toBe(303);
    const s = await state(r.id);
    expect(s.row).toMatchObject({ firstName: null, country: null });
    expect(s.consents.map((c) => [c.action, c.topicId]).sort()).toEqual([
      ["topic-withdrawn", "research-news"],
      ["topic-withdrawn", "series"],
    ]);
  });
});

describe("a break", () => {
  it("starts for 2 weeks with the welcome-back choice, shows on the page, and ends early on request", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    const res = await postForm(t.app, "/preferences/pause", {
      token: r.token,
      weeks: "2",
      welcomeBack: "yes",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("done=paused");
    let s = await state(r.id);
    const until = new Date(NOW.getTime() + 2 * WEEK);
    expect(s.row).toMatchObject({ status: "active", pausedUntil: until, pauseWelcomeBack: true });
    expect(t.inngestApi.named("newsletter/subscriber.paused")).toEqual([
      expect.objectContaining({
        id: `paused:${r.id}:${until.getTime()}`,
        data: { subscriberId: r.id, until: until.getTime() },
      }),
    ]);
    const page = await pageText(await t.app.request(`/preferences?token=${r.token}&done=paused`));
    expect(page).toContain("You're taking a break");
    expect(page).toContain("16 December 2026");
    expect(page).toContain("a short note to say hello");

    const resume = await postForm(t.app, "/preferences/resume", { token: r.token });
    expect(resume.status).toBe(303);
    expect(resume.headers.get("location")).toContain("done=resumed");
    s = await state(r.id);
    expect(s.row).toMatchObject({ status: "active", pausedUntil: null, pauseWelcomeBack: false });
    expect(t.inngestApi.named("newsletter/subscriber.resumed")).toHaveLength(1);
    const after = await pageText(await t.app.request(`/preferences?token=${r.token}&done=resumed`));
    expect(after).not.toContain("You're taking a break");
    expect(after).toContain("Welcome back.");
  });

  it("names the day the break ends in the reader's own time zone", async () => {
    // 20:00 UTC two weeks on is already the next morning in Tokyo.
    t = createTestApp({ now: () => new Date("2026-12-02T20:00:00Z") });
    const r = await reader();
    t.sqlite.prepare("update subscribers set time_zone = 'Asia/Tokyo' where id = ?").run(r.id);
    await postForm(t.app, "/preferences/pause", { token: r.token, weeks: "2" });
    const page = await pageText(await t.app.request(path(r.preferencesUrl)));
    expect(page).toContain("until 17 December 2026");
  });

  it.each([
    ["4", 4],
    ["12", 12],
  ])("lasts %s weeks when chosen", async (weeks, n) => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    expect((await postForm(t.app, "/preferences/pause", { token: r.token, weeks })).status).toBe(303);
    expect((await state(r.id)).row).toMatchObject({
      pausedUntil: new Date(NOW.getTime() + n * WEEK),
      pauseWelcomeBack: false,
    });
  });
});

describe("unsubscribe page: a break as the alternative; one-click unchanged", () => {
  it("the unsubscribe page offers one button per break length next to the unsubscribe button", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    const html = await pageText(await t.app.request(path(r.pageUrl)));
    expect(html).toContain('<button type="submit">Unsubscribe</button>');
    for (const w of [2, 4, 12]) {
      expect(html).toContain(
        `<button type="submit" name="weeks" value="${w}" class="secondary">Pause for ${w} weeks</button>`,
      );
    }
    expect(html).toContain('action="/preferences/pause"');
    // Pressing "Pause for 4 weeks" there pauses, and the reader stays subscribed.
    const res = await postForm(t.app, "/preferences/pause", { token: r.token, weeks: "4" });
    expect(res.status).toBe(303);
    expect((await state(r.id)).row).toMatchObject({
      status: "active",
      pausedUntil: new Date(NOW.getTime() + 4 * WEEK),
    });
  });

  it("unsubscribing from the preferences page (its form posts to /unsubscribe) ends everything, with a withdrawal", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    await postForm(t.app, "/preferences/pause", { token: r.token, weeks: "2" });
    const res = await postForm(t.app, "/unsubscribe", { token: r.token });
    expect(res.status).toBe(200);
    expect(await pageText(res)).toContain("You're unsubscribed");
    const s = await state(r.id);
    expect(s.row?.status).toBe("unsubscribed");
    expect(s.consents.map((c) => [c.action, c.form])).toEqual([["withdrawn", "unsubscribe-page"]]);
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")[0]?.data).toEqual({
      subscriberId: r.id,
      reason: "user",
    });
    // The page now says so instead of offering choices.
    const page = await pageText(await t.app.request(path(r.preferencesUrl)));
    expect(page).toContain("You're not subscribed at the moment");
    expect(page).not.toContain('name="topics"');
  });

  it("the RFC 8058 one-click POST still unsubscribes from everything at once", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    await postForm(t.app, "/preferences", { token: r.token, topics: "series" });
    const res = await t.app.request(path(r.oneClickUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "unsubscribed" });
    const s = await state(r.id);
    expect(s.row?.status).toBe("unsubscribed");
    expect(s.consents.map((c) => [c.action, c.form])).toEqual([
      ["topic-withdrawn", "preferences-page"],
      ["withdrawn", "one-click"],
    ]);
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")[0]?.data.reason).toBe("one-click");
  });
});

describe("bad input gets a clear page, never a 500, and changes nothing", () => {
  it.each([
    ["an unknown topic", "/preferences", { topics: "weight-loss" }, 422, "We don't have that topic"],
    ["a 9-week break", "/preferences/pause", { weeks: "9" }, 422, "Choose a break of 2, 4 or 12 weeks."],
    [
      "a break of no length",
      "/preferences/pause",
      { weeks: "" },
      422,
      "Choose how long your break should be.",
    ],
    ["a name with a link", "/preferences", { firstName: "http://spam.example" }, 422, "Use letters, spaces"],
    [
      "a country that is no code",
      "/preferences",
      { country: "Narnia" },
      422,
      "Choose a country from the list.",
    ],
  ])("%s: 422 with the message by the field", async (_label, route, fields, status, message) => {
    t = createTestApp({ now: () => NOW });
    const r = await reader({ country: "US" });
    const before = await state(r.id);
    const res = await postForm(t.app, route, { token: r.token, ...fields });
    expect(res.status).toBe(status);
    const html = await pageText(res);
    expect(html).toContain("Nothing was changed. Please check the form");
    expect(html).toContain(message);
    expect(html).toContain('aria-invalid="true"');
    expect(html.indexOf("988")).toBeLessThan(html.indexOf("<main"));
    expect(await state(r.id)).toEqual(before);
  });

  it("a forged, garbled, missing or wrong-purpose token: 400 and nothing changes", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    const before = await state(r.id);
    const forged = await signToken("another-secret-entirely-000000000000000", "unsubscribe", r.id);
    const confirm = await signToken(t.deps.config.tokenSecret, "confirm", r.id, { ttlMs: WEEK });
    const tampered = `${r.token.slice(0, -2)}xx`;
    for (const token of [forged, confirm, tampered, "garbled", "a.b.c", ""]) {
      for (const route of ["/preferences", "/preferences/pause", "/preferences/resume"]) {
        const res = await postForm(t.app, route, { token, weeks: "2", topics: "series" });
        expect({ token, route, status: res.status }).toEqual({ token, route, status: 400 });
        expect(await pageText(res)).toContain("This link doesn't work");
      }
      const get = await t.app.request(`/preferences?token=${encodeURIComponent(token)}`);
      expect(get.status).toBe(400);
    }
    expect((await t.app.request("/preferences")).status).toBe(400);
    expect(await state(r.id)).toEqual(before);
  });

  it("a post from another site (a leaked link) is refused with 403; JSON or a broken body is not a form", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader();
    const before = await state(r.id);
    const cross = await postForm(
      t.app,
      "/preferences/pause",
      { token: r.token, weeks: "2" },
      {
        "sec-fetch-site": "cross-site",
      },
    );
    expect(cross.status).toBe(403);
    expect(await pageText(cross)).toContain("Nothing was changed");
    const json = await t.app.request("/preferences", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: r.token, topics: [] }),
    });
    expect(json.status).toBe(415);
    const broken = await t.app.request("/preferences", {
      method: "POST",
      headers: { "content-type": "multipart/form-data" },
      body: "not multipart",
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(await state(r.id)).toEqual(before);
  });

  it("an unsubscribed reader's link changes nothing (409) and the page says they are not subscribed", async () => {
    t = createTestApp({ now: () => NOW });
    const r = await reader({ status: "unsubscribed" });
    const before = await state(r.id);
    const res = await postForm(t.app, "/preferences/pause", { token: r.token, weeks: "2" });
    expect(res.status).toBe(409);
    expect(await pageText(res)).toContain("You're not subscribed at the moment");
    expect(await state(r.id)).toEqual(before);
  });
});
