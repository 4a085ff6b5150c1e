// The one shape the rules run on, built either from a file on disk (front matter + Markdown, positions in the
// file) or from inline campaign content (positions within each field). The linter parses files itself rather than
// using the content loader, because it must point at lines and columns of the original text and must still report
// something useful when a file is broken.
import { type Document, isScalar, parseDocument } from "yaml";
import type { z } from "zod";
import { readFrontMatter } from "../content/front-matter.ts";
import { privacyFrontMatterSchema } from "../content/privacy.ts";
import {
  campaignFrontMatterSchema,
  contentFrontMatterSchema,
  lessonFrontMatterSchema,
} from "../content/schema.ts";
import { lineColumn, markdownProse, type Prose, plainProse } from "./markdown.ts";
import type { ContentInput, ContentKind, Field } from "./types.ts";

export interface Loc {
  field: Field;
  line: number;
  column: number;
}

export interface ProseField {
  field: "subject" | "preheader" | "body";
  /** The text as written (the allow markers are read from it). */
  raw: string;
  prose: Prose;
  locate(offset: number): Loc;
}

export interface MetaValue {
  value: string;
  at: Loc;
}

export interface LintDoc {
  fields: ProseField[];
  author?: MetaValue;
  reviewer?: MetaValue;
  reviewedOn?: MetaValue;
  /** Where to point when a front matter key is missing. */
  frontMatterAt: Loc;
  /** Not an email (the privacy notice): it names no author. */
  authorless?: boolean;
  /** The `claim` of every entry in `sources`. */
  claims: string[];
  /** Front matter that is missing, malformed YAML, or off-schema. */
  problems: { at: Loc; detail: string }[];
  /** No usable front matter at all: the metadata rules stay quiet rather than repeat that one problem. */
  unreadable?: boolean;
}

const schemas: Record<ContentKind, z.ZodType> = {
  lesson: lessonFrontMatterSchema,
  campaign: campaignFrontMatterSchema,
  content: contentFrontMatterSchema,
  // templates/privacy.md has only a version and a date; its body is linted like any other text.
  privacy: privacyFrontMatterSchema,
};

export function kindFromPath(file: string | undefined): ContentKind {
  if (file && /(^|[\\/])lessons[\\/]/.test(file)) return "lesson";
  if (file && /(^|[\\/])campaigns[\\/]/.test(file)) return "campaign";
  if (file && /(^|[\\/])privacy\.md$/.test(file)) return "privacy";
  return "content";
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function documentFromSource(text: string, kind: ContentKind): LintDoc {
  const toLineColumn = lineColumn(text);
  // A byte order mark is invisible in editors, so columns on line 1 do not count it.
  const fm = readFrontMatter(text);
  const bom = fm.bom;
  const locate = (field: Field, offset: number): Loc => {
    const { line, column } = toLineColumn(offset);
    return { field, line, column: line === 1 ? column - bom : column };
  };
  const frontMatterAt = locate("front-matter", bom);
  const doc: LintDoc = {
    fields: [],
    frontMatterAt,
    claims: [],
    problems: [],
    authorless: kind === "privacy",
  };
  const bodyField = (start: number): ProseField => {
    const raw = text.slice(start);
    return { field: "body", raw, prose: markdownProse(raw), locate: (o) => locate("body", start + o) };
  };

  if (!fm.ok) {
    doc.unreadable = true;
    if (fm.problem === "missing") {
      doc.problems.push({ at: frontMatterAt, detail: "the file must start with a --- front matter block" });
      doc.fields.push(bodyField(bom));
    } else {
      doc.problems.push({ at: frontMatterAt, detail: "the front matter block is not closed with ---" });
    }
    return doc;
  }
  const fmStart = fm.dataStart;
  const fmText = text.slice(fmStart, fm.dataEnd);
  doc.fields.push(bodyField(fm.bodyStart));

  const yaml = parseDocument(fmText);
  for (const error of yaml.errors) {
    // yaml's own "at line N, column M" counts from the front matter, not the file: drop it, the finding has both.
    const detail = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    doc.problems.push({ at: locate("front-matter", fmStart + error.pos[0]), detail });
  }
  if (yaml.errors.length > 0) {
    doc.unreadable = true;
    return doc;
  }
  const data: unknown = yaml.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    doc.problems.push({ at: frontMatterAt, detail: "the front matter must be a mapping of keys to values" });
    doc.unreadable = true;
    return doc;
  }
  const record = data as Record<string, unknown>;

  // Offset in the file of a key's value, or of the closest enclosing node that exists.
  const nodeStart = (path: readonly PropertyKey[]): number => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = yaml.getIn(path.slice(0, depth) as unknown[], true) as {
        range?: [number, number, number];
      };
      if (node?.range) return fmStart + node.range[0];
    }
    return bom;
  };

  for (const name of ["subject", "preheader"] as const) {
    const value = record[name];
    if (typeof value === "string")
      doc.fields.unshift(scalarField(yaml, fmText, fmStart, name, value, locate));
  }
  doc.fields.sort((a, b) => order(a.field) - order(b.field));

  for (const name of ["author", "reviewer", "reviewedOn"] as const) {
    const value = scalarText(record[name]);
    if (value !== undefined) doc[name] = { value, at: locate(name, nodeStart([name])) };
  }
  if (Array.isArray(record.sources)) {
    for (const source of record.sources) {
      const claim = (source as { claim?: unknown } | null)?.claim;
      if (typeof claim === "string") doc.claims.push(claim);
    }
  }

  const parsed = schemas[kind].safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A missing author has its own rule with a clearer message.
      if (issue.path[0] === "author" && !doc.author?.value) continue;
      const path = issue.path.join(".") || "(front matter)";
      doc.problems.push({
        at: locate("front-matter", nodeStart(issue.path)),
        detail: `${path}: ${issue.message}`,
      });
    }
  }
  return doc;
}

function order(field: ProseField["field"]): number {
  return field === "subject" ? 0 : field === "preheader" ? 1 : 2;
}

/**
 * A subject or preheader, positioned in the file. For a plain or simply quoted value the characters map one to
 * one; a folded or escaped value points at its start instead of guessing.
 */
function scalarField(
  yaml: Document,
  fmText: string,
  fmStart: number,
  name: "subject" | "preheader",
  value: string,
  locate: (field: Field, offset: number) => Loc,
): ProseField {
  const node = yaml.get(name, true);
  const range = isScalar(node) ? node.range : undefined;
  const start = range ? range[0] : 0;
  const written = range ? fmText.slice(range[0], range[1]) : "";
  const index = value === "" ? -1 : written.indexOf(value);
  return {
    field: name,
    raw: value,
    prose: plainProse(value),
    locate: (o) => locate(name, fmStart + start + (index === -1 ? 0 : index + o)),
  };
}

export function documentFromContent(input: ContentInput): LintDoc {
  const field = (name: ProseField["field"], raw: string, prose: Prose): ProseField => {
    const toLineColumn = lineColumn(raw);
    return { field: name, raw, prose, locate: (o) => ({ field: name, ...toLineColumn(o) }) };
  };
  const meta = (name: "author" | "reviewer" | "reviewedOn"): MetaValue | undefined => {
    const value = input[name];
    return value === undefined ? undefined : { value, at: { field: name, line: 1, column: 1 } };
  };
  const doc: LintDoc = {
    fields: [field("subject", input.subject, plainProse(input.subject))],
    frontMatterAt: { field: "author", line: 1, column: 1 },
    claims: (input.sources ?? []).map((s) => s.claim),
    problems: [],
  };
  if (input.preheader !== undefined)
    doc.fields.push(field("preheader", input.preheader, plainProse(input.preheader)));
  doc.fields.push(field("body", input.bodyMarkdown, markdownProse(input.bodyMarkdown)));
  const author = meta("author");
  const reviewer = meta("reviewer");
  const reviewedOn = meta("reviewedOn");
  if (author) doc.author = author;
  if (reviewer) doc.reviewer = reviewer;
  if (reviewedOn) {
    doc.reviewedOn = reviewedOn;
    // Files get this from the schema; inline content would otherwise skip the review-age rule silently.
    if (!contentFrontMatterSchema.shape.reviewedOn.safeParse(reviewedOn.value).success) {
      doc.problems.push({
        at: reviewedOn.at,
        detail: `reviewedOn: "${reviewedOn.value}" is not a YYYY-MM-DD date`,
      });
    }
  }
  return doc;
}
