// Turns Markdown into "prose": the same string with markup blanked out, so every offset still points at the
// same character of the original and findings can name an exact line and column. The rules then see words
// only (no URLs, HTML comments, list bullets or emphasis stars), split into blocks (paragraphs, list items,
// headings, table rows) and sentences inside a block. A paragraph that wraps over several lines is one block.

export interface Block {
  start: number;
  end: number;
  heading: boolean;
}

export interface Prose {
  /** Same length as the input; markup replaced by spaces, line breaks kept. */
  text: string;
  blocks: Block[];
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
  return { text: normalise(text), blocks: [{ start: 0, end: text.length, heading: false }] };
}

export function markdownProse(markdown: string): Prose {
  const chars = normalise(markdown).split("");
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== "\n" && chars[i] !== "\r") chars[i] = " ";
  };
  const blankAll = (pattern: RegExp) => {
    for (const m of chars.join("").matchAll(pattern)) blank(m.index, m.index + m[0].length);
  };

  // Comments first: they hold reviewer markers, and a comment on its own line ends a paragraph.
  blankAll(/<!--[\s\S]*?(-->|$)/g);

  const blocks: Block[] = [];
  let open: (Block & { list: boolean }) | undefined;
  const close = () => {
    if (open) blocks.push({ start: open.start, end: open.end, heading: open.heading });
    open = undefined;
  };
  // Classifies a line from `from` on (recursing after a blockquote marker); `base` is the line's offset.
  const classify = (content: string, from: number, base: number): void => {
    const at = (i: number) => base + i;
    const rest = content.slice(from);
    if (rest.trim() === "") {
      close();
      return;
    }

    const quote = /^ {0,3}>/.exec(rest);
    if (quote) {
      blank(at(from), at(from + quote[0].length));
      classify(content, from + quote[0].length, base);
      return;
    }
    const atx = /^( {0,3})(#{1,6})(?=\s|$)/.exec(rest);
    if (atx) {
      close();
      blank(at(from), at(from + atx[0].length));
      const closing = /\s#+\s*$/.exec(rest);
      if (closing) blank(at(from + closing.index), at(from + rest.length));
      blocks.push({ start: at(from), end: at(from + rest.length), heading: true });
      return;
    }
    if (/^ {0,3}(=+|-+)\s*$/.test(rest) && open && !open.list) {
      // Setext underline: the paragraph above is a heading.
      open.heading = true;
      blank(at(from), at(from + rest.length));
      close();
      return;
    }
    if (/^ {0,3}([-*_])( *\1){2,}\s*$/.test(rest) || /^ {0,3}\[[^\]]+\]:\s*\S/.test(rest)) {
      // Thematic break or link reference definition: no prose.
      close();
      blank(at(from), at(from + rest.length));
      return;
    }
    if (/^\s*\|/.test(rest)) {
      close();
      for (let i = 0; i < rest.length; i++) if (rest[i] === "|") blank(at(from + i), at(from + i + 1));
      blocks.push({ start: at(from), end: at(from + rest.length), heading: false });
      return;
    }
    const item = /^(\s*)([-*+]|\d{1,9}[.)])(\s+|$)/.exec(rest);
    if (item) {
      close();
      blank(at(from), at(from + item[0].length));
      open = { start: at(from), end: at(from + rest.length), heading: false, list: true };
      return;
    }
    if (open) open.end = at(from + rest.length);
    else open = { start: at(from), end: at(from + rest.length), heading: false, list: false };
  };

  const text = chars.join("");
  let fence: string | undefined;
  let lineStart = 0;
  for (;;) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      blank(lineStart, lineEnd);
      if (fenceMatch?.[1]?.startsWith(fence)) fence = undefined;
    } else if (fenceMatch?.[1]) {
      close();
      fence = fenceMatch[1];
      blank(lineStart, lineEnd);
    } else {
      classify(line, 0, lineStart);
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  close();

  // Inline markup. Link text stays (it is read); destinations, URLs and tags go.
  blankAll(/`+[^`\n]*`+/g);
  blankAll(/\]\([^)\n]*\)/g);
  blankAll(/\]\[[^\]\n]*\]/g);
  blankAll(/!?\[|\]/g);
  blankAll(/<(?:https?:|mailto:)[^>\s]*>/gi);
  blankAll(/\b(?:https?:\/\/|www\.)[^\s<>()\]]+/gi);
  blankAll(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g);
  blankAll(/&(?:[a-z]+|#\d+);/gi);
  blankAll(/[*~]+/g);
  blankAll(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu);
  blankAll(/\\(?=[!-/:-@[-`{-~])/g);

  return { text: chars.join(""), blocks };
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
