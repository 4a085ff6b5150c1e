// Webhook signing with the real Svix library (never our own code), and small seeders for the delivery tests.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { Webhook } from "svix";
import {
  campaigns,
  type SendStatus,
  type SubscriberStatus,
  sends,
  subscribers,
} from "../../src/db/schema.ts";
import type { TestApp } from "../helpers/app.ts";
import { insertSubscriber } from "../helpers/seed.ts";

export const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

let counter = 0;
export const nextMsgId = () => `msg_${Date.now().toString(36)}_${++counter}`;

export type SignOptions = { secret: string; msgId?: string; date?: Date };

/** Headers exactly as Resend (through Svix) sends them. */
export function svixHeaders(body: string, options: SignOptions): Record<string, string> {
  const msgId = options.msgId ?? nextMsgId();
  const date = options.date ?? new Date();
  return {
    "content-type": "application/json",
    "svix-id": msgId,
    "svix-timestamp": String(Math.floor(date.getTime() / 1000)),
    "svix-signature": new Webhook(options.secret).sign(msgId, date, body),
  };
}

export async function postWebhook(t: TestApp, body: string, headers: Record<string, string>) {
  return t.app.request("/api/webhooks/resend", { method: "POST", headers, body });
}

/** Signs and posts a Resend event; returns the response and the svix-id used. */
export async function sendEvent(
  t: TestApp,
  secret: string,
  payload: unknown,
  options: Partial<SignOptions> = {},
) {
  const body = JSON.stringify(payload);
  const headers = svixHeaders(body, { secret, ...options });
  const res = await postWebhook(t, body, headers);
  return { res, msgId: headers["svix-id"] as string };
}

export function resendEvent(
  type: string,
  emailId: string,
  to: string,
  extra: Record<string, unknown> = {},
  createdAt = new Date().toISOString(),
) {
  return {
    type,
    created_at: createdAt,
    data: {
      created_at: createdAt,
      email_id: emailId,
      message_id: `<${emailId}@resend.test>`,
      from: "Hopemark Health <newsletter@hopemark.test>",
      to: [to],
      subject: "Lesson 2",
      ...extra,
    },
  };
}

export async function seedSubscriber(
  t: TestApp,
  email: string,
  options: { status?: SubscriberStatus; softBounces?: number; id?: string; createdAt?: Date } = {},
) {
  const { id } = await insertSubscriber(t.db, {
    id: options.id ?? `sub_${randomBytes(8).toString("hex")}`,
    email,
    firstName: "Robin",
    source: "hosted-form",
    ...options,
  });
  return id;
}

export async function seedSend(
  t: TestApp,
  options: {
    subscriberId: string | null;
    providerMessageId: string;
    campaignId?: string;
    status?: SendStatus;
  },
) {
  const id = `snd_${randomBytes(8).toString("hex")}`;
  await t.db.insert(sends).values({
    id,
    idempotencyKey: `${options.campaignId ?? "lesson"}:${options.subscriberId}:${id}`,
    kind: options.campaignId ? "campaign" : "lesson",
    templateId: options.campaignId ? "campaign" : "lesson",
    campaignId: options.campaignId ?? null,
    subscriberId: options.subscriberId,
    providerMessageId: options.providerMessageId,
    status: options.status ?? "sent",
    events: [{ type: "sent", at: Date.now() }],
  });
  return id;
}

export async function seedCampaign(
  t: TestApp,
  options: {
    status?: "sending" | "scheduled" | "paused" | "sent";
    delivered?: number;
    complained?: number;
  } = {},
) {
  const id = `cmp_${randomBytes(6).toString("hex")}`;
  await t.db.insert(campaigns).values({
    id,
    name: "Autumn update",
    subject: "What is new this autumn",
    bodyMarkdown: "Hello",
    authorId: "tessa-eskin",
    status: options.status ?? "sending",
    deliveredCount: options.delivered ?? 0,
    complainedCount: options.complained ?? 0,
  });
  return id;
}

export async function getSend(t: TestApp, id: string) {
  const [row] = await t.db.select().from(sends).where(eq(sends.id, id));
  return row;
}

export async function getSubscriber(t: TestApp, id: string) {
  const [row] = await t.db.select().from(subscribers).where(eq(subscribers.id, id));
  return row;
}

export async function getCampaign(t: TestApp, id: string) {
  const [row] = await t.db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}
