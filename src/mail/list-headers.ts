// Headers mailbox providers use to group and report on mail (issue 10): List-Id (RFC 2919) marks marketing mail
// as one list, and Feedback-ID lets Gmail Postmaster Tools report complaints per campaign or lesson. Neither
// carries anything about the recipient: the values are the same for every reader of one campaign or lesson.
import type { OutgoingEmail } from "./types.ts";

/** Gmail's Feedback-ID sender field: stable, ours. */
export const FEEDBACK_SENDER = "hopemark";

function tag(message: OutgoingEmail, name: string): string | undefined {
  return message.tags.find((t) => t.name === name)?.value;
}

/** Field-safe: Feedback-ID fields are separated by ":" and must not contain one. */
const field = (value: string) => value.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 64);

/** The list identifier, from the From address's domain: "Hopemark Health newsletter <newsletter.example.org>". */
export function listId(from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? "localhost";
  return `Hopemark Health newsletter <newsletter.${domain}>`;
}

/** "<campaign or lesson>:<template>:<kind>:hopemark", e.g. "where-it-began:lesson:marketing:hopemark". */
export function feedbackId(message: OutgoingEmail): string {
  const subject = tag(message, "campaign") ?? tag(message, "lesson") ?? message.templateId;
  return [field(subject), field(message.templateId), message.kind, FEEDBACK_SENDER].join(":");
}

/** The message's own headers win; these are only added when missing. */
export function withListHeaders(message: OutgoingEmail, from: string): Record<string, string> {
  const has = (name: string) =>
    Object.keys(message.headers).some((k) => k.toLowerCase() === name.toLowerCase());
  return {
    ...(message.kind === "marketing" && !has("List-Id") ? { "List-Id": listId(from) } : {}),
    ...(has("Feedback-ID") ? {} : { "Feedback-ID": feedbackId(message) }),
    ...message.headers,
  };
}
