// The one reader of the `---` YAML block at the top of a lesson or campaign file, shared by the content loader
// (which renders what it finds) and the content linter (which points at lines and columns), so a file the linter
// passes is a file the loader reads the same way. Offsets are into the text exactly as given (BOM, CRLF kept).

export type FrontMatter =
  | {
      ok: true;
      /** 1 when the text starts with a byte order mark. */
      bom: number;
      /** The YAML between the fences: text.slice(dataStart, dataEnd). */
      dataStart: number;
      dataEnd: number;
      /** Where the Markdown body starts, after the closing fence's line break. */
      bodyStart: number;
    }
  | { ok: false; bom: number; problem: "missing" | "unclosed" };

/**
 * Opens with `---` on the first line; closes with the first later line that is `---` or `...` (YAML's own
 * document-end marker, which pandoc and many editors write). Trailing spaces on either fence are allowed.
 */
export function readFrontMatter(text: string): FrontMatter {
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  const opening = /^---[ \t]*\r?\n/.exec(text.slice(bom));
  if (!opening) return { ok: false, bom, problem: "missing" };
  const dataStart = bom + opening[0].length;
  const closing = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(text.slice(dataStart));
  if (!closing) return { ok: false, bom, problem: "unclosed" };
  const dataEnd = dataStart + closing.index;
  return { ok: true, bom, dataStart, dataEnd, bodyStart: dataEnd + closing[0].length };
}
