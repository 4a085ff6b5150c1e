// Turns Markdown into "prose": the text the reader of the email will see, read with the same parser the renderer
// uses (marked, through React Email's Markdown component) after the same preparation (readerMarkdown: comments
// dropped, raw HTML shown as literal text). Every displayed character keeps the offset it came from, so findings
// name an exact line and column. The prose is split into blocks (paragraphs, headings, list items, table cells,
// code blocks, image alt texts) and sentences inside a block; a paragraph that wraps over several lines is one
// block, and a word split by emphasis ("cu**re**") is read whole, as the reader reads it.
import { marked, type Token, type Tokens } from "marked";
import { readerMarkdown } from "../emails/escape.ts";

export interface Block {
  start: number;
  end: number;
  heading: boolean;
}

export interface Prose {
  /** What the reader sees; blocks are separated by a blank line. */
  text: string;
  blocks: Block[];
  /** `source[i]` is the offset in the field's text of `text[i]`. */
  source: readonly number[];
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Typographic variants a writer's editor may produce, mapped one character to one character so offsets hold:
 * "FDA‑approved" with a non-breaking hyphen must match like "FDA-approved".
 */
function normalise(text: string): string {
  return text
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
}

/** Subject lines and preheaders: plain text, one block. */
export function plainProse(text: string): Prose {
  return {
    text: normalise(text),
    blocks: [{ start: 0, end: text.length, heading: false }],
    source: Array.from({ length: text.length + 1 }, (_, i) => i),
  };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  shy: "\u00ad",
  zwj: "\u200d",
  zwnj: "\u200c",
};

/** Soft hyphens and zero-width characters: invisible, so "cu\u00adre" is read as "cure". */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;

/** Attributes whose values are addresses or styling, not words: blanked like any URL. */
const NON_PROSE_ATTRIBUTES =
  /^(href|src|srcset|background|action|cite|poster|data|style|class|id|width|height)$/i;

/** Collects displayed characters with their offsets in the prepared Markdown. */
class Builder {
  text = "";
  at: number[] = [];
  blocks: Block[] = [];
  private blockStart = 0;
  private heading = false;

  constructor(readonly markdown: string) {}

  /** Where `raw` starts at or after `from`, or `from` when the parser changed it (quote markers, indents). */
  find(raw: string, from: number): number {
    const found = this.markdown.indexOf(raw, from);
    return found === -1 ? from : found;
  }

  open(heading: boolean): void {
    this.close();
    this.blockStart = this.text.length;
    this.heading = heading;
  }

  close(): void {
    if (this.text.length > this.blockStart && this.text.slice(this.blockStart).trim() !== "") {
      this.blocks.push({ start: this.blockStart, end: this.text.length, heading: this.heading });
      this.emit("\n\n", this.at[this.at.length - 1] ?? 0);
    }
    this.blockStart = this.text.length;
  }

  emit(chars: string, offset: number): void {
    for (const c of chars) {
      if (INVISIBLE.test(c)) continue;
      this.text += c;
      this.at.push(offset);
    }
  }

  /**
   * Emits `raw` (a piece of the prepared Markdown at or after `from`) as displayed: entities decoded. Each line
   * is looked up on its own, because a paragraph inside a quote or list item loses its "> " or indent.
   */
  raw(raw: string, from: number, display = raw): number {
    let cursor = from;
    const positions: number[] = [];
    for (const line of raw.split("\n")) {
      const base = this.find(line, cursor);
      for (let i = 0; i <= line.length; i++) positions.push(base + i);
      cursor = base + line.length;
    }
    const start = display === raw ? 0 : Math.max(0, raw.indexOf(display));
    for (let i = start; i < start + display.length; i++) {
      const c = raw[i] ?? "";
      const pos = positions[i] ?? cursor;
      if (c === "&") {
        const entity = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(raw.slice(i));
        const decoded = entity ? decodeEntity(entity[1] ?? "") : undefined;
        if (entity && decoded !== undefined) {
          this.emit(decoded, pos);
          i += entity[0].length - 1;
          continue;
        }
      }
      this.emit(c, pos);
    }
    return cursor;
  }
}

function decodeEntity(name: string): string | undefined {
  if (name[0] === "#") {
    const code = name[1]?.toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[name.toLowerCase()];
}

type Walkable = Token | Tokens.TableCell;

function inline(b: Builder, tokens: readonly Token[] | undefined, from: number): number {
  let cursor = from;
  for (const token of tokens ?? []) cursor = inlineToken(b, token, cursor);
  return cursor;
}

function inlineToken(b: Builder, token: Token, from: number): number {
  const start = b.find(token.raw, from);
  switch (token.type) {
    case "text":
    case "escape":
      if ("tokens" in token && token.tokens?.length) return inline(b, token.tokens, from);
      return b.raw(token.raw, from, token.type === "escape" ? token.text : token.raw);
    case "codespan":
      return b.raw(token.raw, from, token.text);
    case "br":
      b.emit("\n", start);
      return start + token.raw.length;
    case "image": {
      // Alt text is what a reader with images off (or a screen reader) gets.
      b.emit(" ", start);
      const end = b.raw(token.raw, from, token.text);
      b.emit(" ", end);
      return end;
    }
    case "link":
    case "strong":
    case "em":
    case "del": {
      const end = inline(b, token.tokens, from);
      return b.markdown.startsWith(token.raw, start) ? Math.max(end, start + token.raw.length) : end;
    }
    case "html":
      return b.raw(token.raw, from);
    default:
      return from;
  }
}

/** Emits one block-level token; returns how far into the prepared Markdown it read. */
function block(b: Builder, token: Walkable, from: number): number {
  if (!("type" in token)) return inline(b, token.tokens, from); // a table cell, inside its row's block
  switch (token.type) {
    case "heading":
    case "paragraph":
    case "text": {
      b.open(token.type === "heading");
      const end = token.tokens?.length ? inline(b, token.tokens, from) : b.raw(token.raw, from, token.text);
      b.close();
      return end;
    }
    case "code":
    case "html": {
      b.open(false);
      const end = b.raw(token.raw, from, token.text);
      b.close();
      return end;
    }
    case "blockquote":
      return blocks(b, token.tokens ?? [], from);
    case "list": {
      let cursor = from;
      for (const item of token.items as Tokens.ListItem[]) {
        // A tight item's own words are a "text" token: one block; a nested list makes its own blocks.
        cursor = blocks(b, item.tokens, b.find(item.raw.split("\n")[0] ?? "", cursor));
      }
      return cursor;
    }
    case "table": {
      // A row is read as one line ("Ketamine | FDA-approved" says the one thing), so it is one block.
      let cursor = from;
      for (const row of [token.header, ...token.rows] as Tokens.TableCell[][]) {
        b.open(false);
        for (const cell of row) {
          cursor = block(b, cell, cursor);
          b.emit("  ", cursor);
        }
        b.close();
      }
      return cursor;
    }
    default:
      return from;
  }
}

function blocks(b: Builder, tokens: readonly Token[], from: number): number {
  let cursor = from;
  for (const token of tokens) cursor = block(b, token, cursor);
  return cursor;
}

/** Blanks markup inside literal HTML the reader will see: tag and attribute names, URLs, styles. */
function blankMarkup(chars: string[]): void {
  const text = chars.join("");
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== "\n") chars[i] = " ";
  };
  for (const tag of text.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)\/?>/g)) {
    const tagStart = tag.index;
    const attrsStart = tagStart + 1 + (tag[0][1] === "/" ? 1 : 0) + (tag[1]?.length ?? 0);
    blank(tagStart, attrsStart);
    const attrs = tag[2] ?? "";
    let last = 0;
    for (const attr of attrs.matchAll(/([^\s=]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|[^\s"'>]+))?/g)) {
      const at = attrsStart + attr.index;
      const name = attr[1] ?? "";
      const value = attr[3] ?? attr[4];
      const valueStart = value === undefined ? -1 : at + attr[0].length - value.length - 1;
      if (value === undefined || NON_PROSE_ATTRIBUTES.test(name)) blank(at, at + attr[0].length);
      else {
        blank(at, valueStart);
        blank(valueStart + value.length, at + attr[0].length);
      }
      last = attr.index + attr[0].length;
    }
    blank(attrsStart + last, tagStart + tag[0].length);
  }
  const bare = chars.join("");
  for (const url of bare.matchAll(/\b(?:https?:\/\/|www\.|mailto:)[^\s<>()\]]+/gi)) {
    blank(url.index, url.index + url[0].length);
  }
}

export function markdownProse(markdown: string): Prose {
  const prepared = readerMarkdown(markdown.replace(/\r\n?/g, (m) => (m === "\r\n" ? " \n" : "\n")));
  const b = new Builder(prepared.markdown);
  let cursor = 0;
  for (const token of marked.lexer(prepared.markdown)) {
    // Top-level tokens follow each other in the text, so this bounds any misplacement to one block.
    const start = b.find(token.raw, cursor);
    block(b, token, start);
    cursor = start + token.raw.length;
  }
  b.close();
  const chars = normalise(b.text).split("");
  blankMarkup(chars);
  const source = b.at.map((i) => prepared.source[i] ?? markdown.length);
  return { text: chars.join(""), blocks: b.blocks, source: [...source, markdown.length] };
}

// A full stop after these does not end a sentence ("e.g. ketamine", "Dr. Ruiz", "U.S. Food and Drug ...").
const ABBREVIATIONS = new Set([
  "e.g",
  "i.e",
  "dr",
  "mr",
  "mrs",
  "ms",
  "prof",
  "vs",
  "etc",
  "st",
  "no",
  "fig",
  "approx",
  "u.s",
  "u.k",
  "inc",
  "ltd",
  "jr",
  "sr",
  "al",
  "cf",
  "ca",
]);

/** Sentences inside one block, as spans of the prose text. */
export function sentences(prose: Prose, block: Block): Span[] {
  const text = prose.text;
  const spans: Span[] = [];
  let start = block.start;
  const terminator = /[.!?]+["')\]]*(?=\s|$)/g;
  const slice = text.slice(block.start, block.end);
  for (const m of slice.matchAll(terminator)) {
    const end = block.start + m.index + m[0].length;
    const before = /([\p{L}.]+)$/u.exec(slice.slice(0, m.index))?.[1] ?? "";
    const next = /\S/.exec(text.slice(end, block.end));
    const isAbbreviation =
      m[0] === "." && (ABBREVIATIONS.has(before.toLowerCase()) || /^\p{Lu}$/u.test(before));
    const nextStartsLower = next !== null && /\p{Ll}/u.test(next[0]);
    if (isAbbreviation || nextStartsLower) continue;
    spans.push({ start, end });
    start = end;
  }
  if (start < block.end) spans.push({ start, end: block.end });
  return spans
    .map((s) => ({ start: s.start + (/^\s*/.exec(text.slice(s.start, s.end))?.[0].length ?? 0), end: s.end }))
    .filter((s) => text.slice(s.start, s.end).trim() !== "");
}

/** Words between two offsets; "at-home" and "don't" count as one word. */
export function wordsBetween(text: string, from: number, to: number): number {
  if (to <= from) return 0;
  return text.slice(from, to).match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** 1-based line and column of each offset in `text`. */
export function lineColumn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}
