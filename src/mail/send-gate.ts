// The last line of defence (safety rules 1-4, 5, 11, 12): every message is checked here before any transport
// sees it. Checks run on what a reader can actually see (visible-html.ts walks the DOM and drops every subtree a
// mail client hides, the preheader included), and whitespace is collapsed because plain-text conversion and
// templates may wrap lines anywhere.
import { MailError } from "./errors.ts";
import type { OutgoingEmail } from "./types.ts";
import { type VisibleLink, visibleHtml } from "./visible-html.ts";

export type CheckResult = { ok: true } | { ok: false; missing: string[] };

export interface SendGateOptions {
  /** config.mail.postalAddress: must appear in every message (CAN-SPAM). */
  postalAddress: string;
}

/** Normalises for phrase matching: no zero-width characters, one space between words, lower case. */
function normaliseText(value: string): string {
  return value
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Crisis lines, any one of which satisfies the footer check (US and unknown, Canada, UK and Ireland). */
// Each needs the line's website too: the one-line banner at the top alone does not count as the footer.
const CRISIS_LINES: { name: string; test: (t: string) => boolean }[] = [
  { name: "988", test: (t) => /\bcall or text 988\b/.test(t) && t.includes("988lifeline.org") },
  { name: "9-8-8", test: (t) => /\bcall or text 9-8-8\b/.test(t) && t.includes("988.ca") },
  { name: "samaritans", test: (t) => t.includes("116 123") && t.includes("samaritans.org") },
];

// "Written by Jane Doe, Role." (content) or "Sent by Jane Doe, Role." (transactional), see Attribution.
const ATTRIBUTION = /\b(?:written|sent) by [\p{L}][\p{L}.' -]{1,80}, [^.]{2,}\./u;

const ADVERTISEMENT = /\bthis email is an advertisement\b/;

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The href of a visible link whose visible text mentions unsubscribing, if any. */
function unsubscribeHref(links: readonly VisibleLink[]): string | undefined {
  return links.find((l) => l.href && normaliseText(l.label).includes("unsubscribe"))?.href;
}

/** Pure check: lists every missing part in both the HTML and the text part. */
export function checkMessage(message: OutgoingEmail, options: SendGateOptions): CheckResult {
  const missing: string[] = [];
  const html = visibleHtml(message.html);
  const parts = { html: normaliseText(html.text), text: normaliseText(message.text) };
  const address = normaliseText(options.postalAddress);

  for (const [part, text] of Object.entries(parts)) {
    if (!CRISIS_LINES.some((line) => line.test(text))) {
      missing.push(`crisis footer in ${part} (988 "call or text", 9-8-8 or Samaritans 116 123)`);
    }
    if (!ATTRIBUTION.test(text))
      missing.push(`attribution in ${part} ("Written by" or "Sent by" name, role)`);
    if (!text.includes(address)) missing.push(`postal address in ${part}`);
    if (message.advertising && !ADVERTISEMENT.test(text)) missing.push(`advertising notice in ${part}`);
  }

  if (message.kind === "marketing") {
    const href = unsubscribeHref(html.links);
    if (!href || !/^https?:\/\//i.test(href)) missing.push("unsubscribe link in html");
    else if (!message.text.includes(href)) missing.push("unsubscribe link in text");
    const listUnsubscribe = header(message.headers, "List-Unsubscribe") ?? "";
    const entries = listUnsubscribe.split(",").map((e) => e.trim());
    if (!entries.some((e) => /^<https?:\/\/[^\s<>]+>$/i.test(e))) {
      missing.push("List-Unsubscribe header with an <https://...> URL");
    }
    if (header(message.headers, "List-Unsubscribe-Post")?.trim() !== "List-Unsubscribe=One-Click") {
      missing.push("List-Unsubscribe-Post: List-Unsubscribe=One-Click header");
    }
  }
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

/** Throws a "rejected" MailError naming the template and every missing part; retrying cannot fix a template. */
export function assertSendable(message: OutgoingEmail, options: SendGateOptions): void {
  const result = checkMessage(message, options);
  if (!result.ok) {
    throw new MailError(
      `Send gate refused template "${message.templateId}" (${message.kind}): missing ${result.missing.join("; ")}`,
      "rejected",
    );
  }
}
