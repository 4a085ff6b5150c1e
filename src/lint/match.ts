// The matcher for the phrase rules in rules.ts. It knows nothing about any particular rule.
import { type CheckContext, filters } from "./checks.ts";
import type { ProseField } from "./document.ts";
import { type Block, type Prose, type Span, sentences, wordsBetween } from "./markdown.ts";
import type { PatternRule } from "./rules.ts";
import type { Target } from "./types.ts";

export interface PatternHit {
  start: number;
  end: number;
  excerpt: string;
  detail: string;
}

const compiled = new WeakMap<readonly string[], RegExp>();

/**
 * One case-insensitive, whole-word regex for a phrase list. Whole word means no letter or digit directly before or
 * after, which (unlike \b) also works for phrases ending in "%". A space in a phrase matches any whitespace, so a
 * phrase still matches across a line wrap; longer phrases are tried first so "cure-all" wins over "cure".
 */
function compile(phrases: readonly string[]): RegExp {
  const cached = compiled.get(phrases);
  if (cached) return cached;
  const alternatives = [...phrases].sort((a, b) => b.length - a.length).map(spacesToWhitespace);
  const regex = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  compiled.set(phrases, regex);
  return regex;
}

function spacesToWhitespace(phrase: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase[i];
    if (c === "\\") {
      out += phrase.slice(i, i + 2);
      i++;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else if (c === "]") {
      inClass = false;
      out += c;
    } else if (c === " ") {
      out += inClass ? "\\s" : "\\s+";
    } else {
      out += c;
    }
  }
  return out;
}

/** Every phrase rule reads the same blocks, so each block is split into sentences once. */
const sentencesByBlock = new WeakMap<Block, readonly Span[]>();

function sentencesOf(prose: Prose, block: Block): readonly Span[] {
  let spans = sentencesByBlock.get(block);
  if (!spans) {
    spans = sentences(prose, block);
    sentencesByBlock.set(block, spans);
  }
  return spans;
}

function targetsOf(field: ProseField["field"], block: Block): Target[] {
  if (field !== "body") return [field];
  return block.heading ? ["body", "heading"] : ["body"];
}

function contains(text: string, phrases: readonly string[]): boolean {
  return text.search(compile(phrases)) !== -1;
}

function excerptOf(text: string, sentence: Span, start: number, end: number): string {
  const max = 160;
  let from = sentence.start;
  let to = sentence.end;
  if (to - from > max) {
    from = Math.max(sentence.start, start - 60);
    to = Math.min(sentence.end, Math.max(end + 60, from + max));
  }
  const clipped = text.slice(from, to).replace(/\s+/g, " ").trim();
  return `${from > sentence.start ? "…" : ""}${clipped}${to < sentence.end ? "…" : ""}`;
}

export function matchRule(rule: PatternRule, field: ProseField, ctx: CheckContext): PatternHit[] {
  const { text, blocks } = field.prose;
  const hits: PatternHit[] = [];
  for (const block of blocks) {
    if (!targetsOf(field.field, block).some((t) => rule.appliesTo.includes(t))) continue;
    const spans = sentencesOf(field.prose, block);
    const blockText = text.slice(block.start, block.end);
    for (const pattern of rule.patterns) {
      // The `near` phrases in this block, found once for all the hits of this pattern (only when a hit needs them).
      let nearHits: RegExpExecArray[] | undefined;
      for (const m of blockText.matchAll(compile(pattern.match))) {
        const start = block.start + m.index;
        const end = start + m[0].length;
        const sentence = spans.find((s) => s.start <= start && start < s.end) ?? block;
        const sentenceText = text.slice(sentence.start, sentence.end);
        if (rule.unless && contains(sentenceText, rule.unless)) continue;
        let context = "";
        if (pattern.inSentenceWith) {
          const found = compile(pattern.inSentenceWith);
          const other = [...sentenceText.matchAll(found)].find((o) => sentence.start + o.index !== start);
          if (!other) continue;
          context = ` with "${other[0].replace(/\s+/g, " ")}"`;
        }
        if (pattern.near) {
          const { match, maxWordsBetween } = pattern.near;
          nearHits ??= [...blockText.matchAll(compile(match))];
          const near = nearHits.some((n) => {
            const nStart = block.start + n.index;
            const nEnd = nStart + n[0].length;
            if (nStart < end && start < nEnd) return false;
            const gap = nEnd <= start ? wordsBetween(text, nEnd, start) : wordsBetween(text, end, nStart);
            return gap <= maxWordsBetween;
          });
          if (!near) continue;
        }
        if (pattern.unlessPreceded) {
          const { match, maxWordsBetween } = pattern.unlessPreceded;
          const preceded = [...sentenceText.matchAll(compile(match))].some((p) => {
            const pEnd = sentence.start + p.index + p[0].length;
            return pEnd <= start && wordsBetween(text, pEnd, start) <= maxWordsBetween;
          });
          if (preceded) continue;
        }
        let detail = `found "${m[0].replace(/\s+/g, " ")}"${context}`;
        if (rule.filter) {
          const verdict = filters[rule.filter](m[0], ctx);
          if (!verdict.keep) continue;
          if (verdict.detail) detail += `; ${verdict.detail}`;
        }
        hits.push({ start, end, excerpt: excerptOf(text, sentence, start, end), detail });
      }
    }
  }
  // Two patterns of one rule can find the same words ("permanent fix"); report each place once.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PatternHit[] = [];
  for (const hit of hits) if (hit.start >= (kept[kept.length - 1]?.end ?? 0)) kept.push(hit);
  return kept;
}
