// The CLI's --local-time and --local-date on send: the request carries them, the API's refusals come back by
// field, and the CLI does not sit watching a campaign whose groups wait for their local morning.
import { afterEach, describe, expect, it } from "vitest";
import { type CliIo, runCampaignCli } from "../../scripts/campaign.ts";
import { ADMIN_TOKEN, approve, campaignRow, seed, setup } from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

function cli(app: TestApp) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      app.app.request(String(input), init)) as typeof fetch,
    env: { APP_URL: "http://newsletter.test", ADMIN_TOKEN },
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    tty: false,
    sleep: async () => {},
    readFile: () => {
      throw new Error("no files");
    },
    writeFile: () => {},
  };
  return { out, err, run: (...argv: string[]) => runCampaignCli(argv, io) };
}

describe("npm run campaign -- send --local-time", () => {
  it("sends at 09:00 in each reader's zone, with or without a local date, and explains a bad time", async () => {
    t = setup({ now: () => new Date("2026-12-02T06:00:00Z") });
    await seed(t, { count: 4 });
    const app = t;
    const c = cli(app);
    const create = async () => {
      expect(await c.run("create", "--template", "questions-for-your-clinician")).toBe(0);
      const id = [...c.out.join("").matchAll(/created (cmp_\w+)/g)].at(-1)?.[1] ?? "";
      await approve(app, id); // clinical review comes first (issue 12)
      return id;
    };

    const soon = await create();
    expect(await c.run("send", soon, "--local-time", "09:00")).toBe(0);
    expect(c.out.join("")).toContain("Each reader's group goes at 09:00 in their own time zone");
    expect(await campaignRow(t, soon)).toMatchObject({
      status: "sending",
      localSendTime: "09:00",
      localSendDate: null,
    });

    const dated = await create();
    expect(await c.run("send", dated, "--local-time", "09:00", "--local-date", "2026-12-24")).toBe(0);
    expect(c.out.join("")).toContain("goes at 09:00 on 2026-12-24 in their own time zone");
    const row = await campaignRow(t, dated);
    expect(row).toMatchObject({ status: "scheduled", localSendDate: "2026-12-24" });
    expect(row.scheduledAt?.toISOString()).toBe("2026-12-23T19:00:00.000Z");

    const bad = await create();
    expect(await c.run("send", bad, "--local-time", "9am")).toBe(1);
    expect(c.err.join("")).toMatch(/localTime: Use a local time like "09:00"/);
    expect((await campaignRow(t, bad)).status).toBe("draft");
  });
});
