// The console's campaign pages through app.request with real sessions: who may do what (403 for the wrong role,
// the login page for nobody), CSRF on every form, and the review rules as the console meets them: an approval
// by someone who wrote or submitted it is refused, an edit after approval voids it, and an unapproved campaign
// cannot be sent or scheduled from the console any more than from the API.
import { afterEach, describe, expect, it } from "vitest";
import { changeAccountRole } from "../../src/accounts/change-role.ts";
import { setAccountTitle } from "../../src/accounts/set-title.ts";
import { campaignRow, createCampaign, seed, setup } from "../campaigns/helpers.ts";
import type { TestApp } from "../helpers/app.ts";
import { type ConsoleSession, signInAs } from "../helpers/console.ts";

let t: TestApp;
afterEach(() => t?.close());

const page = (s: ConsoleSession, path: string) => t.app.request(path, { headers: s.headers });

async function team() {
  const marketer = await signInAs(t.app, t.deps, { role: "marketer", name: "Mia Torres" });
  const reviewer = await signInAs(t.app, t.deps, { role: "reviewer", name: "Ravi Nair" });
  await setAccountTitle(t.db, reviewer.account.id, "Medical editor", t.deps.now());
  const owner = await signInAs(t.app, t.deps, { role: "owner", name: "Olu Bassey" });
  return { marketer, reviewer, owner };
}

/** A campaign written in the console by `writer` (from the template), submitted by them. */
async function written(writer: ConsoleSession, submit = true) {
  const res = await writer.post(t.app, "/admin/campaigns/new", {
    templateId: "questions-for-your-clinician",
  });
  expect(res.status).toBe(303);
  const id = /cmp_\w+/.exec(res.headers.get("location") ?? "")?.[0] ?? "";
  if (submit) expect((await writer.post(t.app, `/admin/campaigns/${id}/submit`)).status).toBe(303);
  return id;
}

describe("access", () => {
  it("sends a signed-out visitor to the login page and refuses the wrong role with 403", async () => {
    t = setup();
    const { marketer, reviewer, owner } = await team();
    const out = await t.app.request("/admin/campaigns", { headers: { accept: "text/html" } });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/admin/login?next=%2Fadmin%2Fcampaigns");

    const id = await written(marketer);
    // Everyone signed in reads the list and the campaign page.
    for (const s of [marketer, reviewer, owner]) {
      expect((await page(s, "/admin/campaigns")).status).toBe(200);
      expect((await page(s, `/admin/campaigns/${id}`)).status).toBe(200);
    }
    // Reviewers do not write, test or send.
    expect((await page(reviewer, "/admin/campaigns/new")).status).toBe(403);
    for (const path of ["", "/audience", "/test", "/send", "/schedule", "/cancel", "/submit"]) {
      const res = await reviewer.post(t.app, `/admin/campaigns/${id}${path}`, {
        subject: "Changed by a reviewer",
      });
      expect(res.status, path).toBe(403);
    }
    expect((await reviewer.post(t.app, "/admin/campaigns/preview.json", {})).status).toBe(403);
    // Marketers and owners do not approve.
    for (const s of [marketer, owner]) {
      expect((await s.post(t.app, `/admin/campaigns/${id}/approve`)).status).toBe(403);
      expect((await s.post(t.app, `/admin/campaigns/${id}/return`, { comment: "no" })).status).toBe(403);
    }
    expect(await campaignRow(t, id)).toMatchObject({ reviewState: "in_review", status: "draft" });
  });

  it("refuses a form without the CSRF token, or with another session's", async () => {
    t = setup();
    const { marketer, reviewer } = await team();
    const id = await written(marketer, false);
    const bare = await t.app.request(`/admin/campaigns/${id}/submit`, {
      method: "POST",
      headers: { ...marketer.headers, "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(bare.status).toBe(403);
    const borrowed = await t.app.request(`/admin/campaigns/${id}/submit`, {
      method: "POST",
      headers: { ...marketer.headers, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: reviewer.csrfToken }),
    });
    expect(borrowed.status).toBe(403);
    const crossSite = await t.app.request(`/admin/campaigns/${id}/submit`, {
      method: "POST",
      headers: {
        ...marketer.headers,
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: marketer.csrfToken }),
    });
    expect(crossSite.status).toBe(403);
    expect((await campaignRow(t, id)).reviewState).toBe("none");
  });
});

describe("review in the console", () => {
  it("a reviewer approves; the page names them; the history lists each step", async () => {
    t = setup();
    const { marketer, reviewer } = await team();
    const id = await written(marketer);
    const before = await (await page(reviewer, `/admin/campaigns/${id}`)).text();
    expect(before).toContain("Waiting for a reviewer.");
    expect(before).toContain('name="contentHash"');
    const res = await reviewer.post(t.app, `/admin/campaigns/${id}/approve`, {
      contentHash: /name="contentHash" value="([0-9a-f]{64})"/.exec(before)?.[1] ?? "",
    });
    expect(res.status).toBe(303);
    const after = await (await page(marketer, `/admin/campaigns/${id}`)).text();
    expect(after).toContain("Reviewed by Ravi Nair, Medical editor, on");
    expect(after).toMatch(/Submitted for review<\/strong> by Mia Torres/);
    expect(after).toMatch(/Approved<\/strong> by Ravi Nair/);
  });

  it("refuses an approval by the account that wrote and submitted it, even after its role changed", async () => {
    t = setup();
    const { marketer, owner } = await team();
    const id = await written(marketer);
    // The writer becomes a reviewer (an owner changes the role): still not their own reviewer.
    expect((await changeAccountRole(t.db, marketer.account.id, "reviewer", t.deps.now())).ok).toBe(true);
    await setAccountTitle(t.db, marketer.account.id, "Medical editor", t.deps.now());
    const page403 = await marketer.post(t.app, `/admin/campaigns/${id}/approve`);
    expect(page403.status).toBe(403);
    expect(await page403.text()).toContain("someone else must review it");
    expect((await campaignRow(t, id)).reviewState).toBe("in_review");
    void owner;
  });

  it("sending back needs a comment, and shows it in the history", async () => {
    t = setup();
    const { marketer, reviewer } = await team();
    const id = await written(marketer);
    const empty = await reviewer.post(t.app, `/admin/campaigns/${id}/return`, { comment: " " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Say what needs to change.");
    const back = await reviewer.post(t.app, `/admin/campaigns/${id}/return`, {
      comment: "Cite the checklist's source.",
    });
    expect(back.status).toBe(303);
    const html = await (await page(marketer, `/admin/campaigns/${id}`)).text();
    expect(html).toContain("Sent back for changes.");
    expect(html).toContain("<blockquote>Cite the checklist&#39;s source.</blockquote>");
  });
});

describe("editing and sending from the console", () => {
  it("an edit after approval voids it; the unapproved campaign cannot be sent or scheduled", async () => {
    t = setup();
    await seed(t, { count: 3 });
    const { marketer, reviewer } = await team();
    const id = await written(marketer);
    expect((await reviewer.post(t.app, `/admin/campaigns/${id}/approve`)).status).toBe(303);
    const row = await campaignRow(t, id);
    const saved = await marketer.post(t.app, `/admin/campaigns/${id}`, {
      name: row.name,
      subject: "Questions for your next visit",
      preheader: row.preheader,
      bodyMarkdown: row.bodyMarkdown,
      authorId: row.authorId,
      sources: "",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/admin/campaigns/${id}?done=voided`);
    expect((await campaignRow(t, id)).reviewState).toBe("none");

    const send = await marketer.post(t.app, `/admin/campaigns/${id}/send`, { confirm: "yes" });
    expect(send.status).toBe(409);
    expect(await send.text()).toContain("Only a campaign approved by a reviewer can be sent or scheduled.");
    const schedule = await marketer.post(t.app, `/admin/campaigns/${id}/schedule`, {
      at: "2030-01-02T09:00",
      zone: "UTC",
    });
    expect(schedule.status).toBe(409);
    expect(await campaignRow(t, id)).toMatchObject({ status: "draft", scheduledAt: null });
    expect(t.inngestApi.named("newsletter/campaign.send-requested")).toHaveLength(0);
  });

  it("a save with lint errors is refused with the findings and keeps what was typed", async () => {
    t = setup();
    const { marketer } = await team();
    const id = await written(marketer, false);
    const res = await marketer.post(t.app, `/admin/campaigns/${id}`, {
      subject: "A note on treatment",
      preheader: "What the research says",
      bodyMarkdown: "Hello.\n\nKetamine is FDA-approved for depression.",
      authorId: "taylor-carter",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("ketamine-fda-approved");
    expect(html).toContain("Body, line 3:");
    expect(html).toContain("Ketamine is FDA-approved for depression.</textarea>");
    expect((await campaignRow(t, id)).subject).toBe("Questions worth bringing to your next appointment");
  });

  it("send now confirms the number of recipients; a schedule is read in the viewer's time zone", async () => {
    t = setup({ now: () => new Date("2026-12-02T10:00:00Z") });
    await seed(t, { count: 7, tags: ["news"] });
    await seed(t, { count: 2, prefix: "sub_o" });
    const { marketer } = await team();
    const id = await createCampaign(t, {
      templateId: "questions-for-your-clinician",
      audience: { tags: ["news"] },
    });
    const confirm = await (await page(marketer, `/admin/campaigns/${id}/send`)).text();
    expect(confirm).toContain("It goes to <strong>7</strong> people now");
    // Without the confirmation field nothing is sent: back to the confirmation page.
    const skipped = await marketer.post(t.app, `/admin/campaigns/${id}/send`);
    expect(skipped.headers.get("location")).toBe(`/admin/campaigns/${id}/send`);
    expect((await campaignRow(t, id)).status).toBe("draft");

    const bad = await marketer.post(t.app, `/admin/campaigns/${id}/schedule`, {
      at: "2026-12-03T09:00",
      zone: "Mars/Base",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("is not a time zone this server knows");
    const res = await marketer.post(t.app, `/admin/campaigns/${id}/schedule`, {
      at: "2026-12-03T09:00",
      zone: "America/New_York",
    });
    expect(res.status).toBe(303);
    expect((await campaignRow(t, id)).scheduledAt?.toISOString()).toBe("2026-12-03T14:00:00.000Z");
    const html = await (await page(marketer, `/admin/campaigns/${id}`)).text();
    expect(html).toContain(
      '<time datetime="2026-12-03T14:00:00.000Z" data-local="">2026-12-03 14:00 UTC</time>',
    );
    expect(html).toContain('<progress id="progress-bar" max="7" value="0">');
  });

  it("the test send goes to the signed-in person only", async () => {
    t = setup();
    const { marketer } = await team();
    const id = await written(marketer, false);
    expect(
      (await marketer.post(t.app, `/admin/campaigns/${id}/test`, { to: "someone@else.example" })).status,
    ).toBe(303);
    const mail = (await t.db.query.outbox.findMany()).filter((m) => m.subject.startsWith("[Test]"));
    expect(mail.map((m) => m.to)).toEqual([marketer.account.email]);
  });
});

/** The error summary box of a page (up to the end of its list). */
const summaryOf = (html: string) => /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
/** The opening tag of the element with this id. */
const tagOf = (html: string, id: string) => new RegExp(`<[a-z]+ id="${id}"[^>]*>`).exec(html)?.[0] ?? "";

/** Every invalid field of the editor: its own message beside it, pointed at by the field, and one summary entry. */
function expectFieldMessages(html: string, fields: Record<string, string>) {
  const summary = summaryOf(html);
  for (const [field, message] of Object.entries(fields)) {
    expect(html).toContain(`<p class="error" id="field-${field}-error">${message}</p>`);
    const input = tagOf(html, `field-${field}`);
    expect(input, field).toContain('aria-invalid="true"');
    expect(input, field).toMatch(new RegExp(`aria-describedby="([^"]* )?field-${field}-error"`));
    expect(summary).toContain(`<a href="#field-${field}">${message}</a>`);
    // Once in the summary, once beside the field; never with the label said twice.
    expect(html.split(message)).toHaveLength(3);
  }
  expect(summary).not.toMatch(/(Name|Subject|Preheader): \1:/);
}

describe("the editor's messages when a save is refused", () => {
  it("a new campaign: every invalid field, the name too, shows its own message, linked from the summary", async () => {
    t = setup();
    const { marketer } = await team();
    const res = await marketer.post(t.app, "/admin/campaigns/new", {
      name: "x",
      subject: "ab",
      preheader: "p",
      bodyMarkdown: "",
      authorId: "",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expectFieldMessages(html, {
      name: "Name: at least 3 characters.",
      subject: "Subject: at least 3 characters.",
      preheader: "Preheader: at least 3 characters.",
    });
    // The preheader keeps its hint in aria-describedby, before the message.
    expect(tagOf(html, "field-preheader")).toContain(
      'aria-describedby="field-preheader-hint field-preheader-error"',
    );
    // The body's message, which does not name its field, is led by the label in the summary only.
    expect(summaryOf(html)).toContain('<a href="#field-bodyMarkdown">Body: The body is empty.</a>');
    expect(html).toContain('<p class="error" id="field-bodyMarkdown-error">The body is empty.</p>');
  });

  it("an edit: the name's message is beside the name, and a valid field carries no message", async () => {
    t = setup();
    const { marketer } = await team();
    const id = await written(marketer, false);
    const row = await campaignRow(t, id);
    const res = await marketer.post(t.app, `/admin/campaigns/${id}`, {
      name: "x",
      subject: row.subject,
      preheader: row.preheader,
      bodyMarkdown: row.bodyMarkdown,
      authorId: row.authorId,
      sources: "",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expectFieldMessages(html, { name: "Name: at least 3 characters." });
    expect(tagOf(html, "field-subject")).not.toContain("aria-invalid");
    expect(html).not.toContain('id="field-subject-error"');
    expect((await campaignRow(t, id)).name).toBe(row.name);
  });
});

describe("campaign list", () => {
  it("stacks into one card per campaign on a phone, each cell labelled", async () => {
    t = setup();
    const { marketer } = await team();
    await written(marketer, false);
    const html = await (await page(marketer, "/admin/campaigns")).text();
    expect(html).toContain('<table class="stack">');
    for (const label of [
      "Campaign",
      "Status",
      "Review",
      "Audience",
      "Emails sent",
      "Emails delivered",
      "Created",
    ])
      expect(html).toContain(`<td data-label="${label}">`);
    // The headers stay as they were on a wide screen.
    expect(html).toContain('<th scope="col">Sent</th>');
  });
});

describe("preview, counts and progress endpoints", () => {
  it("frames the email under its own narrow policy, and answers findings with their lines as JSON", async () => {
    t = setup();
    await seed(t, { count: 4, tags: ["news"] });
    const { marketer, reviewer } = await team();
    const id = await written(marketer, false);
    const frame = await page(reviewer, `/admin/campaigns/${id}/preview`);
    expect(frame.status).toBe(200);
    const csp = frame.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("sandbox");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("script-src");
    expect(await frame.text()).toContain("Questions worth bringing to your next appointment");
    // The console page itself keeps the console policy (no inline styles) and frames only our own pages.
    const consoleCsp = (await page(marketer, `/admin/campaigns/${id}`)).headers.get(
      "content-security-policy",
    );
    expect(consoleCsp).toContain("frame-src 'self'");
    expect(consoleCsp).not.toContain("unsafe-inline");

    const json = await t.app.request("/admin/campaigns/preview.json", {
      method: "POST",
      headers: {
        ...marketer.headers,
        accept: "application/json",
        "x-csrf-token": marketer.csrfToken,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        subject: "Hello",
        preheader: "A note",
        bodyMarkdown: "Line one.\n\nA miracle for everyone.",
        authorId: "taylor-carter",
      }),
    });
    expect(json.status).toBe(200);
    const data = (await json.json()) as { findings: { where: string; ruleId: string }[]; text: string };
    expect(data.findings).toContainEqual(
      expect.objectContaining({ ruleId: "absolute-claims", where: "Body, line 3" }),
    );
    expect(data.text).toContain("A miracle for everyone.");
    const noToken = await t.app.request("/admin/campaigns/preview.json", {
      method: "POST",
      headers: {
        ...marketer.headers,
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "subject=x",
    });
    expect(noToken.status).toBe(403);

    const count = await page(marketer, "/admin/campaigns/audience-count?tags=news");
    expect(await count.json()).toEqual({ count: 4 });
    const progress = await page(marketer, `/admin/campaigns/${id}/progress.json`);
    expect(await progress.json()).toMatchObject({ progress: { status: "draft", audience: 4, sent: 0 } });
  });
});
