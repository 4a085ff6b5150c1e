// What triage does with a reply, one function per Inngest step (src/functions/triage-reply.ts). Each is safe to
// run again: it checks the reply row first, sends with a key derived from the reply id (the provider and the
// outbox drop a repeated key), and records what it did with a conditional write.
import type { AppDeps } from "../deps.ts";
import { hashEmail } from "../lib/email-address.ts";
import { randomId } from "../lib/ids.ts";
import { FORMS } from "../subscribers/consent.ts";
import { findSubscriberByHash, findSubscriberById, type Subscriber } from "../subscribers/store.ts";
import { unsubscribeSubscriber } from "../subscribers/unsubscribe.ts";
import { classifyReply, splitReply } from "./classify.ts";
import { crisisReplyEmail, teamAlertEmail } from "./emails.ts";
import { UNSUBSCRIBE_RULES } from "./rules.ts";
import { ownAddresses, type ReceivedMessage, type ReplySource, readReceived } from "./source.ts";
import {
  claimAutoReply,
  findReplyById,
  findReplyByRef,
  markReply,
  type Reply,
  recordReply,
  setAutoReply,
} from "./store.ts";

type TriageDeps = Pick<AppDeps, "config" | "content" | "db" | "mailer" | "inngest" | "logger" | "now">;

const MAX_SUBJECT = 500;
const MAX_BODY = 20_000;

/** What the first step hands on: ids and the decision only, never the address or the words. */
export type TriageSummary = {
  replyId: string;
  class: Reply["class"];
  rule: string;
  automatic: string | null;
  subscriberId: string | null;
};

const summary = (r: Reply): TriageSummary => ({
  replyId: r.id,
  class: r.class,
  rule: r.rule,
  automatic: r.automatic,
  subscriberId: r.subscriberId,
});

/**
 * Reads the message from its source, classifies it and stores the reply once. A message from someone not on the
 * list is handled the same way; no subscriber is created. Returns null when the source no longer has it.
 */
export async function readAndTriage(
  deps: TriageDeps,
  input: { source: ReplySource; messageRef: string },
): Promise<TriageSummary | null> {
  const existing = await findReplyByRef(deps.db, input.source, input.messageRef);
  if (existing) return summary(existing);
  const message = await readReceived(deps, input.source, input.messageRef);
  if (!message) return null;
  const triage = classifyReply(message, { ownAddresses: ownAddresses(deps.config) });
  const senderHash = await hashEmail(message.from);
  const subscriber = await findSubscriberByHash(deps.db, senderHash);
  const now = deps.now();
  const stored = await recordReply(deps.db, {
    id: randomId("rpl"),
    source: input.source,
    messageRef: input.messageRef,
    subscriberId: subscriber?.id ?? null,
    senderHash,
    receivedAt: new Date(message.receivedAt),
    subject: message.subject.slice(0, MAX_SUBJECT),
    // Only the reader's own words: the quoted thread below them is our own email.
    body: splitReply(message.text).ownLines.trim().slice(0, MAX_BODY),
    class: triage.class,
    rule: triage.rule,
    automatic: triage.automatic,
    // Automatic mail needs nobody; a crisis from an automatic sender is alerted but never answered.
    ...(triage.class === "auto-reply" ? { handledAt: now } : {}),
    ...(triage.class === "crisis" && triage.automatic ? { autoReply: "automatic-message" as const } : {}),
  });
  deps.logger.info("reply triaged", { replyId: stored.id, class: stored.class, rule: stored.rule });
  return summary(stored);
}

export type AutoReplyDecision = "send" | "sent" | "rate-limited" | "automatic-message" | "gone";

/** Decides, once, whether this crisis reply gets the auto-reply: not for automatic mail, at most one a day. */
export async function decideAutoReply(deps: TriageDeps, replyId: string): Promise<AutoReplyDecision> {
  const reply = await findReplyById(deps.db, replyId);
  if (!reply) return "gone";
  if (reply.autoReply === "sent") return "sent";
  if (reply.autoReply === "automatic-message" || reply.autoReply === "rate-limited") return reply.autoReply;
  if (await claimAutoReply(deps.db, reply, deps.now())) return "send";
  await setAutoReply(deps.db, reply.id, "rate-limited", deps.now());
  return "rate-limited";
}

async function sender(
  deps: TriageDeps,
  reply: Reply,
): Promise<{ message: ReceivedMessage | null; subscriber: Subscriber | undefined; address: string | null }> {
  const [message, subscriber] = await Promise.all([
    readReceived(deps, reply.source, reply.messageRef),
    reply.subscriberId ? findSubscriberById(deps.db, reply.subscriberId) : Promise.resolve(undefined),
  ]);
  return { message, subscriber, address: message?.from ?? subscriber?.email ?? null };
}

export async function sendCrisisReply(deps: TriageDeps, replyId: string) {
  const reply = await findReplyById(deps.db, replyId);
  if (!reply) return { sent: false, reason: "gone" } as const;
  if (reply.autoReply === "sent") return { sent: false, reason: "already-sent" } as const;
  if (reply.autoReply !== "claimed")
    return { sent: false, reason: reply.autoReply ?? "not-claimed" } as const;
  const { message, subscriber, address } = await sender(deps, reply);
  if (!address) return { sent: false, reason: "no-address" } as const;
  const composed = await crisisReplyEmail(deps, {
    to: address,
    subscriber,
    inReplyTo: message?.messageId ?? null,
  });
  await deps.mailer.send({ ...composed, idempotencyKey: `reply:${reply.id}:crisis-reply` });
  await setAutoReply(deps.db, reply.id, "sent", deps.now());
  return { sent: true } as const;
}

const AUTO_REPLY_NOTE: Record<AutoReplyDecision, string> = {
  send: "An automatic reply with the crisis lines for their country is being sent to them now.",
  sent: "An automatic reply with the crisis lines for their country was sent to them.",
  "rate-limited":
    "No automatic reply this time: they already received one in the last 24 hours. Please write to them yourself.",
  "automatic-message": "No automatic reply: the message came from an automatic sender (RFC 3834).",
  gone: "",
};

/** The [URGENT] alert (crisis) or the forward (everything a person should read) to the team inbox, once. */
export async function notifyTeam(
  deps: TriageDeps,
  replyId: string,
  notes: { autoReply?: AutoReplyDecision; unsubscribed?: boolean } = {},
) {
  const reply = await findReplyById(deps.db, replyId);
  if (!reply) return { sent: false, reason: "gone" } as const;
  const urgent = reply.class === "crisis";
  if (urgent ? reply.alertedAt : reply.forwardedAt) return { sent: false, reason: "already-sent" } as const;
  const { subscriber, address } = await sender(deps, reply);
  const actions = [
    ...(notes.autoReply ? [AUTO_REPLY_NOTE[notes.autoReply]] : []),
    ...(notes.unsubscribed
      ? ["They were unsubscribed at once (consent withdrawn via reply); a confirmation was sent."]
      : []),
    ...(reply.class === "unsubscribe" && !notes.unsubscribed
      ? ["They asked to unsubscribe, but no active subscription matched their address."]
      : []),
  ].filter(Boolean);
  const composed = await teamAlertEmail(deps, {
    reply,
    senderAddress: address ?? "(address no longer available)",
    subscriber,
    actions,
    ...(reply.class === "unsubscribe"
      ? { ruleDescription: UNSUBSCRIBE_RULES.find((r) => r.id === reply.rule)?.description ?? "" }
      : {}),
  });
  const key = `reply:${reply.id}:${urgent ? "alert" : "forward"}`;
  await deps.mailer.send({ ...composed, idempotencyKey: key });
  await markReply(deps.db, reply.id, urgent ? "alertedAt" : "forwardedAt", deps.now());
  return { sent: true } as const;
}

/** Unsubscribes the sender at once, with a consent record saying it was withdrawn by reply. */
export async function unsubscribeByReply(
  deps: TriageDeps,
  replyId: string,
): Promise<{ unsubscribed: boolean }> {
  const reply = await findReplyById(deps.db, replyId);
  if (!reply?.subscriberId) return { unsubscribed: false };
  if (reply.unsubscribedAt) return { unsubscribed: true };
  const outcome = await unsubscribeSubscriber(deps, reply.subscriberId, {
    reason: "user",
    form: FORMS.reply,
    ip: null,
    userAgent: null,
  });
  if (outcome === "already-unsubscribed") {
    // A retry after the unsubscribe landed but before it was recorded here: it was this reply that did it.
    const subscriber = await findSubscriberById(deps.db, reply.subscriberId);
    const at = subscriber?.unsubscribedAt?.getTime() ?? 0;
    if (subscriber?.status !== "unsubscribed" || at < reply.createdAt.getTime())
      return { unsubscribed: false };
  } else if (outcome !== "unsubscribed") return { unsubscribed: false };
  await markReply(deps.db, reply.id, "unsubscribedAt", deps.now());
  return { unsubscribed: true };
}
