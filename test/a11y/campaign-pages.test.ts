// The console's campaign pages pass axe-core with no violations, for each role and with field errors: the list,
// the new-campaign editor, a campaign page (writer, reviewer, scheduled with its progress bar), the send
// confirmation and the report with its chart. (Colour contrast is checked from the tokens elsewhere; jsdom has no
// layout.) The end-to-end test runs axe over the same pages as Chromium built them, scripts included.
import { afterEach, describe, expect, it } from "vitest";
import { setAccountTitle } from "../../src/accounts/set-title.ts";
import { createCampaign, seed, setup } from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";
import { signInAs } from "../helpers/console.ts";
import { axeViolations } from "./axe.ts";

let t: TestApp;
afterEach(() => t?.close());

describe("accessibility of the campaign pages", () => {
  it("has no violations on any campaign page, for writers and reviewers, with and without errors", async () => {
    t = setup();
    await seed(t, { count: 5, tags: ["news"] });
    const marketer = await signInAs(t.app, t.deps, { role: "marketer" });
    const reviewer = await signInAs(t.app, t.deps, { role: "reviewer" });
    await setAccountTitle(t.db, reviewer.account.id, "Medical editor", t.deps.now());
    const draftRes = await marketer.post(t.app, "/admin/campaigns/new", {
      templateId: "questions-for-your-clinician",
    });
    const draft = /cmp_\w+/.exec(draftRes.headers.get("location") ?? "")?.[0] ?? "";
    await marketer.post(t.app, `/admin/campaigns/${draft}/submit`);
    const approved = await createCampaign(t, {
      templateId: "questions-for-your-clinician",
      audience: { tags: ["news"] },
    });
    const scheduled = await createCampaign(t);
    await marketer.post(t.app, `/admin/campaigns/${scheduled}/schedule`, {
      at: "2030-01-02T09:00",
      zone: "UTC",
    });

    const pages: [string, Response | Promise<Response>][] = [
      ["list", t.app.request("/admin/campaigns", { headers: marketer.headers })],
      ["new", t.app.request("/admin/campaigns/new", { headers: marketer.headers })],
      [
        "new with errors",
        marketer.post(t.app, "/admin/campaigns/new", {
          subject: "x",
          bodyMarkdown: "A miracle cure.",
          authorId: "",
        }),
      ],
      ["draft, writer", t.app.request(`/admin/campaigns/${draft}`, { headers: marketer.headers })],
      ["draft, reviewer", t.app.request(`/admin/campaigns/${draft}`, { headers: reviewer.headers })],
      ["return without comment", reviewer.post(t.app, `/admin/campaigns/${draft}/return`, { comment: "" })],
      ["approved", t.app.request(`/admin/campaigns/${approved}`, { headers: marketer.headers })],
      [
        "send confirmation",
        t.app.request(`/admin/campaigns/${approved}/send`, { headers: marketer.headers }),
      ],
      [
        "schedule error",
        marketer.post(t.app, `/admin/campaigns/${approved}/schedule`, { at: "", zone: "UTC" }),
      ],
      ["scheduled", t.app.request(`/admin/campaigns/${scheduled}`, { headers: marketer.headers })],
      ["report", t.app.request(`/admin/campaigns/${approved}/report`, { headers: reviewer.headers })],
    ];
    for (const [name, pending] of pages) {
      const res = await pending;
      expect(res.headers.get("content-type"), name).toContain("text/html");
      expect(await axeViolations(await res.text()), name).toEqual([]);
    }
  });
});
