// Deterministic triage of one reply with the rules in rules.ts. Pure: no database, no clock, no network, so the
// same message always gets the same class and the test table and bench:triage exercise exactly this code.

import { correctKeyWords } from "./fuzzy.ts";
import {
  AUTOMATIC_HEADER_RULES,
  AUTOMATIC_SENDER,
  AUTOMATIC_SUBJECT,
  CRISIS_RULES,
  GLUED_TO_I,
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

const WORD = "[\\p{L}\\p{N}]";

/** Lower case, straight quotes, no zero-width characters, one space between words. */
export function normalise(text: string): string {
  return (
    text
      .normalize("NFC")
      .replace(/[\u200b-\u200f\u2060\ufeff]/g, "")
      .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .toLowerCase()
      // An apostrophe inside a word is optional in every phrase ("don't" = "dont"); dropping it here means a
      // reader who typed one, none or a stray one ("do'nt") is read the same way.
      .replace(/(?<=\p{L})'+(?=\p{L})/gu, "")
      // A letter held down ("sooo", "pleeease") reads as the letter once; a doubled letter is left to the
      // edit-distance step, because English has real doubles ("too", "killed").
      .replace(/(\p{L})\1{2,}/gu, "$1")
      // "i" glued to the verb after it ("idont", "iwant", "imgoing") is a missed space bar on a phone.
      .replace(new RegExp(`(?<!${WORD})i(${GLUED_TO_I.join("|")})(?!${WORD})`, "gu"), "i $1")
      .replace(/\s+/g, " ")
      .trim()
  );
}

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

type Match = { rule: PhraseRule; matched: string };

function firstMatch(rules: Compiled[], text: string): Match | undefined {
  for (const compiled of rules) {
    for (const re of compiled.phrases) {
      re.lastIndex = 0;
      if (!re.global) {
        const m = re.exec(text);
        if (m) return { rule: compiled.rule, matched: m[0].trim() };
        continue;
      }
      for (const m of text.matchAll(re)) {
        const after = text.slice(m.index + m[0].length);
        if (compiled.unlessFollowedBy?.test(after)) continue;
        if (compiled.unlessPreceded?.test(wordsBefore(text, m.index, 3))) continue;
        return { rule: compiled.rule, matched: m[0] };
      }
    }
  }
  return undefined;
}

/** Why a phrase rule decided: the words it matched and any typo readings that were needed for the match. */
export interface Evidence {
  matched: string;
  /** Key-word readings applied before the match ("wnat→want"); empty when the words matched as typed. */
  corrections: string[];
}

/** The text as typed first; only when no rule matches, again with near-miss words read as key words. */
function matchTolerant(
  rules: Compiled[],
  text: string,
): { rule: PhraseRule; evidence: Evidence } | undefined {
  const exact = firstMatch(rules, text);
  if (exact) return { rule: exact.rule, evidence: { matched: exact.matched, corrections: [] } };
  const corrected = correctKeyWords(text);
  if (corrected.corrections.length === 0) return undefined;
  const fuzzy = firstMatch(rules, corrected.text);
  if (!fuzzy) return undefined;
  return { rule: fuzzy.rule, evidence: { matched: fuzzy.matched, corrections: corrected.corrections } };
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

/** The class of one reply and, when a phrase rule decided it, the words it matched. */
export function explainReply(
  message: InboundMessage,
  options: TriageOptions,
): { result: TriageResult; evidence: Evidence | null } {
  const parts = splitReply(message.text);
  const automatic = automaticRule(message, options);
  // The subject counts as the reader's own words too ("Re: Lesson 2" is harmless; "I can't go on" is not).
  const subject = normalise(message.subject.replace(/^((re|aw|fwd?|wg|rv|tr) ?: ?)+/i, ""));
  const ownText = normalise(parts.ownLines);
  const crisisMatch = matchTolerant(crisis, `${subject}\n${ownText}`);
  if (crisisMatch) {
    return {
      result: { class: "crisis", rule: crisisMatch.rule.id, automatic },
      evidence: crisisMatch.evidence,
    };
  }
  if (automatic) return { result: { class: "auto-reply", rule: automatic, automatic }, evidence: null };
  const newText = normalise(parts.newText);
  const unsubscribeMatch = matchTolerant(unsubscribe, newText) ?? matchTolerant(unsubscribe, subject);
  if (unsubscribeMatch) {
    return {
      result: { class: "unsubscribe", rule: unsubscribeMatch.rule.id, automatic },
      evidence: unsubscribeMatch.evidence,
    };
  }
  return {
    result: { class: "other", rule: newText === "" ? "empty-reply" : "no-rule-matched", automatic },
    evidence: null,
  };
}

export function classifyReply(message: InboundMessage, options: TriageOptions): TriageResult {
  return explainReply(message, options).result;
}
