// The plain-text part, for reading: derived from the same HTML (so it carries the same crisis lines, byline,
// address and unsubscribe link), wrapped at 76 characters for clients that show it as-is, at most one blank line
// between blocks, and each link printed once: "988lifeline.org https://988lifeline.org" becomes the URL alone.
import { toPlainText } from "@react-email/render";

export const TEXT_WIDTH = 76;

// html-to-text upper-cases headings by default; keep the author's case so names and phrases stay searchable.
const keepHeadingCase = ["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

interface Elem {
  attribs?: Record<string, string>;
  children: unknown[];
}
interface Builder {
  pushWordTransform(fn: (word: string) => string): void;
  popWordTransform(): void;
  addInline(text: string, options?: { noWordTransform?: boolean }): void;
  addLineBreak(): void;
}
type Walk = (nodes: unknown[], builder: Builder) => void;

const bare = (url: string) => url.replace(/^https?:\/\/(www\.)?/i, "").replace(/\/$/, "");

/** A link as a reader of plain text needs it: the label, then the address unless the label already is it. */
function readerAnchor(elem: Elem, walk: Walk, builder: Builder): void {
  const href = elem.attribs?.href ?? "";
  // A phone number's label already says the number; "tel:988" adds nothing in a text client.
  if (!href || /^(tel|sms):/i.test(href)) {
    walk(elem.children, builder);
    return;
  }
  let label = "";
  builder.pushWordTransform((word) => {
    label += word;
    return word;
  });
  // Collect the label without printing it, to decide what to print.
  const collected: string[] = [];
  builder.popWordTransform();
  builder.pushWordTransform((word) => {
    collected.push(word);
    return "";
  });
  walk(elem.children, builder);
  builder.popWordTransform();
  label = collected.join(" ");
  const address = href.replace(/^mailto:/i, "");
  const same = label === "" || label === address || bare(label) === bare(address);
  // A long address (a signed link, or a campaign's %%..._URL%% placeholder that becomes one) gets a line of its
  // own: it cannot wrap, and a reader copies it whole. Decided by the link, not by its length after
  // substitution, so a campaign rendered once with placeholders is laid out like a per-recipient render.
  const long = address.length > 40 || !/^https?:\/\//i.test(address);
  if (!same) builder.addInline(label, { noWordTransform: true });
  if (long) builder.addLineBreak();
  else if (!same) builder.addInline(" ", { noWordTransform: true });
  builder.addInline(address, { noWordTransform: true });
  if (long) builder.addLineBreak();
}

/** Greedy wrap of one line at `width`. */
function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const prefix = /^(\s*(?:(?:[*-]|\d+\.)\s+)?)/.exec(line)?.[1] ?? "";
  const indent = " ".repeat(prefix.length);
  const rest = line.slice(prefix.length).split(/ +/).filter(Boolean);
  const out: string[] = [];
  let current = prefix;
  let empty = true;
  const flush = () => {
    if (!empty) out.push(current.trimEnd());
    current = indent;
    empty = true;
  };
  // A word longer than the line (a URL) ends up alone on its line.
  for (const word of rest) {
    const candidate = empty ? `${current}${word}` : `${current} ${word}`;
    if (candidate.length <= width || empty) {
      current = candidate;
      empty = false;
      continue;
    }
    flush();
    current = `${indent}${word}`;
    empty = false;
  }
  flush();
  return out;
}

/** Plain text from the rendered HTML. */
export function plainText(html: string, width = TEXT_WIDTH): string {
  const raw = toPlainText(html, {
    formatters: { readerAnchor },
    selectors: [...keepHeadingCase, { selector: "a", format: "readerAnchor" }],
  } as Parameters<typeof toPlainText>[1]);
  const lines = raw
    .split("\n")
    .map((l) => l.replace(/[ \t\u00a0]+$/, ""))
    // Inline spaces next to a line-broken link would indent the line; list items keep their indent.
    .map((l) => (/^\s*(?:[*-]|\d+\.)\s/.test(l) ? l : l.trimStart()))
    .flatMap((l) => wrapLine(l, width));
  return (
    lines
      .join("\n")
      // Punctuation that followed a link put on its own line belongs at the end of that line.
      .replace(/(https?:\/\/\S+)\n([,.;:!?])[ \t]*/g, "$1$2\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}
