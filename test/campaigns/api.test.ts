// The campaign admin API through app.request: auth, validation, content safety, and the whole lifecycle from
// create to sent with the real broadcast function.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { campaigns, outbox, pendingEvents, sends } from "../../src/db/schema.ts";
import type { TestApp } from "../helpers/app.ts";
import {
  admin,
  approve,
  campaignRow,
  createAndSend,
  createCampaign,
  instrumentMailer,
  outboxRecipients,
  runBroadcast,
  seed,
  setup,
} from "./helpers.ts";

let t: TestApp;
afterEach(() => t?.close());

type ErrorBody = {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string[]>;
    findings?: { ruleId: string; severity: string }[];
  };
};

const inline = {
  subject: "A calmer way to prepare for appointments",
  preheader: "Three questions worth writing down before you go.",
  bodyMarkdown: "## Before you go\n\nWrite down what you want to ask, and bring someone along if that helps.",
  authorId: "taylor-carter",
};

describe("admin auth", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/api/admin/campaigns"],
    ["POST", "/api/admin/campaigns", inline],
    ["GET", "/api/admin/campaigns/cmp_x"],
    ["POST", "/api/admin/campaigns/cmp_x/send", {}],
    ["GET", "/api/admin/subscribers"],
    ["GET", "/api/admin/subscribers/export"],
  ];

  const request = (method: string, path: string, body: unknown, authorization?: string) =>
    t.app.request(path, {
      method,
      ...(body ? { body: JSON.stringify(body) } : {}),
      headers: {
        ...(body ? { "content-type": "application/json" } : {}),
        ...(authorization ? { authorization } : {}),
      },
    });

  it("answers 401 unauthorized on every admin route without a token, and writes nothing", async () => {
    t = setup();
    for (const [method, path, body] of routes) {
      const missing = await request(method, path, body);
      expect(missing.status, `${method} ${path} without a token`).toBe(401);
      expect(((await missing.json()) as ErrorBody).error.code).toBe("unauthorized");
    }
    expect(await t.db.select().from(campaigns)).toHaveLength(0);
  });

  it("answers 401 on every admin route with a wrong token, writes nothing and logs no token", async () => {
    t = setup();
    for (const [method, path, body] of routes) {
      const wrong = await request(method, path, body, "Bearer test-admin-token-0123456789abcdeX");
      expect(wrong.status, `${method} ${path} with a wrong token`).toBe(401);
    }
    expect(await t.db.select().from(campaigns)).toHaveLength(0);
    expect(t.logLines.join("\n")).not.toContain("test-admin-token");
  });

  it("serves the right token", async () => {
    t = setup();
    expect((await admin(t, "GET", "/api/admin/campaigns")).status).toBe(200);
    expect((await admin(t, "POST", "/api/admin/campaigns", inline)).status).toBe(201);
    expect((await admin(t, "GET", "/api/admin/subscribers")).status).toBe(200);
    expect(await t.db.select().from(campaigns)).toHaveLength(1);
    expect(t.logLines.join("\n")).not.toContain("test-admin-token");
  });
});

describe("validation", () => {
  it("names every missing inline field", async () => {
    t = setup();
    const res = await admin(t, "POST", "/api/admin/campaigns", {
      audience: { countries: ["USA"], tags: ["Bad Tag"] },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(
      ["audience.countries.0", "audience.tags.0", "authorId", "bodyMarkdown", "preheader", "subject"].sort(),
    );
  });

  const created = async () => (await t.db.select().from(campaigns)).length;

  it("refuses a template plus inline content, naming the inline field", async () => {
    t = setup();
    const both = await admin(t, "POST", "/api/admin/campaigns", {
      templateId: "questions-for-your-clinician",
      subject: "Hello there",
    });
    expect(((await both.json()) as ErrorBody).error.fields).toHaveProperty("subject");
    expect(await created()).toBe(0);
  });

  it("refuses an unknown template by name", async () => {
    t = setup();
    const unknown = await admin(t, "POST", "/api/admin/campaigns", { templateId: "no-such-template" });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ErrorBody).error.fields?.templateId?.[0]).toContain("no-such-template");
    expect(await created()).toBe(0);
  });

  it("refuses unknown keys", async () => {
    t = setup();
    const extra = await admin(t, "POST", "/api/admin/campaigns", { ...inline, audiance: {} });
    expect(extra.status).toBe(422);
    expect(await created()).toBe(0);
  });

  it("refuses the reserved personalisation placeholders in the content", async () => {
    t = setup();
    const placeholder = await admin(t, "POST", "/api/admin/campaigns", {
      ...inline,
      bodyMarkdown: "Hi %%HM_FIRST_NAME%%",
    });
    expect(((await placeholder.json()) as ErrorBody).error.fields).toHaveProperty("bodyMarkdown");
    expect(await created()).toBe(0);
  });

  it("refuses an author who is not in the registry", async () => {
    t = setup();
    const unknownAuthor = await admin(t, "POST", "/api/admin/campaigns", { ...inline, authorId: "nobody" });
    expect(unknownAuthor.status).toBe(422);
    expect(((await unknownAuthor.json()) as ErrorBody).error.fields).toHaveProperty("authorId");
    expect(await created()).toBe(0);
  });

  it("refuses a malformed id in the path with a field message", async () => {
    t = setup();
    for (const [method, path, what] of [
      ["GET", "/api/admin/campaigns/bad%20id!", "campaign"],
      ["POST", "/api/admin/campaigns/..%2Fx/cancel", "campaign"],
      ["POST", "/api/admin/subscribers/bad%20id!/tags", "subscriber"],
    ] as const) {
      const res = await admin(t, method, path, method === "POST" ? { tags: ["news"] } : undefined);
      expect(res.status, path).toBe(422);
      expect(((await res.json()) as ErrorBody).error.fields?.id, path).toEqual([`must be a ${what} id`]);
    }
  });

  const draft = async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    t = setup({ now: () => now });
    return createCampaign(t);
  };

  it("refuses a send time in the past or without a zone, and the campaign stays a draft", async () => {
    const id = await draft();
    const past = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {
      scheduledAt: "2026-11-27T09:59:00Z",
    });
    expect(past.status).toBe(422);
    expect(((await past.json()) as ErrorBody).error.fields).toHaveProperty("scheduledAt");
    const noZone = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {
      scheduledAt: "2026-12-01 09:00",
    });
    expect(((await noZone.json()) as ErrorBody).error.fields).toHaveProperty("scheduledAt");
    expect((await campaignRow(t, id)).status).toBe("draft");
  });

  it("refuses a test send to more than five addresses or to a malformed one", async () => {
    const id = await draft();
    const tooMany = await admin(t, "POST", `/api/admin/campaigns/${id}/test`, {
      to: ["a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org", "f@x.org"],
    });
    expect(((await tooMany.json()) as ErrorBody).error.fields).toHaveProperty("to");
    const badAddress = await admin(t, "POST", `/api/admin/campaigns/${id}/test`, { to: ["not-an-address"] });
    expect(((await badAddress.json()) as ErrorBody).error.fields).toHaveProperty("to.0");
  });

  it("refuses a list limit over 100", async () => {
    await draft();
    expect((await admin(t, "GET", "/api/admin/campaigns?limit=1000")).status).toBe(422);
  });

  it("answers 404 for a campaign that does not exist", async () => {
    await draft();
    expect((await admin(t, "GET", "/api/admin/campaigns/cmp_missing")).status).toBe(404);
    expect((await admin(t, "POST", "/api/admin/campaigns/cmp_missing/send", {})).status).toBe(404);
  });

  it("answers 400 for a malformed JSON body, and the campaign stays a draft", async () => {
    const id = await draft();
    const malformed = await t.app.request(`/api/admin/campaigns/${id}/send`, {
      method: "POST",
      headers: {
        authorization: "Bearer test-admin-token-0123456789abcdef",
        "content-type": "application/json",
      },
      body: "{nope",
    });
    expect(malformed.status).toBe(400);
    expect((await campaignRow(t, id)).status).toBe("draft");
  });
});

describe("content safety", () => {
  it("refuses to create a campaign with lint errors and returns the findings", async () => {
    t = setup();
    const res = await admin(t, "POST", "/api/admin/campaigns", {
      ...inline,
      bodyMarkdown: "Ketamine is FDA-approved for depression and it is a guaranteed cure.",
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("content_unsafe");
    expect(body.error.findings?.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(["ketamine-fda-approved", "absolute-claims"]),
    );
    expect(body.error.fields).toHaveProperty("bodyMarkdown");
    expect(await t.db.select().from(campaigns)).toHaveLength(0);
  });

  it("stores warnings, and sending needs acknowledgeWarnings: true", async () => {
    t = setup();
    await seed(t, { count: 1 });
    const res = await admin(t, "POST", "/api/admin/campaigns", {
      ...inline,
      subject: "A shocking look at appointments",
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      campaign: { id: string; lintWarnings: { ruleId: string }[] };
      warnings: { ruleId: string }[];
    };
    expect(created.warnings.map((w) => w.ruleId)).toContain("sensational-words");
    expect(created.campaign.lintWarnings).toEqual(created.warnings);
    const id = created.campaign.id;
    await approve(t, id);

    const refused = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {});
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe("warnings_unacknowledged");
    expect(body.error.findings?.[0]?.ruleId).toBe("sensational-words");
    expect((await campaignRow(t, id)).status).toBe("draft");
    expect(await t.db.select().from(pendingEvents)).toHaveLength(0);

    const sent = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, { acknowledgeWarnings: true });
    expect(sent.status).toBe(202);
  });
});

describe("lifecycle", () => {
  it("create from a template -> test send -> send to a segment -> sent, with status and counts", async () => {
    t = setup();
    await seed(t, {
      count: 210,
      prefix: "sub_n",
      tags: ["news"],
      firstName: (i) => (i % 3 === 0 ? null : `Reader ${i}`),
    });
    await seed(t, { count: 15, prefix: "sub_o", tags: ["other"] });

    const created = await admin(t, "POST", "/api/admin/campaigns", {
      templateId: "questions-for-your-clinician",
      audience: { tags: ["news"] },
    });
    expect(created.status).toBe(201);
    const { campaign } = (await created.json()) as {
      campaign: { id: string; status: string; name: string; subject: string };
    };
    expect(campaign).toMatchObject({ status: "draft", name: "Questions to bring to your next appointment" });
    const id = campaign.id;

    // Test send: marked as a test, recorded without a subscriber, status unchanged.
    const test = await admin(t, "POST", `/api/admin/campaigns/${id}/test`, {
      to: ["team@hopemark.test"],
      firstName: "Sam",
    });
    expect(test.status).toBe(202);
    const [testMail] = await t.db.select().from(outbox).where(eq(outbox.to, "team@hopemark.test"));
    expect(testMail?.subject).toBe(`[Test] ${campaign.subject}`);
    expect(testMail?.html).toContain("Hi Sam,");
    expect(testMail?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const testSends = await t.db.select().from(sends).where(eq(sends.kind, "test"));
    expect(testSends).toHaveLength(1);
    expect(testSends[0]).toMatchObject({ campaignId: id, subscriberId: null, status: "sent" });
    expect((await campaignRow(t, id)).status).toBe("draft");

    await approve(t, id);
    const send = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {});
    expect(send.status).toBe(202);
    expect((await send.json()) as { campaign: { status: string }; dispatched: boolean }).toMatchObject({
      campaign: { status: "sending" },
      dispatched: true,
    });
    // A double click: refused, and still one event.
    expect((await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {})).status).toBe(409);
    expect(t.inngestApi.named("newsletter/campaign.send-requested")).toHaveLength(1);

    const calls = instrumentMailer(t);
    const { result } = await runBroadcast(t, { campaignId: id });
    expect(result).toMatchObject({ outcome: "finished", pages: 3, sent: 210 });
    expect(calls.map((c) => c.to.length)).toEqual([100, 100, 10]);

    const mail = await t.db.select().from(outbox);
    const campaignMail = mail.filter((m) => m.idempotencyKey.startsWith(`${id}:`));
    expect(campaignMail).toHaveLength(210);
    for (const m of campaignMail) {
      expect(m.to).toMatch(/^sub_n/);
      expect(m.subject).toBe(campaign.subject);
      expect(m.headers["List-Unsubscribe"]).toMatch(
        /^<http:\/\/newsletter\.test\/api\/unsubscribe\?token=[\w.-]+>$/,
      );
      expect(m.tags).toEqual([{ name: "campaign", value: id }]);
      expect(m.text).toContain("This email is an advertisement");
      expect(m.text).toContain("988");
    }
    expect(new Set(await outboxRecipients(t, id)).size).toBe(210);

    const status = await admin(t, "GET", `/api/admin/campaigns/${id}`);
    const view = ((await status.json()) as { campaign: Record<string, unknown> }).campaign;
    expect(view).toMatchObject({
      status: "sent",
      counts: { audience: 210, sent: 210, skipped: 0, failed: 0, delivered: 0, complained: 0 },
    });
    expect(view.finishedAt).toEqual(expect.any(String));

    const list = (await (await admin(t, "GET", "/api/admin/campaigns?status=sent")).json()) as {
      campaigns: { id: string }[];
    };
    expect(list.campaigns.map((c) => c.id)).toEqual([id]);
    expect((await admin(t, "POST", `/api/admin/campaigns/${id}/cancel`)).status).toBe(409);
  });

  it("keeps a send when the event bus is down: the outbox row waits for the reconciler", async () => {
    t = setup();
    await seed(t, { count: 3 });
    t.inngestApi.failing = true;
    const id = await createCampaign(t);
    const res = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {});
    expect(res.status).toBe(202);
    expect(((await res.json()) as { dispatched: boolean }).dispatched).toBe(false);
    const [pending] = await t.db
      .select()
      .from(pendingEvents)
      .where(eq(pendingEvents.id, `campaign-send:${id}`));
    expect(pending).toMatchObject({ name: "newsletter/campaign.send-requested", sentAt: null });
    expect((await campaignRow(t, id)).status).toBe("sending");
  });

  it("answers 409 and dispatches nothing when a cancel lands between reading the campaign and sending it", async () => {
    t = setup();
    await seed(t, { count: 3 });
    const id = await createCampaign(t);
    // Plays a second administrator whose cancel is written just before this request's guarded update, which
    // then finds no draft to change (RAISE(IGNORE) skips it, as the WHERE status = 'draft' would).
    t.sqlite.exec(`
      CREATE TRIGGER cancel_lands_first BEFORE UPDATE OF status ON campaigns
      WHEN OLD.status = 'draft' AND NEW.status = 'sending'
      BEGIN
        UPDATE campaigns SET status = 'cancelled' WHERE id = NEW.id;
        SELECT RAISE(IGNORE);
      END;`);
    const res = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {});
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorBody & { error: { campaign?: { status: string } } };
    expect(body.error.code).toBe("invalid_state");
    expect(body.error.message).toContain("changed while this request was handled");
    expect((await campaignRow(t, id)).status).toBe("cancelled");
    expect(t.inngestApi.named("newsletter/campaign.send-requested")).toHaveLength(0);
  });

  it("refuses to send now to an audience of nobody unless allowEmpty, and counts the audience", async () => {
    t = setup();
    await seed(t, { count: 3, tags: ["news"] });
    const id = await createCampaign(t, {
      templateId: "questions-for-your-clinician",
      audience: { tags: ["nobody"] },
    });
    const count = await admin(t, "GET", `/api/admin/campaigns/${id}/audience`);
    expect(await count.json()).toEqual({ audience: { count: 0 } });
    const refused = await admin(t, "POST", `/api/admin/campaigns/${id}/send`, {});
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe("audience_empty");
    expect(body.error.fields).toEqual({ allowEmpty: ["Required to send to an audience of nobody."] });
    expect((await campaignRow(t, id)).status).toBe("draft");
    expect(await t.db.select().from(pendingEvents)).toHaveLength(0);
    expect((await admin(t, "POST", `/api/admin/campaigns/${id}/send`, { allowEmpty: true })).status).toBe(
      202,
    );

    const news = await createCampaign(t, {
      templateId: "questions-for-your-clinician",
      audience: { tags: ["news"] },
    });
    expect(await (await admin(t, "GET", `/api/admin/campaigns/${news}/audience`)).json()).toEqual({
      audience: { count: 3 },
    });
  });

  it("lists newest first with a cursor", async () => {
    let clock = Date.parse("2026-11-27T10:00:00Z");
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    t = setup({ now: tick });
    await seed(t, { count: 1 });
    const ids = [await createCampaign(t), await createCampaign(t), await createAndSend(t)];
    const first = (await (await admin(t, "GET", "/api/admin/campaigns?limit=2")).json()) as {
      campaigns: { id: string }[];
      nextCursor: string;
    };
    expect(first.campaigns.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const second = (await (
      await admin(t, "GET", `/api/admin/campaigns?limit=2&before=${first.nextCursor}`)
    ).json()) as {
      campaigns: { id: string }[];
      nextCursor: string | null;
    };
    expect(second.campaigns.map((c) => c.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });
});
