// Compiler-style output, so editors and CI logs can jump to the line: file:line:column severity rule-id message
import type { Finding, LintResult } from "./types.ts";

export function formatFinding(finding: Finding): string {
  const where = `${finding.file ?? finding.field ?? "content"}:${finding.line}:${finding.column}`;
  const excerpt = finding.excerpt ? `\n    ${finding.excerpt}` : "";
  return `${where} ${finding.severity} ${finding.ruleId} ${finding.message}${excerpt}`;
}

export function formatSummary(result: LintResult, files?: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const scope = files === undefined ? "" : ` in ${plural(files, "file")}`;
  return `${plural(result.errors, "error")}, ${plural(result.warnings, "warning")}${scope}`;
}
