// End to end for each class: a signed email.received webhook (real svix) -> the event the app sent -> the real
// triage-reply function (real SDK through @inngest/test) reading the body from the Resend stub -> the real
// mailer, send gate and outbox.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { pendingEvents, subscribers } from "../../src/db/schema.ts";
import { createSendGoodbye } from "../../src/functions/send-goodbye.ts";
import { checkMessage } from "../../src/mail/send-gate.ts";
import { runFunction } from "../journey/helpers.ts";
import {
  allOutbox,
  consentsOf,
  outboxTo,
  type ReplyTest,
  receiveViaWebhook,
  replyRows,
  replyTestApp,
  runTriage,
  seedReader,
  sentReplyEvent,
  TEAM,
} from "./helpers.ts";

let t: ReplyTest | undefined;
afterEach(async () => {
  t?.close();
  await t?.stub.close();
  t = undefined;
});

const gate = () => ({ postalAddress: t?.deps.config.mail.postalAddress ?? "" });

describe("email.received webhook -> triage-reply", () => {
  it("crisis: the auto-reply with the reader's country lines first and an [URGENT] alert, nobody unsubscribed", async () => {
    t = await replyTestApp();
    const reader = await seedReader(t, { country: "GB", firstName: "Alex" });
    const { res, emailId } = await receiveViaWebhook(t, {
      from: `Alex <${reader.email}>`,
      text: "I don't want to be here any more.\n\nOn Mon, Dec 1, 2026 Hopemark Health wrote:\n> Lesson 2",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });

    const { result } = await runTriage(t, sentReplyEvent(t, "resend", emailId));
    expect(result).toMatchObject({
      status: "crisis",
      rule: "crisis-no-reason-to-live",
      autoReply: { sent: true },
      alert: { sent: true },
    });
    expect(t.stub.receivingGets).toContain(emailId);

    const [answer] = await outboxTo(t, reader.email);
    expect(answer?.subject).toBe("We received your message");
    expect(answer?.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(answer?.headers["In-Reply-To"]).toBe(`<${emailId}@mail.example.com>`);
    expect(answer?.headers["Reply-To"]).toBe("replies@hopemark.test");
    // Samaritans come before anything else the reply says; no US 988 line for a UK reader.
    // The plain-text part is wrapped at 76 columns: compare with whitespace collapsed.
    const text = (answer?.text ?? "").replace(/\s+/g, " ");
    expect(text.indexOf("116 123")).toBeGreaterThan(-1);
    expect(text.indexOf("116 123")).toBeLessThan(text.indexOf("Thank you for writing"));
    expect(text).not.toMatch(/call or text 988/i);
    expect(text).toMatch(/not watched around the clock/);
    expect(text).toMatch(/during working hours/);
    expect(text).toContain("Hi Alex,");
    expect(
      checkMessage(
        {
          headers: answer?.headers ?? {},
          kind: "transactional",
          tags: [],
          idempotencyKey: "x",
          templateId: "crisis-reply",
          html: answer?.html ?? "",
          text: answer?.text ?? "",
          to: reader.email,
          subject: answer?.subject ?? "",
        },
        gate(),
      ),
    ).toEqual({ ok: true });

    const [alert] = await outboxTo(t, TEAM);
    expect(alert?.subject.startsWith("[URGENT]")).toBe(true);
    expect(alert?.headers["Reply-To"]).toBe(reader.email);
    expect(alert?.text).toContain("I don't want to be here any more.");
    expect(alert?.text).toContain("crisis-no-reason-to-live");
    // Only the reader's own words: the quoted thread stays out of the alert and out of the database.
    expect(alert?.text).not.toContain("> Lesson 2");
    const [row] = await replyRows(t);
    expect(row).toMatchObject({
      class: "crisis",
      subscriberId: reader.id,
      autoReply: "sent",
      body: "I don't want to be here any more.",
    });
    expect(row?.alertedAt).toBeInstanceOf(Date);

    const [person] = await t.db.select().from(subscribers).where(eq(subscribers.id, reader.id));
    expect(person?.status).toBe("active");
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed")).toHaveLength(0);
  });

  it("crisis from someone not on the list: answered and alerted, no subscriber created", async () => {
    t = await replyTestApp();
    const { emailId } = await receiveViaWebhook(t, { from: "stranger@example.co.uk", text: "i wanna die" });
    await runTriage(t, sentReplyEvent(t, "resend", emailId));
    const [answer] = await outboxTo(t, "stranger@example.co.uk");
    expect(answer?.text).toContain("116 123");
    expect((await outboxTo(t, TEAM))[0]?.text).toContain("not on the list");
    expect(await t.db.select().from(subscribers)).toHaveLength(0);
    expect((await replyRows(t))[0]?.subscriberId).toBeNull();
  });

  it("a redelivery (same svix-id) and a second delivery of the same email (new svix-id) change nothing twice", async () => {
    t = await replyTestApp();
    const reader = await seedReader(t, { country: "US" });
    const first = await receiveViaWebhook(
      t,
      { from: reader.email, text: "I want to kill myself" },
      { msgId: "msg_same" },
    );
    const again = await receiveViaWebhook(
      t,
      { from: reader.email, text: "I want to kill myself" },
      { msgId: "msg_same", emailId: first.emailId },
    );
    expect(await again.res.json()).toEqual({ received: true, duplicate: true });
    const other = await receiveViaWebhook(
      t,
      { from: reader.email, text: "I want to kill myself" },
      { emailId: first.emailId },
    );
    expect(other.res.status).toBe(200);
    const queued = await t.db
      .select()
      .from(pendingEvents)
      .where(eq(pendingEvents.name, "newsletter/reply.received"));
    expect(queued.map((e) => e.id)).toEqual([`reply:resend:${first.emailId}`]);
    // Inngest drops a repeated event id; even a second run (after its idempotency window) sends nothing twice.
    const event = sentReplyEvent(t, "resend", first.emailId);
    await runTriage(t, event);
    const second = await runTriage(t, event);
    expect(second.result).toMatchObject({
      status: "crisis",
      autoReply: { sent: false, reason: "sent" },
      alert: { sent: false, reason: "already-sent" },
    });
    expect(await outboxTo(t, reader.email)).toHaveLength(1);
    expect(await outboxTo(t, TEAM)).toHaveLength(1);
    expect(await replyRows(t)).toHaveLength(1);
  });

  it("unsubscribe request: unsubscribed at once with a consent record, drip cancelled, confirmation queued, forwarded", async () => {
    t = await replyTestApp();
    const reader = await seedReader(t);
    const { emailId } = await receiveViaWebhook(t, {
      from: reader.email,
      text: "Please take me off this list.\n\nOn Mon, Dec 1, 2026 Hopemark Health wrote:\n> Unsubscribe: http://x",
    });
    const { result } = await runTriage(t, sentReplyEvent(t, "resend", emailId));
    expect(result).toMatchObject({
      status: "unsubscribe",
      rule: "unsubscribe-en",
      unsubscribed: true,
      forward: { sent: true },
    });

    const [person] = await t.db.select().from(subscribers).where(eq(subscribers.id, reader.id));
    expect(person?.status).toBe("unsubscribed");
    const withdrawn = (await consentsOf(t, reader.id)).filter((c) => c.action === "withdrawn");
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]?.form).toBe("reply");
    // The existing unsubscribed event: drip-series cancels on it and send-goodbye (reason "user") confirms.
    expect(t.inngestApi.named("newsletter/subscriber.unsubscribed").map((e) => e.data)).toEqual([
      { subscriberId: reader.id, reason: "user" },
    ]);
    const [forward] = await outboxTo(t, TEAM);
    expect(forward?.subject).toBe("Reader reply: unsubscribed by reply");
    expect(forward?.text).toContain("unsubscribed at once");
    expect(await outboxTo(t, reader.email)).toHaveLength(0);
    // The short confirmation: send-goodbye, run with the event the unsubscribe sent.
    const [left] = t.inngestApi.named("newsletter/subscriber.unsubscribed");
    await runFunction(createSendGoodbye(t.deps), { name: left?.name ?? "", data: left?.data ?? {} });
    expect((await outboxTo(t, reader.email)).map((m) => m.subject)).toEqual(["You have been unsubscribed"]);
  });

  it("automatic mail (Auto-Submitted) gets no answer and no forward", async () => {
    t = await replyTestApp();
    const reader = await seedReader(t);
    const { emailId } = await receiveViaWebhook(t, {
      from: reader.email,
      subject: "Automatic reply: Lesson 2",
      text: "I am out of the office. To unsubscribe from my list reply STOP.",
      headers: { "Auto-Submitted": "auto-replied" },
    });
    const { result } = await runTriage(t, sentReplyEvent(t, "resend", emailId));
    expect(result).toEqual({ status: "automatic", rule: "auto-submitted" });
    expect(await allOutbox(t)).toHaveLength(0);
    const [row] = await replyRows(t);
    expect(row?.class).toBe("auto-reply");
    expect(row?.handledAt).toBeInstanceOf(Date);
    expect((await t.db.select().from(subscribers))[0]?.status).toBe("active");
  });

  it("a crisis in an automatic message alerts the team but is never answered", async () => {
    t = await replyTestApp();
    const { emailId } = await receiveViaWebhook(t, {
      from: "reader@example.com",
      text: "I want to die",
      headers: { Precedence: "bulk" },
    });
    const { result } = await runTriage(t, sentReplyEvent(t, "resend", emailId));
    expect(result).toMatchObject({
      status: "crisis",
      autoReply: { sent: false, reason: "automatic-message" },
      alert: { sent: true },
    });
    expect(await outboxTo(t, "reader@example.com")).toHaveLength(0);
    expect((await outboxTo(t, TEAM))[0]?.text).toContain("automatic sender");
  });

  it("other: forwarded to the team inbox and left open in the queue", async () => {
    t = await replyTestApp();
    const reader = await seedReader(t);
    const { emailId } = await receiveViaWebhook(t, {
      from: reader.email,
      html: "<p>Could you write about <b>what a first appointment</b> is like?</p><blockquote>Lesson 2 unsubscribe</blockquote>",
    });
    const { result } = await runTriage(t, sentReplyEvent(t, "resend", emailId));
    expect(result).toMatchObject({ status: "other", rule: "no-rule-matched", forward: { sent: true } });
    const [forward] = await outboxTo(t, TEAM);
    expect(forward?.subject).toBe("Reader reply for the queue");
    expect(forward?.text).toContain("what a first appointment is like?");
    expect(await outboxTo(t, reader.email)).toHaveLength(0);
    expect((await replyRows(t))[0]?.handledAt).toBeNull();
  });

  it("a message Resend no longer has ends the run without sending", async () => {
    t = await replyTestApp();
    const { emailId } = await receiveViaWebhook(t, { from: "reader@example.com", text: "hello" });
    t.stub.receiving.delete(emailId);
    const { result } = await runTriage(t, sentReplyEvent(t, "resend", emailId));
    expect(result).toEqual({ status: "message-not-found" });
    expect(await allOutbox(t)).toHaveLength(0);
  });

  it("rejects a signed email.received without an email id with 400 and field messages", async () => {
    t = await replyTestApp();
    const { sendEvent } = await import("../delivery/helpers.ts");
    const { res } = await sendEvent(t, t.secret, { type: "email.received", data: { from: "a@b.c" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(body.error.fields)).toContain("data.email_id");
  });
});
