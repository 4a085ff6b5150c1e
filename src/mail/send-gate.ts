// The last line of defence (safety rules 1-4, 5, 11, 12): every message is checked here before any transport
// sees it. Checks run on what a reader can actually see: hidden preheader text and markup are removed first,
// and whitespace is collapsed because plain-text conversion and templates may wrap lines anywhere.
import { NonRetriableError } from "inngest";
import type { OutgoingEmail } from "./types.ts";

export type CheckResult = { ok: true } | { ok: false; missing: string[] };

export interface SendGateOptions {
  /** config.mail.postalAddress: must appear in every message (CAN-SPAM). */
  postalAddress: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1]?.toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Normalises for phrase matching: no zero-width characters, one space between words, lower case. */
function normaliseText(value: string): string {
  return value
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * The text a reader sees in the HTML part: no <head>, <style>, comments or hidden preheader, tags removed,
 * entities decoded. The preheader is excluded so inbox-preview text cannot stand in for a visible footer.
 */
function visibleHtmlText(html: string): string {
  const stripped = html
    .replace(/<head\b[\s\S]*?<\/head>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<div\b[^>]*\bdata-preheader="true"[^>]*>[^<]*<\/div>/gi, " ")
    // Any other flat element hidden with display:none (a preheader from another component, say).
    .replace(/<(\w+)\b[^>]*\bstyle="[^"]*display:\s*none[^"]*"[^>]*>[^<]*<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ");
  return normaliseText(decodeEntities(stripped));
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

/** The href of a link whose visible text mentions unsubscribing, if any. */
function unsubscribeHref(html: string): string | undefined {
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const label = normaliseText(decodeEntities((match[2] ?? "").replace(/<[^>]+>/g, " ")));
    const href = /\bhref="([^"]*)"/i.exec(match[1] ?? "")?.[1];
    if (href && label.includes("unsubscribe")) return decodeEntities(href);
  }
  return undefined;
}

/** Pure check: lists every missing part in both the HTML and the text part. */
export function checkMessage(message: OutgoingEmail, options: SendGateOptions): CheckResult {
  const missing: string[] = [];
  const parts = { html: visibleHtmlText(message.html), text: normaliseText(message.text) };
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
    const href = unsubscribeHref(message.html);
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

/** Throws a NonRetriableError naming the template and every missing part; retrying cannot fix a template. */
export function assertSendable(message: OutgoingEmail, options: SendGateOptions): void {
  const result = checkMessage(message, options);
  if (!result.ok) {
    throw new NonRetriableError(
      `Send gate refused template "${message.templateId}" (${message.kind}): missing ${result.missing.join("; ")}`,
    );
  }
}
