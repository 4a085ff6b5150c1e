// Topics as content (templates/topics.yaml, validated by zod like the rest of templates/), and what the admin API,
// the CSV export and a person's data export say about a reader's topics and break.
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "../../src/content/index.ts";
import { readContentFiles } from "../../src/content/node.ts";
import { pauseSubscriber } from "../../src/subscribers/pause.ts";
import { setTopics } from "../../src/subscribers/topics.ts";
import { admin, seed, setup } from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";

const files = readContentFiles();
const TOPICS = "templates/topics.yaml";
const real = files.find((f) => f.path === TOPICS)?.text ?? "";
const withTopics = (text: string) => [...files.filter((f) => f.path !== TOPICS), { path: TOPICS, text }];

function problems(text: string | null): string {
  try {
    loadContent(text === null ? files.filter((f) => f.path !== TOPICS) : withTopics(text));
  } catch (error) {
    if (error instanceof ContentError) return error.message;
    throw error;
  }
  throw new Error("expected the content to be refused");
}

describe("templates/topics.yaml", () => {
  it("holds the series, research news and events, in file order, with on/off defaults and a version", () => {
    const { topics } = loadContent(files);
    expect(topics.list.map((t) => [t.id, t.default])).toEqual([
      ["series", true],
      ["research-news", true],
      ["events", false],
    ]);
    expect(topics.series.id).toBe("series");
    expect(topics.campaignDefault.id).toBe("research-news");
    expect(topics.version).toMatch(/\S/);
    for (const t of topics.list) expect(t.description.length).toBeGreaterThan(10);
  });

  it.each([
    ["missing", null, "templates/topics.yaml: (file): missing"],
    [
      "a default that is neither on nor off",
      real.replace("default: off", "default: maybe"),
      "topics[2].default: use on or off",
    ],
    ["a duplicate id", real.replace("id: events", "id: series"), 'duplicate id "series"'],
    [
      "two series topics",
      real.replace("    campaignDefault: true", "    series: true"),
      "exactly one topic must have series: true",
    ],
    [
      "no campaign default",
      real.replace("    campaignDefault: true\n", ""),
      "exactly one topic must have campaignDefault: true",
    ],
    ["an unknown key", real.replace("default: off", "default: off\n    colour: blue"), "topics[2]"],
    ["an id with capitals", real.replace("id: events", "id: Events"), "topics[2].id: lower-case letters"],
    ["no version", real.replace(/^version: .*$/m, ""), "templates/topics.yaml: version:"],
    ["broken YAML", "topics: [", "templates/topics.yaml: (file): invalid YAML"],
  ])("refuses %s, naming the file and field", (_label, text, message) => {
    expect(problems(text)).toContain(message);
  });
});

describe("admin API and exports carry topics and breaks", () => {
  let t: TestApp;
  afterEach(() => t?.close());
  const NOW = new Date("2026-12-02T10:00:00Z");

  it("GET /api/admin/subscribers and the CSV export show each reader's topics and a running break", async () => {
    t = setup({ now: () => NOW });
    const [a, b] = (await seed(t, { count: 2, prefix: "sub_m" })).map((p) => p.id) as [string, string];
    await setTopics(t.deps, a, ["series", "events"], { form: "preferences-page" });
    await pauseSubscriber(t.deps, b, { weeks: 12, welcomeBack: true });
    const until = new Date(NOW.getTime() + 12 * 7 * 86_400_000).toISOString();

    const res = await admin(t, "GET", "/api/admin/subscribers");
    const body = (await res.json()) as { subscribers: Record<string, unknown>[] };
    expect(body.subscribers.map((s) => [s.id, s.topics, s.pausedUntil, s.welcomeBackNote])).toEqual([
      [a, ["series", "events"], null, false],
      [b, ["series", "research-news"], until, true],
    ]);

    const csv = await (await admin(t, "GET", "/api/admin/subscribers/export")).text();
    const [header, first, second] =
      csv.trim().split("\r\n").length > 1 ? csv.trim().split("\r\n") : csv.trim().split("\n");
    const columns = header?.split(",") ?? [];
    const cell = (line: string | undefined, name: string) => line?.split(",")[columns.indexOf(name)];
    expect(cell(first, "topics")).toBe("series;events");
    expect(cell(first, "paused_until")).toBe("");
    expect(cell(second, "topics")).toBe("series;research-news");
    expect(cell(second, "paused_until")).toBe(until);
  });

  it("erasure removes the topic choices and their consent records with the person", async () => {
    t = setup({ now: () => NOW });
    const [a] = (await seed(t, { count: 1, prefix: "sub_e" })).map((p) => p.id) as [string];
    await setTopics(t.deps, a, ["events"], { form: "preferences-page" });
    const topicRows = () => t.sqlite.prepare("select * from subscriber_topics").all();
    expect(topicRows()).toHaveLength(3);
    const res = await admin(t, "DELETE", `/api/admin/subscribers/${a}`);
    expect(res.status).toBe(200);
    expect(topicRows()).toEqual([]);
    expect(t.sqlite.prepare("select * from consents").all()).toEqual([]);
  });

  it("a person's data export lists the topic choices they made", async () => {
    t = setup({ now: () => NOW });
    const [a] = (await seed(t, { count: 1, prefix: "sub_d" })).map((p) => p.id) as [string];
    await setTopics(t.deps, a, ["series"], { form: "preferences-page" });
    const res = await admin(t, "GET", `/api/admin/subscribers/${a}/export`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { topicChoices: unknown[]; consents: { action: string }[] };
    expect(data.topicChoices).toEqual([
      expect.objectContaining({ subscriberId: a, topicId: "research-news", subscribed: false }),
    ]);
    expect(data.consents.map((c) => c.action)).toEqual(["topic-withdrawn"]);
  });
});
