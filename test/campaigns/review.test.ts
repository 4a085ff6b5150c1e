// Clinical review: submit, approve or send back, the rules on who may review, voiding by edits, the send and
// schedule gate, the attribution line in the sent email, the history and the audit log. Through the admin API
// (as automation and the CLI use it) and through the domain functions with console accounts as actors.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createAccount } from "../../src/accounts/create.ts";
import type { Account } from "../../src/accounts/schemas.ts";
import { setAccountTitle } from "../../src/accounts/set-title.ts";
import { createCampaign as createCampaignAs } from "../../src/campaigns/create.ts";
import { approveCampaign, returnForChanges, submitForReview } from "../../src/campaigns/review.ts";
import { updateCampaign } from "../../src/campaigns/update.ts";
import { auditLog, outbox, pendingEvents } from "../../src/db/schema.ts";
import { checkMessage } from "../../src/mail/send-gate.ts";
import type { TestApp } from "../helpers/app.ts";
import {
  admin,
  campaignRow,
  createCampaign,
  REVIEWER,
  reviewerAccount,
  runBroadcast,
  seed,
  setup,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

async function post(path: string, body?: unknown) {
  const res = await admin(t, "POST", path, body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & ErrorBody };
}

async function account(email: string, name: string, role: Account["role"], title?: string) {
  const created = await createAccount(t.db, { email, name, role }, t.deps.now());
  if (!created.ok) throw new Error(created.message);
  if (!title) return created.account;
  const titled = await setAccountTitle(t.db, created.account.id, title, t.deps.now());
  if (!titled.ok) throw new Error(titled.message);
  return titled.account;
}

const draft = () => createCampaign(t, undefined, { approve: false });
const as = (a: Account) => ({ kind: "account" as const, account: a });

describe("review through the admin API", () => {
  it("submit -> approve -> send, and the sent email says who reviewed it, as what, and when", async () => {
    const now = new Date("2026-12-02T09:30:00Z");
    t = setup({ now: () => now });
    await seed(t, { count: 3 });
    await reviewerAccount(t);
    const id = await draft();

    const unreviewed = await post(`/api/admin/campaigns/${id}/send`, {});
    expect(unreviewed.status).toBe(409);
    expect(unreviewed.body.error.code).toBe("review_required");
    expect(unreviewed.body.error.message).toContain("has not been submitted for review");
    expect(await t.db.select().from(pendingEvents)).toHaveLength(0);

    const submitted = await post(`/api/admin/campaigns/${id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.campaign).toMatchObject({ review: { state: "in_review", approval: null } });
    expect((await post(`/api/admin/campaigns/${id}/submit`)).status).toBe(409);

    const approved = await post(`/api/admin/campaigns/${id}/approve`, { reviewer: REVIEWER.email });
    expect(approved.status).toBe(200);
    expect(approved.body.campaign).toMatchObject({
      review: {
        state: "approved",
        approval: { name: "Dana Okafor", title: "Medical editor", at: "2026-12-02T09:30:00.000Z" },
      },
    });

    expect((await post(`/api/admin/campaigns/${id}/send`, {})).status).toBe(202);
    await runBroadcast(t, { campaignId: id });
    const mail = (await t.db.select().from(outbox)).filter((m) => m.idempotencyKey.startsWith(`${id}:`));
    expect(mail).toHaveLength(3);
    const line = "Reviewed by Dana Okafor, Medical editor, on December 2, 2026.";
    for (const m of mail) {
      expect(m.text).toContain(line);
      expect(m.html).toContain(line);
      expect(m.text).toContain("Written by Taylor Carter");
      expect(
        checkMessage(
          { ...m, kind: "marketing", advertising: true, templateId: "campaign" },
          { postalAddress: t.deps.config.mail.postalAddress },
        ),
      ).toEqual({ ok: true });
    }

    const history = (await (await admin(t, "GET", `/api/admin/campaigns/${id}/reviews`)).json()) as {
      history: { action: string; by: { name: string }; via: string }[];
    };
    expect(history.history.map((h) => [h.action, h.by.name, h.via])).toEqual([
      ["submitted", "Admin API", "api"],
      ["approved", "Dana Okafor", "api"],
    ]);
    // The approval is written to the audit log as done by the API token, naming the reviewer account.
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((a) => [a.action, a.actorKind, a.actorId])).toEqual(
      expect.arrayContaining([
        ["campaign.review.submitted", "api-token", null],
        ["campaign.review.approved", "api-token", null],
      ]),
    );
    const reviewerId = await reviewerAccount(t);
    expect(audit.find((a) => a.action === "campaign.review.approved")?.detail).toEqual({
      reviewerId,
      via: "api",
    });
  });

  it("refuses to schedule an unapproved campaign, and an unknown, unsuitable or untitled reviewer", async () => {
    t = setup();
    await seed(t, { count: 1 });
    const id = await draft();
    const schedule = await post(`/api/admin/campaigns/${id}/send`, {
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(schedule.status).toBe(409);
    expect(schedule.body.error.code).toBe("review_required");

    // Approving what was never submitted.
    await reviewerAccount(t);
    const early = await post(`/api/admin/campaigns/${id}/approve`, { reviewer: REVIEWER.email });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain("has not been submitted");
    expect((await post(`/api/admin/campaigns/${id}/submit`)).status).toBe(200);

    const nobody = await post(`/api/admin/campaigns/${id}/approve`, { reviewer: "nobody@hopemark.test" });
    expect(nobody.status).toBe(422);
    expect(nobody.body.error.fields?.reviewer?.[0]).toContain("No account with this address");
    await account("mara@hopemark.test", "Mara Lind", "marketer");
    const marketer = await post(`/api/admin/campaigns/${id}/approve`, { reviewer: "mara@hopemark.test" });
    expect(marketer.status).toBe(403);
    expect(marketer.body.error.code).toBe("forbidden");
    await account("owen@hopemark.test", "Owen Park", "owner");
    expect(
      (await post(`/api/admin/campaigns/${id}/approve`, { reviewer: "owen@hopemark.test" })).status,
    ).toBe(403);
    await account("rhea@hopemark.test", "Rhea Stone", "reviewer");
    const untitled = await post(`/api/admin/campaigns/${id}/approve`, { reviewer: "rhea@hopemark.test" });
    expect(untitled.status).toBe(422);
    expect(untitled.body.error.fields).toEqual({ title: ["Required to approve."] });
    expect((await campaignRow(t, id)).reviewState).toBe("in_review");
    expect((await post(`/api/admin/campaigns/${id}/send`, {})).status).toBe(409);
  });

  it("an approval names the content it saw: a stale contentHash is refused", async () => {
    t = setup();
    await reviewerAccount(t);
    const id = await draft();
    const seen = (
      (await (await admin(t, "GET", `/api/admin/campaigns/${id}`)).json()) as {
        campaign: { contentHash: string };
      }
    ).campaign.contentHash;
    expect(seen).toMatch(/^[0-9a-f]{64}$/);
    await post(`/api/admin/campaigns/${id}/submit`);
    const stale = await post(`/api/admin/campaigns/${id}/approve`, {
      reviewer: REVIEWER.email,
      contentHash: "0".repeat(64),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain("changed since you opened it");
    const fresh = await post(`/api/admin/campaigns/${id}/approve`, {
      reviewer: REVIEWER.email,
      contentHash: seen,
    });
    expect(fresh.status).toBe(200);
  });
});

describe("edits and the approval", () => {
  it("an edit to what it says after approval voids the approval; sending is refused until a new review", async () => {
    t = setup();
    await seed(t, { count: 2, tags: ["news"] });
    const id = await createCampaign(t);
    expect((await campaignRow(t, id)).reviewState).toBe("approved");

    // The audience is not what a reviewer vouches for: changing it keeps the approval.
    const audience = await admin(t, "PATCH", `/api/admin/campaigns/${id}`, { audience: { tags: ["news"] } });
    expect(audience.status).toBe(200);
    expect(await audience.json()).toMatchObject({
      reviewVoided: false,
      campaign: { review: { state: "approved" } },
    });

    for (const [field, value] of [
      ["subject", "Questions for your next appointment"],
      ["preheader", "A checklist for your next visit."],
      ["bodyMarkdown", "## A shorter note\n\nWrite your questions down before you go."],
      ["authorId", "tessa-eskin"],
      ["sources", [{ claim: "questions", citation: "NIMH, Depression, 2024" }]],
    ] as const) {
      if ((await campaignRow(t, id)).reviewState !== "approved") {
        await post(`/api/admin/campaigns/${id}/submit`);
        expect((await post(`/api/admin/campaigns/${id}/approve`, { reviewer: REVIEWER.email })).status).toBe(
          200,
        );
      }
      const res = await admin(t, "PATCH", `/api/admin/campaigns/${id}`, { [field]: value });
      expect(res.status, field).toBe(200);
      expect(await res.json(), field).toMatchObject({
        reviewVoided: true,
        campaign: { review: { state: "none" } },
      });
      const refused = await post(`/api/admin/campaigns/${id}/send`, {});
      expect(refused.status, field).toBe(409);
      expect(refused.body.error.code, field).toBe("review_required");
    }
    const row = await campaignRow(t, id);
    expect(row).toMatchObject({ approvedBy: null, approvedHash: null, status: "draft" });
    const history = (await (await admin(t, "GET", `/api/admin/campaigns/${id}/reviews`)).json()) as {
      history: { action: string; comment: string | null }[];
    };
    const voided = history.history.filter((h) => h.action === "voided");
    expect(voided).toHaveLength(5);
    expect(voided[0]?.comment).toBe("Edited after approval: the approval no longer applies.");
  });

  it("an edit during review withdraws the submission; an edit after a return keeps the comment's state", async () => {
    t = setup();
    const reviewer = await reviewerAccount(t);
    const id = await draft();
    await post(`/api/admin/campaigns/${id}/submit`);
    await admin(t, "PATCH", `/api/admin/campaigns/${id}`, { subject: "Questions for your next visit" });
    expect((await campaignRow(t, id)).reviewState).toBe("none");

    await post(`/api/admin/campaigns/${id}/submit`);
    const noComment = await post(`/api/admin/campaigns/${id}/return`, {
      reviewer: REVIEWER.email,
      comment: "  ",
    });
    expect(noComment.status).toBe(422);
    const returned = await post(`/api/admin/campaigns/${id}/return`, {
      reviewer: REVIEWER.email,
      comment: "Please cite the source for the checklist.",
    });
    expect(returned.status).toBe(200);
    expect((await campaignRow(t, id)).reviewState).toBe("returned");
    expect((await post(`/api/admin/campaigns/${id}/send`, {})).body.error.message).toContain("sent it back");
    await admin(t, "PATCH", `/api/admin/campaigns/${id}`, { preheader: "A checklist, with its source." });
    expect((await campaignRow(t, id)).reviewState).toBe("returned");
    expect((await post(`/api/admin/campaigns/${id}/submit`)).status).toBe(200);

    const history = (await (await admin(t, "GET", `/api/admin/campaigns/${id}/reviews`)).json()) as {
      history: { action: string; comment: string | null; by: { accountId: string | null } }[];
    };
    expect(history.history.map((h) => h.action)).toEqual([
      "submitted",
      "voided",
      "submitted",
      "returned",
      "submitted",
    ]);
    expect(history.history[3]).toMatchObject({
      comment: "Please cite the source for the checklist.",
      by: { accountId: reviewer },
    });
  });

  it("only a draft is edited, and an edit is linted like a new campaign", async () => {
    t = setup();
    await seed(t, { count: 1 });
    const id = await createCampaign(t);
    const unsafe = await admin(t, "PATCH", `/api/admin/campaigns/${id}`, {
      bodyMarkdown: "Ketamine is FDA-approved for depression.",
    });
    expect(unsafe.status).toBe(422);
    expect(((await unsafe.json()) as ErrorBody).error.code).toBe("content_unsafe");
    expect((await campaignRow(t, id)).reviewState).toBe("approved");
    expect((await admin(t, "PATCH", `/api/admin/campaigns/${id}`, {})).status).toBe(422);
    await post(`/api/admin/campaigns/${id}/send`, {});
    const sending = await admin(t, "PATCH", `/api/admin/campaigns/${id}`, {
      subject: "Something else entirely",
    });
    expect(sending.status).toBe(409);
    expect((await campaignRow(t, id)).subject).toBe("Questions worth bringing to your next appointment");
  });
});

describe("who may review (console accounts)", () => {
  it("never the account that wrote, last edited or submitted it", async () => {
    t = setup();
    const writer = await account("wren@hopemark.test", "Wren Hale", "marketer");
    const editor = await account("eli@hopemark.test", "Eli Moss", "owner");
    // A reviewer account used as a writer: the domain still refuses its own review, whatever the console allows.
    const reviewerWriter = await account(
      "ria@hopemark.test",
      "Ria Chen",
      "reviewer",
      "Clinical psychologist",
    );
    const other = await account("sam@hopemark.test", "Sam Ade", "reviewer", "Medical editor");

    const created = await createCampaignAs(
      t.deps,
      { templateId: "questions-for-your-clinician" },
      as(reviewerWriter),
    );
    if (!created.ok) throw new Error(created.message);
    const id = created.campaign.id;
    expect((await submitForReview(t.deps, id, as(writer))).ok).toBe(true);
    const own = await approveCampaign(t.deps, id, as(reviewerWriter), { reviewer: reviewerWriter });
    expect(own).toMatchObject({ ok: false, code: "forbidden" });

    // The owner edits it during review (withdrawn), the marketer submits again: neither may approve, and the
    // reviewer who wrote it still may not; another reviewer may.
    const edited = await updateCampaign(t.deps, id, { subject: "Questions for your next visit" }, as(editor));
    expect(edited).toMatchObject({ ok: true, voided: true });
    expect((await submitForReview(t.deps, id, as(writer))).ok).toBe(true);
    const row = await campaignRow(t, id);
    expect(row).toMatchObject({ createdBy: reviewerWriter.id, updatedBy: editor.id, submittedBy: writer.id });
    for (const who of [writer, editor, reviewerWriter]) {
      const result = await approveCampaign(t.deps, id, as(who), { reviewer: who });
      expect(result, who.name).toMatchObject({ ok: false, code: "forbidden" });
      const back = await returnForChanges(t.deps, id, as(who), { reviewer: who, comment: "No." });
      expect(back, who.name).toMatchObject({ ok: false, code: "forbidden" });
    }
    const ok = await approveCampaign(t.deps, id, as(other), { reviewer: other });
    expect(ok).toMatchObject({ ok: true, campaign: { review: { state: "approved" } } });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "campaign.review.approved"));
    expect(audit.map((a) => [a.actorKind, a.actorId, a.detail])).toEqual([
      ["account", other.id, { via: "console" }],
    ]);
  });

  it("a reviewer submitting a campaign is its submitter, and may not approve it", async () => {
    t = setup();
    const reviewer = await account("ria@hopemark.test", "Ria Chen", "reviewer", "Psychiatrist, MD");
    const id = await draft();
    expect((await submitForReview(t.deps, id, as(reviewer))).ok).toBe(true);
    expect(await approveCampaign(t.deps, id, as(reviewer), { reviewer })).toMatchObject({
      code: "forbidden",
    });
  });

  it("a removed reviewer cannot review", async () => {
    t = setup();
    const reviewer = await account("ria@hopemark.test", "Ria Chen", "reviewer", "Psychiatrist, MD");
    const id = await draft();
    await post(`/api/admin/campaigns/${id}/submit`);
    const removed = { ...reviewer, removedAt: new Date() };
    expect(await approveCampaign(t.deps, id, as(removed), { reviewer: removed })).toMatchObject({
      code: "forbidden",
    });
  });
});
