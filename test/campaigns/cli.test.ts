// The marketer's CLI against the real app (its fetch is routed to app.request): create from a template, test-send,
// send to a segment and watch the progress line until the campaign is sent; refusals are explained.
import { afterEach, describe, expect, it } from "vitest";
import { type CliIo, progressLine, runCampaignCli } from "../../scripts/campaign.ts";
import type { TestApp } from "../helpers/app.ts";
import { ADMIN_TOKEN, campaignRow, runBroadcast, seed, setup } from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

function cli(
  app: TestApp,
  options: { token?: string; onSleep?: () => Promise<void>; files?: Record<string, string> } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
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
  };
  return { io, out, err, run: (...argv: string[]) => runCampaignCli(argv, io) };
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

    expect(await c.run("test", campaignId, "--to", "team@hopemark.test")).toBe(0);
    expect(c.out.at(-1)).toBe("test sent to 1 address(es)\n");

    expect(await c.run("send", campaignId)).toBe(0);
    const lines = c.out.join("");
    expect(lines).toContain("send requested: sending: 0 / 0 sent");
    expect(lines).toContain("sent: 130 / 130 sent (100%), 0 skipped, 0 failed");
    expect(c.err).toEqual([]);

    expect(await c.run("list", "--status", "sent")).toBe(0);
    expect(c.out.at(-1)).toContain(campaignId);
    expect(await c.run("status", campaignId)).toBe(0);
    expect(c.out.at(-1)).toContain("sent: 130 / 130 sent");
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
