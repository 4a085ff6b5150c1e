// Set-up for the reply tests: the real app and deps over in-memory SQLite, the real Resend SDK against the local
// stub (which serves GET /emails/receiving/{id}), webhooks signed by the real svix package, and triage-reply run
// through @inngest/test with the event the webhook or /dev/inbound actually sent.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import type { RawEnv } from "../../src/config.ts";
import { consents, outbox, replies, subscribers } from "../../src/db/schema.ts";
import { createTriageReply } from "../../src/functions/triage-reply.ts";
import { hashEmail } from "../../src/lib/email-address.ts";
import { type ResendStub, startResendStub } from "../../test-support/resend-stub.ts";
import { newSecret, sendEvent } from "../delivery/helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

export type ReplyTest = TestApp & { stub: ResendStub; secret: string };

/** The app with the local outbox as transport and the Resend stub as the receiving API. */
export async function replyTestApp(options: { env?: RawEnv; now?: () => Date } = {}): Promise<ReplyTest> {
  const stub = await startResendStub();
  const secret = newSecret();
  const t = createTestApp({
    env: {
      RESEND_API_KEY: "re_test_receiving",
      RESEND_BASE_URL: stub.url,
      MAIL_TRANSPORT: "outbox",
      RESEND_WEBHOOK_SECRET: secret,
      ...options.env,
    },
    ...(options.now ? { now: options.now } : {}),
  });
  return { ...t, stub, secret };
}

let seq = 0;
export async function seedReader(
  t: TestApp,
  options: {
    email?: string;
    country?: string | null;
    status?: "active" | "pending" | "unsubscribed";
    firstName?: string;
  } = {},
) {
  const email = options.email ?? `reader${++seq}@example.com`;
  const id = `sub_reply${++seq}`;
  await t.db.insert(subscribers).values({
    id,
    email,
    emailHash: await hashEmail(email),
    firstName: options.firstName ?? "Robin",
    status: options.status ?? "active",
    source: "test",
    country: options.country ?? null,
  });
  return { id, email };
}

let emailSeq = 0;
/** Puts a message into the stub's receiving API and sends its signed email.received webhook to the app. */
export async function receiveViaWebhook(
  t: ReplyTest,
  message: { from: string; subject?: string; text?: string; html?: string; headers?: Record<string, string> },
  options: { emailId?: string; msgId?: string } = {},
) {
  const emailId = options.emailId ?? `inb_${Date.now().toString(36)}_${++emailSeq}`;
  t.stub.receiving.set(emailId, {
    from: message.from,
    subject: message.subject ?? "Re: Lesson 2: why timing can matter so much",
    text: message.text ?? null,
    html: message.html ?? null,
    headers: message.headers ?? {},
  });
  const payload = {
    type: "email.received",
    created_at: new Date().toISOString(),
    data: {
      email_id: emailId,
      created_at: new Date().toISOString(),
      from: message.from,
      to: ["replies@hopemark.test"],
      bcc: [],
      cc: [],
      received_for: [],
      message_id: `<${emailId}@mail.example.com>`,
      subject: message.subject ?? "Re: Lesson 2",
      attachments: [],
    },
  };
  const { res, msgId } = await sendEvent(t, t.secret, payload, options.msgId ? { msgId: options.msgId } : {});
  return { res, msgId, emailId };
}

/** The reply.received event the app sent to Inngest for this message. */
export function sentReplyEvent(t: TestApp, source: "resend" | "local", ref: string) {
  const event = t.inngestApi
    .named("newsletter/reply.received")
    .find((e) => e.data.messageRef === ref && e.data.source === source);
  if (!event) throw new Error(`no reply.received event for ${source}:${ref}`);
  return { name: event.name, data: event.data };
}

/** Runs triage-reply for an event with a fresh engine (the engine mutates its inputs). */
export function runTriage(t: TestApp, event: { name: string; data: Record<string, unknown> }) {
  const engine = new InngestTestEngine({ function: createTriageReply(t.deps), events: [event as never] });
  return engine.execute();
}

export async function outboxTo(t: TestApp, to: string) {
  return t.db.select().from(outbox).where(eq(outbox.to, to));
}

export async function allOutbox(t: TestApp) {
  return t.db.select().from(outbox);
}

export async function replyRows(t: TestApp) {
  return t.db.select().from(replies);
}

export async function consentsOf(t: TestApp, subscriberId: string) {
  return t.db.select().from(consents).where(eq(consents.subscriberId, subscriberId));
}

export const TEAM = "team@hopemark.test";
