// The engine: runs every rule in rules.ts over a document, applies reviewer allow markers, and returns findings.
// No file system access here, so the admin API can use it on Cloudflare Workers as well as on Node.
import { type CheckContext, checks } from "./checks.ts";
import { documentFromContent, documentFromSource, kindFromPath, type LintDoc, type Loc } from "./document.ts";
import { parseMarkers } from "./markers.ts";
import { matchRule } from "./match.ts";
import { isPatternRule, type Rule, rules } from "./rules.ts";
import type {
  AuthorRegistry,
  ContentInput,
  Field,
  Finding,
  LintOptions,
  LintResult,
  SourceLintOptions,
} from "./types.ts";

const allRules: readonly Rule[] = rules;
const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.id));
/** Markers may silence phrase rules that read the body; never front matter or inbox rules. */
const allowable: ReadonlySet<string> = new Set(
  allRules
    .filter((r) => isPatternRule(r) && r.appliesTo.some((t) => t === "body" || t === "heading"))
    .map((r) => r.id),
);

export function authorIds(authors: AuthorRegistry | ReadonlySet<string>): ReadonlySet<string> {
  return "authors" in authors ? new Set(authors.authors.map((a) => a.id)) : authors;
}

/** Lints a Markdown file with YAML front matter; positions are lines and columns in `text`. */
export function lintSource(text: string, options: SourceLintOptions): LintResult {
  return lintSourceWith(text, options, authorIds(options.authors));
}

/** For the CLI: `known` is undefined when authors.yaml itself is broken (that is reported on its own). */
export function lintSourceWith(
  text: string,
  options: Omit<SourceLintOptions, "authors">,
  known: ReadonlySet<string> | undefined,
): LintResult {
  const doc = documentFromSource(text, options.kind ?? kindFromPath(options.file));
  return run(doc, known, options.today ?? new Date(), options.file);
}

/** Lints inline campaign content (admin API); positions are lines and columns within each `field`. */
export function lintContent(input: ContentInput, options: LintOptions): LintResult {
  const result = run(
    documentFromContent(input),
    authorIds(options.authors),
    options.today ?? new Date(),
    undefined,
  );
  const fieldOrder: Field[] = ["subject", "preheader", "author", "reviewer", "reviewedOn", "body"];
  result.findings.sort(
    (a, b) =>
      fieldOrder.indexOf(a.field ?? "body") - fieldOrder.indexOf(b.field ?? "body") ||
      a.line - b.line ||
      a.column - b.column,
  );
  return result;
}

/** A lesson or a campaign as the send path holds it; an unset reviewer or review date may be "" or absent. */
export interface SendingContent {
  subject: string;
  preheader: string;
  bodyMarkdown: string;
  author: string;
  reviewer?: string | undefined;
  reviewedOn?: string | undefined;
  sources: readonly { claim: string; citation: string }[];
}

/** Lints content about to be sent (or shown as it would be): an empty reviewer field counts as none. */
export function lintForSending(content: SendingContent, options: LintOptions): LintResult {
  return lintContent(
    {
      subject: content.subject,
      preheader: content.preheader,
      bodyMarkdown: content.bodyMarkdown,
      author: content.author,
      ...(content.reviewer ? { reviewer: content.reviewer } : {}),
      ...(content.reviewedOn ? { reviewedOn: content.reviewedOn } : {}),
      sources: content.sources,
    },
    options,
  );
}

interface RawFinding {
  rule: Rule;
  at: Loc;
  excerpt: string;
  detail?: string | undefined;
}

function run(
  doc: LintDoc,
  known: ReadonlySet<string> | undefined,
  today: Date,
  file: string | undefined,
): LintResult {
  const body = doc.fields.find((f) => f.field === "body");
  const markers = body ? parseMarkers(body.raw, ruleIds, allowable) : [];
  const ctx: CheckContext = { doc, known, today, markers, body };

  // Phrase rules first, then reviewer markers silence what they cover (and record that they were used), then the
  // checks: allow-marker-unused must see which markers were used. Markers only silence phrase rules (`allowable`),
  // and the findings are sorted below, so running the checks last changes nothing else.
  const raw: RawFinding[] = [];
  for (const rule of allRules) {
    if (!isPatternRule(rule)) continue;
    for (const field of doc.fields) {
      for (const hit of matchRule(rule, field, ctx)) {
        const at = field.locate(field.prose.source[hit.start] ?? 0);
        raw.push({ rule, at, excerpt: hit.excerpt, detail: hit.detail });
      }
    }
  }

  const kept = raw.filter((f) => {
    if (f.at.field !== "body" || !allowable.has(f.rule.id) || !body) return true;
    const marker = markers.find((m) => {
      if (!m.ruleIds.includes(f.rule.id)) return false;
      const first = body.locate(m.start).line;
      const last = body.locate(Math.max(m.start, m.end - 1)).line;
      return f.at.line >= first && f.at.line <= last + 1;
    });
    if (marker) marker.used = true;
    return !marker;
  });
  for (const rule of allRules) {
    if (!isPatternRule(rule)) for (const hit of checks[rule.check](ctx)) kept.push({ rule, ...hit });
  }

  const findings: Finding[] = kept
    .map(({ rule, at, excerpt, detail }) => ({
      ruleId: rule.id,
      severity: rule.severity,
      message: detail ? `${rule.message} (${detail})` : rule.message,
      source: rule.source,
      ...(file === undefined ? {} : { file }),
      field: at.field,
      line: at.line,
      column: at.column,
      excerpt,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return summarise(findings);
}

export function summarise(findings: Finding[]): LintResult {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { findings, errors, warnings: findings.length - errors };
}
