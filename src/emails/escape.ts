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

/**
 * Turns raw HTML in Markdown into literal text. Autolinks like <https://example.org> are kept, everything else
 * starting with "<" is entity-escaped so marked prints it instead of passing it through.
 */
export function markdownWithoutHtml(markdown: string): string {
  return markdown.replace(/<(?!https?:\/\/[^\s<>]+>)/g, "&lt;");
}
