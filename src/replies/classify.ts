// Deterministic triage of one reply with the rules in rules.ts. Pure: no database, no clock, no network, so the
// same message always gets the same class and the test table and bench:triage exercise exactly this code.
import {
  AUTOMATIC_HEADER_RULES,
  AUTOMATIC_SENDER,
  AUTOMATIC_SUBJECT,
  CRISIS_RULES,
  type PhraseRule,
  type ReplyClass,
  UNSUBSCRIBE_RULES,
} from "./rules.ts";

export interface InboundMessage {
  /** The sender's bare address. */
  from: string;
  subject: string;
  /** The plain-text body (derived from the HTML when the message had none). */
  text: string;
  headers: Record<string, string>;
}

export interface TriageResult {
  class: ReplyClass;
  /** The rule that decided the class; "no-rule-matched" when a person must read it. */
  rule: string;
  /** The automatic-mail rule that matched, even when crisis won: such a message is never answered. */
  automatic: string | null;
}

export interface TriageOptions {
  /** Our own addresses (From, Reply-To, the team inbox): mail from them is never answered (loop guard). */
  ownAddresses: readonly string[];
}

/** Lower case, straight quotes, no zero-width characters, one space between words. */
export function normalise(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, "")
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const WORD = "[\\p{L}\\p{N}]";

/** A phrase from rules.ts as a whole-word, whitespace-tolerant regular expression. */
function compile(phrase: string, whole = false): RegExp {
  const body = phrase.replace(/ \?/g, "\\s*").replace(/ /g, "\\s+");
  return whole
    ? new RegExp(`^(?:${body})[.!\\s]*$`, "u")
    : new RegExp(`(?<!${WORD})(?:${body})(?!${WORD})`, "gu");
}

type Compiled = { rule: PhraseRule; phrases: RegExp[]; unlessFollowedBy?: RegExp; unlessPreceded?: RegExp };

function compileRule(rule: PhraseRule): Compiled {
  return {
    rule,
    phrases: rule.phrases.map((p) => compile(p, rule.wholeText)),
    ...(rule.unlessFollowedBy
      ? { unlessFollowedBy: new RegExp(`^\\s*(?:${rule.unlessFollowedBy.join("|")})(?!${WORD})`, "u") }
      : {}),
    ...(rule.unlessPreceded
      ? { unlessPreceded: new RegExp(`(?<!${WORD})(?:${rule.unlessPreceded.join("|")})(?!${WORD})`, "u") }
      : {}),
  };
}

const crisis = CRISIS_RULES.map(compileRule);
const unsubscribe = UNSUBSCRIBE_RULES.map(compileRule);

/** The last few words before `index`, stopping at punctuation that ends a clause. */
function wordsBefore(text: string, index: number, count: number): string {
  const clause =
    text
      .slice(0, index)
      .split(/[.,;:!?\n]/)
      .pop() ?? "";
  return clause.trim().split(" ").slice(-count).join(" ");
}

function firstMatch(rules: Compiled[], text: string): PhraseRule | undefined {
  for (const compiled of rules) {
    for (const re of compiled.phrases) {
      re.lastIndex = 0;
      if (!re.global) {
        if (re.test(text)) return compiled.rule;
        continue;
      }
      for (const m of text.matchAll(re)) {
        const after = text.slice(m.index + m[0].length);
        if (compiled.unlessFollowedBy?.test(after)) continue;
        if (compiled.unlessPreceded?.test(wordsBefore(text, m.index, 3))) continue;
        return compiled.rule;
      }
    }
  }
  return undefined;
}

// Where a quoted or forwarded message starts. Mail clients write an attribution line ("On ... wrote:"), quote
// with ">", or (Outlook) put a separator or a From:/Sent: header block above an unquoted copy.
const ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:?$/i,
  /^el\b.{0,300}\bescribi(ó|o):?$/i,
  /^le\b.{0,300}\ba (é|e)crit ?:?$/i,
  /^am\b.{0,300}\bschrieb\b.{0,200}:?$/i,
];
const SEPARATOR = [
  /^-{2,} ?(original message|forwarded message|mensaje original|message d'origine) ?-{2,}$/i,
  /^_{8,}$/,
  /^begin forwarded message:?$/i,
];
const HEADER_BLOCK_START = /^(from|de|von): .+/i;
const HEADER_BLOCK_NEXT = /^(sent|date|to|subject|enviado|fecha|para|asunto|gesendet|an|betreff): /i;

export interface ReplyParts {
  /** What the reader wrote above the first quote: what unsubscribe rules read. */
  newText: string;
  /** Every line the reader wrote (also between quoted lines) above a forwarded copy: what crisis rules read. */
  ownLines: string;
}

/** Splits a plain-text reply into the reader's own words and the quoted thread below them. */
export function splitReply(text: string): ReplyParts {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const newText: string[] = [];
  const own: string[] = [];
  let quoted = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    const twoLines = `${line} ${(lines[i + 1] ?? "").trim()}`;
    if (SEPARATOR.some((re) => re.test(line))) break;
    if (
      HEADER_BLOCK_START.test(line) &&
      lines.slice(i + 1, i + 5).some((l) => HEADER_BLOCK_NEXT.test(l.trim()))
    )
      break;
    if (ATTRIBUTION.some((re) => re.test(line))) {
      quoted = true;
      continue;
    }
    if (ATTRIBUTION.some((re) => re.test(twoLines)) && /^>/.test((lines[i + 2] ?? "").trim())) {
      quoted = true;
      i++;
      continue;
    }
    if (line.startsWith(">")) {
      quoted = true;
      continue;
    }
    if (!quoted) newText.push(line);
    own.push(line);
  }
  return { newText: newText.join("\n"), ownLines: own.join("\n") };
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The automatic-mail rule a message matches (RFC 3834), or null for mail a person wrote. */
export function automaticRule(message: InboundMessage, options: TriageOptions): string | null {
  const from = message.from.trim().toLowerCase();
  if (options.ownAddresses.some((a) => a.trim().toLowerCase() === from)) return "own-message";
  for (const rule of AUTOMATIC_HEADER_RULES) {
    const value = header(message.headers, rule.header);
    if (value !== undefined && rule.test(value)) return rule.id;
  }
  if (AUTOMATIC_SENDER.test(from)) return "automatic-sender";
  if (AUTOMATIC_SUBJECT.test(message.subject.trim())) return "automatic-subject";
  return null;
}

export function classifyReply(message: InboundMessage, options: TriageOptions): TriageResult {
  const parts = splitReply(message.text);
  const automatic = automaticRule(message, options);
  // The subject counts as the reader's own words too ("Re: Lesson 2" is harmless; "I can't go on" is not).
  const subject = normalise(message.subject.replace(/^((re|aw|fwd?|wg|rv|tr) ?: ?)+/i, ""));
  const ownText = normalise(parts.ownLines);
  const crisisRule = firstMatch(crisis, `${subject}\n${ownText}`);
  if (crisisRule) return { class: "crisis", rule: crisisRule.id, automatic };
  if (automatic) return { class: "auto-reply", rule: automatic, automatic };
  const newText = normalise(parts.newText);
  const unsubscribeRule = firstMatch(unsubscribe, newText) ?? firstMatch(unsubscribe, subject);
  if (unsubscribeRule) return { class: "unsubscribe", rule: unsubscribeRule.id, automatic };
  return { class: "other", rule: newText === "" ? "empty-reply" : "no-rule-matched", automatic };
}
