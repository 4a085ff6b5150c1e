// The one entry point for turning a template id and props into subject, HTML and plain text.
import { render } from "@react-email/render";
import type { EmailKind } from "../mail/types.ts";
import { withOutlookWrapper } from "./components/outlook.ts";
import { plainText } from "./plain-text.ts";
import { type EmailPropsById, emailRegistry, type TemplateId } from "./registry.ts";

export { escapeHtml } from "./escape.ts";
export type { EmailPropsById, TemplateId } from "./registry.ts";
export type { EmailContext } from "./types.ts";

export interface RenderedEmail<T extends TemplateId = TemplateId> {
  subject: string;
  html: string;
  text: string;
  kind: EmailKind;
  /** Campaigns: the email is an advertisement (pass on to OutgoingEmail.advertising). */
  advertising: boolean;
  templateId: T;
}

/**
 * Renders a registered email to subject, HTML and plain text. The text part is derived from the same HTML, so
 * it carries the same crisis lines, attribution, postal address and (for marketing) the unsubscribe URL.
 *
 * @example
 * const { subject, html, text, kind } = await renderEmail("lesson", buildLessonProps(content, lesson, {
 *   ctx, firstName: subscriber.firstName, unsubscribeUrl,
 * }));
 *
 * Campaigns can be rendered once with placeholders and personalised per recipient:
 * @example
 * const base = await renderEmail("campaign", { ...props, firstName: "%%FIRST_NAME%%", unsubscribeUrl: "%%UNSUBSCRIBE_URL%%" });
 * const html = base.html.replaceAll("%%UNSUBSCRIBE_URL%%", escapeHtml(url)); // raw `url` in base.text
 */
export async function renderEmail<T extends TemplateId>(
  templateId: T,
  props: EmailPropsById[T],
): Promise<RenderedEmail<T>> {
  const definition = emailRegistry[templateId];
  const html = withOutlookWrapper(await render(definition.render(props)));
  const text = plainText(html);
  return {
    subject: definition.subject(props),
    html,
    text,
    kind: definition.kind,
    advertising: definition.advertising,
    templateId,
  };
}

/**
 * RFC 8058 one-click unsubscribe headers (required by Gmail and Yahoo for bulk mail). `oneClickUrl` must accept
 * a POST with body `List-Unsubscribe=One-Click` and unsubscribe at once, with no login or further step.
 */
export function unsubscribeHeaders(oneClickUrl: string): {
  "List-Unsubscribe": string;
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click";
} {
  if (!/^https?:\/\//i.test(oneClickUrl)) throw new Error("List-Unsubscribe needs an http(s) URL");
  return { "List-Unsubscribe": `<${oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
