// Escaping helpers for values that bypass React (per-recipient substitution into pre-rendered campaign HTML)
// and for Markdown, whose raw-HTML passthrough would otherwise let content add pixels or hide the footer.

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};

/**
 * Escapes text for HTML element content and double-quoted attributes, the same five characters React escapes.
 * Use it when substituting per-recipient values (first name, unsubscribe URL) into campaign HTML rendered once
 * with placeholders. Substitute the raw, unescaped value into the plain-text part.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Markdown as the reader gets it, plus where each of its characters came from in the source. */
export interface ReaderMarkdown {
  markdown: string;
  /** `source[i]` is the offset in the original text of `markdown[i]` (one extra entry for the end). */
  source: number[];
}

/**
 * The one transformation from a lesson or campaign body to what the Markdown renderer receives, shared with the
 * content linter so both read the same text. HTML comments (editor notes, lint-allow markers) are dropped: they
 * are for the team, not the reader. Autolinks like <https://example.org> are kept; every other "<" is
 * entity-escaped, so raw HTML is shown as literal text instead of being passed through (no pixels, no hidden
 * footer).
 */
export function readerMarkdown(text: string): ReaderMarkdown {
  let markdown = "";
  const source: number[] = [];
  const pattern = /<!--[\s\S]*?-->|<(?!https?:\/\/[^\s<>]+>)/g;
  let last = 0;
  const keep = (from: number, to: number) => {
    markdown += text.slice(from, to);
    for (let i = from; i < to; i++) source.push(i);
  };
  for (const m of text.matchAll(pattern)) {
    keep(last, m.index);
    if (m[0] === "<") {
      markdown += "&lt;";
      source.push(m.index, m.index, m.index, m.index);
    }
    last = m.index + m[0].length;
  }
  keep(last, text.length);
  source.push(text.length);
  return { markdown, source };
}

/** The Markdown handed to the renderer (see readerMarkdown). */
export function markdownWithoutHtml(markdown: string): string {
  return readerMarkdown(markdown).markdown;
}
