// Composes the messages triage sends: the crisis auto-reply to the reader and the alert or forward to the team
// inbox. All go through the mailer, so the send gate checks each one like any other email.
import type { AppDeps } from "../deps.ts";
import { emailContext } from "../emails/context.ts";
import { renderEmail } from "../emails/render.ts";
import type { OutgoingEmail } from "../mail/types.ts";
import type { Subscriber } from "../subscribers/store.ts";
import { CRISIS_RULES } from "./rules.ts";
import type { Reply } from "./store.ts";

type EmailDeps = Pick<AppDeps, "config" | "content">;
export type ComposedEmail = Omit<OutgoingEmail, "idempotencyKey">;

/**
 * A guess at the country of someone not on the list, from their address's top-level domain, so a UK or Irish
 * reader gets Samaritans first and a Canadian 9-8-8. Anything else gets the US lines plus "your local number".
 */
export function countryFromAddress(address: string): string | null {
  const tld = address.toLowerCase().split(".").pop() ?? "";
  return ({ uk: "GB", ie: "IE", ca: "CA", us: "US" } as Record<string, string>)[tld] ?? null;
}

export async function crisisReplyEmail(
  deps: EmailDeps,
  input: { to: string; subscriber: Subscriber | undefined; inReplyTo: string | null },
): Promise<ComposedEmail> {
  const country = input.subscriber?.country ?? countryFromAddress(input.to);
  const rendered = await renderEmail("crisis-reply", {
    ctx: emailContext(deps, { locale: input.subscriber?.locale ?? "en", country }),
    firstName: input.subscriber?.firstName,
  });
  return {
    to: input.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    // RFC 3834: mark it automatic so other responders do not answer it, and ask Exchange not to either.
    headers: {
      "Auto-Submitted": "auto-replied",
      "X-Auto-Response-Suppress": "All",
      ...(input.inReplyTo ? { "In-Reply-To": input.inReplyTo, References: input.inReplyTo } : {}),
    },
    tags: [{ name: "template", value: rendered.templateId }],
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}

const ruleDescriptions = new Map<string, string>(CRISIS_RULES.map((r) => [r.id, r.description]));

export async function teamAlertEmail(
  deps: EmailDeps,
  input: {
    reply: Reply;
    senderAddress: string;
    subscriber: Subscriber | undefined;
    actions: string[];
    ruleDescription?: string;
  },
): Promise<ComposedEmail> {
  const { reply, subscriber } = input;
  const replyClass = reply.class === "auto-reply" ? "other" : reply.class;
  const rendered = await renderEmail("reply-alert", {
    ctx: emailContext(deps, { locale: "en", country: null }),
    urgent: reply.class === "crisis",
    replyClass,
    rule: reply.rule,
    ruleDescription:
      input.ruleDescription ?? ruleDescriptions.get(reply.rule) ?? "no rule decided: a person reads it",
    senderAddress: input.senderAddress,
    subscriberNote: subscriber
      ? `on the list, ${subscriber.id}, status ${subscriber.status}${subscriber.country ? `, country ${subscriber.country}` : ""}`
      : "not on the list",
    receivedAt: `${reply.receivedAt.toISOString().replace("T", " ").slice(0, 16)} UTC`,
    subject: reply.subject ?? "",
    words: reply.body ?? "",
    actions: input.actions,
    queueUrl: `${deps.config.appUrl}/api/admin/replies/${reply.id}`,
  });
  return {
    to: deps.config.replies.forwardTo,
    // Replying to the alert writes to the reader, which is what the team will want to do.
    replyTo: input.senderAddress,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: {
      "Auto-Submitted": "auto-generated",
      ...(reply.class === "crisis" ? { Importance: "high", "X-Priority": "1" } : {}),
    },
    tags: [
      { name: "template", value: rendered.templateId },
      { name: "reply_class", value: reply.class },
    ],
    templateId: rendered.templateId,
    kind: rendered.kind,
  };
}
