// Turns a rendered email into the message the send gate sees, as the real callers would.
import type { RenderedEmail } from "../../src/emails/render.ts";
import { unsubscribeHeaders } from "../../src/emails/render.ts";
import type { OutgoingEmail } from "../../src/mail/types.ts";

export function toMessage(rendered: RenderedEmail, unsubscribeUrl?: string): OutgoingEmail {
  return {
    to: "reader@example.com",
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: rendered.kind === "marketing" && unsubscribeUrl ? unsubscribeHeaders(unsubscribeUrl) : {},
    tags: [{ name: "template", value: rendered.templateId }],
    idempotencyKey: `test:${rendered.templateId}:${Math.random()}`,
    templateId: rendered.templateId,
    kind: rendered.kind,
    advertising: rendered.advertising,
  };
}

/** The part of the HTML between two markers (used to inspect one component's styles). */
export function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  const to = html.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`markers ${start} / ${end} not found`);
  return html.slice(from, to);
}
