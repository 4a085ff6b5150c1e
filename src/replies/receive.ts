import { atomic } from "../db/client.ts";
import { devInbox, webhookEvents } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { buildEvent } from "../inngest/build-event.ts";
import { replyReceived } from "../inngest/events.ts";
import { randomId } from "../lib/ids.ts";
import { dispatchEvents, queueEventStatement } from "../lib/pending-events.ts";
import { webhookProcessed } from "../lib/webhook-events.ts";
import type { ReplySource } from "./source.ts";

type ReceiveDeps = Pick<AppDeps, "db" | "inngest" | "logger" | "now">;

/** One event per received message: the id is the message's, so a second svix delivery of it is dropped. */
export function replyReceivedEvent(source: ReplySource, messageRef: string, receivedAt: number) {
  return buildEvent(
    replyReceived,
    { source, messageRef, receivedAt },
    { id: `reply:${source}:${messageRef}` },
  );
}

/** A verified email.received webhook. Returns duplicate: true for a svix-id seen before. */
export async function recordReceivedWebhook(
  deps: ReceiveDeps,
  input: { webhookId: string; emailId: string; createdAt: string | undefined },
): Promise<{ duplicate: boolean }> {
  if (await webhookProcessed(deps.db, input.webhookId)) return { duplicate: true };
  const receivedAt = (input.createdAt ? Date.parse(input.createdAt) : Number.NaN) || deps.now().getTime();
  const event = replyReceivedEvent("resend", input.emailId, receivedAt);
  try {
    await atomic(deps.db, [
      deps.db.insert(webhookEvents).values({ id: input.webhookId, type: "email.received" }),
      // A repeated event id (the same email under a new svix-id) is ignored here and by Inngest.
      queueEventStatement(deps.db, event),
    ]);
  } catch (error) {
    if (await webhookProcessed(deps.db, input.webhookId)) return { duplicate: true };
    throw error;
  }
  await dispatchEvents(deps, [event]);
  return { duplicate: false };
}

/** A reply pasted at /dev/inbound: stored like Resend would store it, then the same event. */
export async function recordLocalInbound(
  deps: ReceiveDeps,
  message: { from: string; to: string; subject: string; text: string; headers: Record<string, string> },
): Promise<{ id: string; eventId: string }> {
  const id = randomId("dev");
  const now = deps.now();
  const event = replyReceivedEvent("local", id, now.getTime());
  await atomic(deps.db, [
    deps.db.insert(devInbox).values({ id, ...message, createdAt: now }),
    queueEventStatement(deps.db, event),
  ]);
  await dispatchEvents(deps, [event]);
  return { id, eventId: event.id };
}
