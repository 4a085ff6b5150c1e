// The content safety linter, without file system access (safe to import on Workers). Node callers that read
// templates/ from disk import src/lint/templates-dir.ts as well.

export { REVIEW_MAX_AGE_MONTHS } from "./checks.ts";
export { formatFinding, formatSummary } from "./format.ts";
export { lintContent, lintForSending, lintSource, type SendingContent } from "./lint.ts";
export { type Rule, type RuleId, rules } from "./rules.ts";
export type {
  AuthorRegistry,
  ContentInput,
  ContentKind,
  Field,
  Finding,
  LintOptions,
  LintResult,
  Severity,
  SourceLintOptions,
  Target,
} from "./types.ts";
