// Node-only entry points: read templates/ and the authors registry from disk. Kept apart from lint.ts so the
// admin API on Workers can import the linter without pulling in node:fs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseDocument } from "yaml";
import { authorsFileSchema } from "../content/schema.ts";
import { lintSourceWith, summarise } from "./lint.ts";
import { lineColumn } from "./markdown.ts";
import { rules } from "./rules.ts";
import type { Finding, LintResult } from "./types.ts";

export interface FilesLintResult extends LintResult {
  /** The files linted, relative to the working directory. */
  files: string[];
}

export interface DirLintOptions {
  /** Defaults to `<root>/authors.yaml`. */
  authorsPath?: string;
  today?: Date;
}

const displayPath = (path: string) => relative(process.cwd(), path).split(sep).join("/");

/** Reads and validates the authors registry. `ids` is undefined when it cannot be trusted. */
export function loadAuthorRegistry(path: string): {
  ids: ReadonlySet<string> | undefined;
  findings: Finding[];
} {
  const rule = rules.find((r) => r.id === "authors-registry-invalid");
  const file = displayPath(path);
  const finding = (detail: string, line = 1, column = 1): Finding => ({
    ruleId: "authors-registry-invalid",
    severity: "error",
    message: `${rule?.message ?? ""} (${detail})`,
    source: rule?.source ?? "",
    file,
    line,
    column,
    excerpt: "",
  });

  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { ids: undefined, findings: [finding("cannot read the file")] };
  }
  const at = lineColumn(text);
  const yaml = parseDocument(text);
  if (yaml.errors.length > 0) {
    const findings = yaml.errors.map((e) => {
      const { line, column } = at(e.pos[0]);
      return finding(
        (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, ""),
        line,
        column,
      );
    });
    return { ids: undefined, findings };
  }
  const parsed = authorsFileSchema.safeParse(yaml.toJS());
  if (!parsed.success) {
    const findings = parsed.error.issues.map((issue) => {
      const node = yaml.getIn(issue.path as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      const { line, column } = at(node?.range?.[0] ?? 0);
      return finding(`${issue.path.join(".") || "(file)"}: ${issue.message}`, line, column);
    });
    return { ids: undefined, findings };
  }
  const ids = new Set<string>();
  const findings: Finding[] = [];
  parsed.data.authors.forEach((author, i) => {
    if (ids.has(author.id)) {
      const node = yaml.getIn(["authors", i, "id"], true) as { range?: [number, number, number] } | undefined;
      const { line, column } = at(node?.range?.[0] ?? 0);
      findings.push(finding(`duplicate author id "${author.id}"`, line, column));
    }
    ids.add(author.id);
  });
  return { ids, findings };
}

/** Lints the given Markdown files (directories are searched for .md files). */
export function lintFiles(paths: readonly string[], options: DirLintOptions = {}): FilesLintResult {
  const registry = loadAuthorRegistry(options.authorsPath ?? "templates/authors.yaml");
  const files = paths.flatMap((p) => (statSync(p).isDirectory() ? markdownFilesUnder(p) : [p]));
  const findings = [...registry.findings];
  for (const path of files) {
    const file = displayPath(path);
    const text = readFileSync(path, "utf8");
    const opts = options.today ? { file, today: options.today } : { file };
    findings.push(...lintSourceWith(text, opts, registry.ids).findings);
  }
  return { ...summarise(findings), files: files.map(displayPath) };
}

/** Lints every .md file under `root` against `<root>/authors.yaml`. */
export function lintTemplatesDir(root = "templates", options: DirLintOptions = {}): FilesLintResult {
  return lintFiles([root], { ...options, authorsPath: options.authorsPath ?? join(root, "authors.yaml") });
}

function markdownFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => resolve(dir, name))
    .sort();
}
