// The marketer's CLI against the real app (its fetch is routed to app.request): create from a template, test-send,
// send to a segment and watch the progress line until the campaign is sent; refusals are explained.
import { afterEach, describe, expect, it } from "vitest";
import { type CliIo, progressLine, runCampaignCli } from "../../scripts/campaign.ts";
import type { TestApp } from "../helpers/app.ts";
import {
  ADMIN_TOKEN,
  approve,
  campaignRow,
  REVIEWER,
  reviewerAccount,
  runBroadcast,
  seed,
  setup,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

function cli(
  app: TestApp,
  options: { token?: string; onSleep?: () => Promise<void>; files?: Record<string, string> } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      app.app.request(String(input), init)) as typeof fetch,
    env: { APP_URL: "http://newsletter.test", ADMIN_TOKEN: options.token ?? ADMIN_TOKEN },
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    tty: false,
    sleep: async () => {
      await options.onSleep?.();
    },
    readFile: (path) => {
      const text = options.files?.[path];
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
    writeFile: (path, text) => {
      written[path] = text;
    },
  };
  return { io, out, err, written, run: (...argv: string[]) => runCampaignCli(argv, io) };
}

describe("npm run campaign", () => {
  it("create from a template, test-send, send to a segment and watch it finish", async () => {
    t = setup();
    await seed(t, { count: 130, tags: ["news"] });
    await seed(t, { count: 20, prefix: "sub_z", tags: ["other"] });
    let campaignId = "";
    const c = cli(t, {
      onSleep: async () => {
        // Inngest works between two polls: run the broadcast the send endpoint asked for.
        if ((await campaignRow(t, campaignId)).status === "sending") await runBroadcast(t, { campaignId });
      },
    });

    expect(await c.run("create", "--template", "questions-for-your-clinician", "--tag", "news")).toBe(0);
    campaignId = /created (cmp_\w+)/.exec(c.out.join(""))?.[1] ?? "";
    expect(campaignId).not.toBe("");
    expect(c.out.join("")).toContain("audience: tags=news");
    expect(c.out.join("")).toContain("  matches now: 130 active subscribers\n");

    expect(await c.run("test", campaignId, "--to", "team@hopemark.test")).toBe(0);
    expect(c.out.at(-1)).toBe("test sent to 1 address(es)\n");

    // Clinical review first: an unreviewed campaign is refused, then submitted and approved by a reviewer.
    expect(await c.run("send", campaignId, "--no-watch")).toBe(1);
    expect(c.err.join("")).toContain("409 review_required");
    c.err.length = 0;
    await reviewerAccount(t);
    expect(await c.run("approve", campaignId)).toBe(2);
    expect(await c.run("submit", campaignId)).toBe(0);
    expect(c.out.at(-1)).toContain("  review:   in review\n");
    expect(await c.run("approve", campaignId, "--reviewer", REVIEWER.email)).toBe(0);
    expect(c.out.at(-1)).toMatch(/ {2}review: {3}approved by Dana Okafor, Medical editor, 20\d\d-/);
    c.err.length = 0;
    c.out.length = 0;

    expect(await c.run("send", campaignId)).toBe(0);
    const lines = c.out.join("");
    expect(lines).toContain("audience: 130 active subscribers (tags=news)\n");
    expect(lines).toContain("send requested: sending: 0 / 0 sent");
    expect(lines).toContain("sent: 130 / 130 sent (100%), 0 skipped, 0 failed");
    expect(c.err).toEqual([]);

    expect(await c.run("list", "--status", "sent")).toBe(0);
    expect(c.out.at(-1)).toContain(campaignId);
    expect(await c.run("status", campaignId)).toBe(0);
    expect(c.out.at(-1)).toContain("sent: 130 / 130 sent");

    c.out.length = 0;
    expect(await c.run("report", campaignId)).toBe(0);
    const report = c.out.join("");
    expect(report).toContain("  audience           130\n");
    expect(report).toContain("  sent               130\n");
    expect(report).toContain("  unsubscribed         0\n");
  });

  it("creates inline content from a file and explains a lint refusal", async () => {
    t = setup();
    const c = cli(t, { files: { "bad.md": "Ketamine is FDA-approved for depression." } });
    const code = await c.run(
      "create",
      "--subject",
      "A note on treatment",
      "--preheader",
      "What the research says",
      "--body-file",
      "bad.md",
      "--author",
      "taylor-carter",
    );
    expect(code).toBe(1);
    const err = c.err.join("");
    expect(err).toContain("422 content_unsafe");
    expect(err).toContain("ketamine-fda-approved");
  });

  it("reports a wrong token, a missing id and unknown commands", async () => {
    t = setup();
    const wrong = cli(t, { token: "wrong-token-0123456789abcdef0123" });
    expect(await wrong.run("list")).toBe(1);
    expect(wrong.err.join("")).toContain("401 unauthorized");
    const c = cli(t);
    expect(await c.run("send")).toBe(2);
    expect(await c.run("frobnicate")).toBe(2);
    expect(await c.run("list", "--bogus")).toBe(2);
  });

  it("refuses to send to nobody, says how to check the audience, and sends with --allow-empty", async () => {
    t = setup();
    await seed(t, { count: 5, tags: ["other"] });
    const c = cli(t);
    expect(await c.run("create", "--template", "questions-for-your-clinician", "--tag", "news")).toBe(0);
    const id = /created (cmp_\w+)/.exec(c.out.join(""))?.[1] ?? "";
    await approve(t, id);
    expect(c.out.join("")).toContain(
      "  matches now: 0 active subscribers\n  Nobody matches tags=news yet; check with: npm run campaign -- subscribers list --status active --tag news\n",
    );
    expect(await c.run("send", id)).toBe(1);
    expect(c.err.join("")).toBe(
      "campaign: nobody matches this campaign's audience (tags=news), so nothing was sent.\n" +
        "  Check it with: npm run campaign -- subscribers list --status active --tag news\n" +
        "  To send to nobody anyway: add --allow-empty\n",
    );
    expect((await campaignRow(t, id)).status).toBe("draft");
    expect(await c.run("send", id, "--allow-empty", "--no-watch")).toBe(0);
    expect((await campaignRow(t, id)).status).toBe("sending");
  });

  it("keeps printing while nothing moves, then stops with guidance when the event bus never runs it", async () => {
    t = setup();
    await seed(t, { count: 3 });
    const c = cli(t);
    expect(await c.run("create", "--template", "questions-for-your-clinician")).toBe(0);
    const id = /created (cmp_\w+)/.exec(c.out.join(""))?.[1] ?? "";
    await approve(t, id);
    c.out.length = 0;
    // Nobody runs the broadcast (no Inngest): the status stays "sending: 0 / 0" forever.
    expect(await c.run("send", id, "--timeout", "30")).toBe(1);
    const lines = c.out.join("").trim().split("\n");
    expect(lines).toEqual([
      "audience: 3 active subscribers (all active subscribers)",
      "send requested: sending: 0 / 0 sent, 0 skipped, 0 failed",
      "sending: 0 / 0 sent, 0 skipped, 0 failed",
      "sending: 0 / 0 sent, 0 skipped, 0 failed (no change for 10 s)",
      "sending: 0 / 0 sent, 0 skipped, 0 failed (no change for 20 s)",
      "sending: 0 / 0 sent, 0 skipped, 0 failed (no change for 30 s)",
    ]);
    expect(c.err.join("")).toContain(
      "campaign: no progress for 30 s, so I stopped watching; the campaign itself is unchanged.\n",
    );
    expect(c.err.join("")).toContain("is the Inngest dev server running?");
    expect(c.err.join("")).toContain(`Watch again: npm run campaign -- status ${id} --watch`);
  });

  it("gives up on a server that never answers, saying so", async () => {
    t = setup();
    const c = cli(t);
    c.io.requestTimeoutMs = 50;
    c.io.fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof fetch;
    expect(await c.run("list")).toBe(2);
    expect(c.err.join("")).toBe(
      "campaign: no answer from http://newsletter.test within 0 s; the server may be stuck or still starting: check its terminal and try again.\n",
    );
  });

  it("lists, finds, tags, untags, imports and exports subscribers", async () => {
    t = setup();
    await seed(t, { count: 2, tags: ["news"] });
    const c = cli(t, {
      files: { "people.csv": "email,first_name,locale,country,tags\nana@example.com,Ana,en,GB,webinar\n" },
    });
    expect(await c.run("subscribers", "import", "people.csv", "--source", "webinar-2026")).toBe(0);
    expect(c.out.at(-2)).toBe(
      "imported 1 rows: 1 new (0 active, 1 pending until they confirm), 0 already on the list, 0 suppressed\n",
    );
    expect(await c.run("subscribers", "find", "ana@example.com")).toBe(0);
    const found = c.out.at(-1) ?? "";
    const anaId = /^(\S+)\s+pending\s+ana@example\.com\s+GB\s+webinar\n/.exec(found)?.[1] ?? "";
    expect(anaId).not.toBe("");
    expect(await c.run("subscribers", "tag", anaId, "news", "vip")).toBe(0);
    expect(c.out.at(-1)).toBe(`${anaId}: tags news,vip,webinar\n`);
    expect(await c.run("subscribers", "untag", anaId, "vip")).toBe(0);
    expect(c.out.at(-1)).toBe(`${anaId}: tags news,webinar\n`);
    expect(await c.run("subscribers", "list", "--tag", "news")).toBe(0);
    const listed = c.out.slice(-3);
    expect(listed.every((line) => /\bnews\b/.test(line))).toBe(true);
    expect(
      listed.filter((line) => line.startsWith(`${anaId}  pending       ana@example.com  GB  news,webinar`)),
    ).toHaveLength(1);
    expect(await c.run("subscribers", "export", "--out", "list.csv", "--tag", "news")).toBe(0);
    expect(c.out.at(-1)).toBe("wrote 3 subscribers to list.csv\n");
    expect(c.written["list.csv"]?.split("\n")[0]).toContain("id,email,first_name,status");
    expect(await c.run("subscribers", "find", "nobody@example.com")).toBe(1);
    expect(await c.run("subscribers", "frob")).toBe(2);
  });

  it("formats the progress line", () => {
    expect(
      progressLine({
        status: "sending",
        scheduledAt: null,
        counts: { audience: 100_000, sent: 12_300, skipped: 4, failed: 0, delivered: 0, complained: 0 },
      }),
    ).toBe("sending: 12,300 / 100,000 sent (12%), 4 skipped, 0 failed");
  });
});
