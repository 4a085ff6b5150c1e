// Reading one content file: YAML, or Markdown with a --- YAML front matter --- block, checked against its zod
// schema. Every problem is collected (file, field, message) rather than thrown, so one run names them all. Shared
// by the loader (authors, lessons, campaign templates) and the privacy notice.
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { readFrontMatter } from "./front-matter.ts";
import type { RawContentFile } from "./schema.ts";

export type ContentProblem = { file: string; field: string; message: string };

function fieldOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    return acc === "" ? String(key) : `${acc}.${String(key)}`;
  }, "");
}

export function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({ file, field: fieldOf(issue.path), message: issue.message }));
}

/** Splits `---\n yaml \n---\n markdown` (see readFrontMatter). Returns null when the file has no front matter block. */
export function splitFrontMatter(text: string): { data: string; body: string } | null {
  const fm = readFrontMatter(text);
  if (!fm.ok) return null;
  const crlf = (s: string) => s.replace(/\r\n/g, "\n");
  return { data: crlf(text.slice(fm.dataStart, fm.dataEnd)), body: crlf(text.slice(fm.bodyStart)).trim() };
}

type Parsed<T> = { ok: true; value: T } | { ok: false };

/** YAML text, or a problem at `where` when it does not parse. */
export function readYaml(
  text: string,
  where: { file: string; field: string },
  problems: ContentProblem[],
): Parsed<unknown> {
  try {
    return { ok: true, value: parseYaml(text) };
  } catch (error) {
    problems.push({ ...where, message: `invalid YAML: ${(error as Error).message}` });
    return { ok: false };
  }
}

/** A Markdown file with front matter: the schema's data and the (non-empty) body, or problems. */
export function parseMarkdownFile<S extends z.ZodType>(
  file: RawContentFile,
  schema: S,
  problems: ContentProblem[],
): Parsed<{ data: z.infer<S>; body: string }> {
  const split = splitFrontMatter(file.text);
  if (!split) {
    problems.push({
      file: file.path,
      field: "(front matter)",
      message: "must start with a --- YAML block ---",
    });
    return { ok: false };
  }
  const yaml = readYaml(split.data, { file: file.path, field: "(front matter)" }, problems);
  if (!yaml.ok) return yaml;
  const result = schema.safeParse(yaml.value ?? {});
  if (!result.success) {
    problems.push(...zodProblems(file.path, result.error));
    return { ok: false };
  }
  if (split.body === "") {
    problems.push({ file: file.path, field: "(body)", message: "the Markdown body is empty" });
    return { ok: false };
  }
  return { ok: true, value: { data: result.data, body: split.body } };
}
