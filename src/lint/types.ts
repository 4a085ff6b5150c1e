// Shapes shared by the rules, the matcher and the callers (CLI, admin API). Findings are plain JSON so the
// admin API can return them in a 422 body and store them with the campaign as they are.

export type Severity = "error" | "warning";

/**
 * Where a rule looks. "heading" is Markdown headings in the body; body rules see headings too, because a heading
 * is read as part of the body. "front-matter" is metadata (author, reviewer, review date), not prose.
 */
export type Target = "body" | "subject" | "preheader" | "heading" | "front-matter";

/** The field a finding points into: a prose field, or a front matter key. */
export type Field = "subject" | "preheader" | "body" | "author" | "reviewer" | "reviewedOn" | "front-matter";

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The guidance the rule comes from, so a marketer can read why. */
  source: string;
  /** Set when linting a file: positions are then 1-based lines and columns in that file. */
  file?: string;
  /** Set for inline content: positions are then within this field's text. */
  field?: Field;
  line: number;
  column: number;
  /** The text around the match (whitespace collapsed), or the offending value. */
  excerpt: string;
}

export interface LintResult {
  findings: Finding[];
  errors: number;
  warnings: number;
}

/** The parsed authors registry (templates/authors.yaml); only ids matter to the linter. */
export interface AuthorRegistry {
  authors: readonly { id: string }[];
}

export interface LintOptions {
  /** Known author ids. A Set is handy for tests and for callers that already hold the ids. */
  authors: AuthorRegistry | ReadonlySet<string>;
  /** Injected for tests; the review-age rule compares against it. Defaults to now. */
  today?: Date;
}

export interface SourceLintOptions extends LintOptions {
  /** Shown in findings; also picks the front matter schema ("lessons/" or "campaigns/" in the path). */
  file?: string;
  /** Overrides the schema picked from the path. */
  kind?: ContentKind;
}

export type ContentKind = "lesson" | "campaign" | "content" | "privacy";

/** Inline campaign content as the admin API receives it. */
export interface ContentInput {
  subject: string;
  preheader?: string;
  bodyMarkdown: string;
  author?: string;
  reviewer?: string;
  reviewedOn?: string;
  sources?: readonly { claim: string; citation: string }[];
}
