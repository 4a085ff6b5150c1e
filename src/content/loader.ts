// Pure content loader: takes raw files (read from disk on Node, from the generated bundle on Workers) and returns
// validated, cross-checked content. No I/O here, so both runtimes share exactly the same validation.
import { type ContentProblem, parseMarkdownFile, readYaml, zodProblems } from "./markdown-file.ts";
import { type PrivacyNotice, privacyNoticeFrom } from "./privacy.ts";
import {
  type Author,
  authorsFileSchema,
  type CampaignFrontMatter,
  campaignFrontMatterSchema,
  type LessonFrontMatter,
  lessonFrontMatterSchema,
  type RawContentFile,
} from "./schema.ts";
import { type Topics, topicsFrom } from "./topics.ts";

export type { ContentProblem } from "./markdown-file.ts";
export { splitFrontMatter } from "./markdown-file.ts";
export type { Author, RawContentFile, Source } from "./schema.ts";

/** One drip lesson: validated front matter, the Markdown body and the delay after the previous email in ms. */
export type Lesson = LessonFrontMatter & {
  /** Markdown, rendered by the lesson email. */
  body: string;
  /** `delay` in milliseconds (before any DRIP_TIME_SCALE). */
  delayMs: number;
  /** Repo-relative path of the file it came from, for error messages and previews. */
  path: string;
};

/** A reusable campaign body under templates/campaigns/. */
export type CampaignTemplate = CampaignFrontMatter & { body: string; path: string };

export interface Content {
  authors: Author[];
  /** The single author with `sender: true`: transactional emails are sent in their name. */
  sender: Author;
  /** Sorted by `order`. */
  lessons: Lesson[];
  campaignTemplates: CampaignTemplate[];
  /** templates/privacy.md: its version is recorded with every consent. */
  privacy: PrivacyNotice;
  /** templates/topics.yaml: what readers choose on the preferences page. */
  topics: Topics;
}

export const AUTHORS_PATH = "templates/authors.yaml";
const LESSONS_DIR = "templates/lessons/";
const CAMPAIGNS_DIR = "templates/campaigns/";

/** Thrown when any content file is invalid; lists every problem as `file: field: message`. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`Invalid content:\n${problems.map((p) => `  - ${p.file}: ${p.field}: ${p.message}`).join("\n")}`);
    this.name = "ContentError";
  }
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses "30m", "12h" or "2d" into milliseconds. Throws on anything else (no bare numbers: units are explicit). */
export function parseDuration(value: string): number {
  const match = /^(\d+)(m|h|d)$/.exec(value.trim());
  const unit = match?.[2] as keyof typeof UNIT_MS | undefined;
  if (!match || !unit) throw new Error(`invalid duration "${value}": use a number and m, h or d, e.g. "2d"`);
  return Number(match[1]) * UNIT_MS[unit];
}

const PERCENT = /\d+(?:\.\d+)?\s?%/g;

/**
 * Cross-checks shared by lessons and campaign templates: people exist, reviews are dated, and every
 * percentage in the body is backed by a source whose claim quotes it (FTC substantiation, safety rule 7).
 */
function checkContentRefs(
  path: string,
  data: Pick<LessonFrontMatter, "author" | "reviewer" | "reviewedOn" | "adaptedFrom" | "sources">,
  body: string,
  authorIds: ReadonlySet<string>,
  problems: ContentProblem[],
): void {
  const unknown = (field: string, id: string) =>
    problems.push({ file: path, field, message: `unknown author id "${id}" (not in ${AUTHORS_PATH})` });
  if (!authorIds.has(data.author)) unknown("author", data.author);
  if (data.reviewer !== undefined && !authorIds.has(data.reviewer)) unknown("reviewer", data.reviewer);
  if (data.adaptedFrom !== undefined && !authorIds.has(data.adaptedFrom))
    unknown("adaptedFrom", data.adaptedFrom);
  if (data.reviewer !== undefined && data.reviewedOn === undefined) {
    problems.push({ file: path, field: "reviewedOn", message: "required when reviewer is set" });
  }
  const lowerBody = body.toLowerCase();
  data.sources.forEach((source, i) => {
    if (!lowerBody.includes(source.claim.toLowerCase())) {
      problems.push({
        file: path,
        field: `sources[${i}].claim`,
        message: `"${source.claim}" does not appear in the body; quote the figure exactly as written`,
      });
    }
  });
  for (const figure of new Set(body.match(PERCENT) ?? [])) {
    if (!data.sources.some((s) => s.claim.includes(figure))) {
      problems.push({ file: path, field: "sources", message: `the figure "${figure}" needs a source entry` });
    }
  }
}

/**
 * Validates and assembles all content from raw files (paths relative to the repo root, e.g.
 * "templates/lessons/01-what-it-is.md"). Throws {@link ContentError} naming every bad file and field.
 * Lessons come back sorted by `order`; duplicate ids or orders and unknown author ids are rejected.
 */
export function loadContent(files: readonly RawContentFile[]): Content {
  const problems: ContentProblem[] = [];
  const byPath = [...files].sort((a, b) => a.path.localeCompare(b.path));

  const authorsFile = byPath.find((f) => f.path === AUTHORS_PATH);
  let authors: Author[] = [];
  if (!authorsFile) {
    problems.push({ file: AUTHORS_PATH, field: "(file)", message: "missing" });
  } else {
    const yaml = readYaml(authorsFile.text, { file: AUTHORS_PATH, field: "(file)" }, problems);
    if (yaml.ok) {
      const parsed = authorsFileSchema.safeParse(yaml.value ?? {});
      if (parsed.success) authors = parsed.data.authors;
      // An empty file is left to the checks below (no sender), as before.
      else if (yaml.value !== undefined) problems.push(...zodProblems(AUTHORS_PATH, parsed.error));
    }
    const seen = new Set<string>();
    authors.forEach((a, i) => {
      if (seen.has(a.id))
        problems.push({ file: AUTHORS_PATH, field: `authors[${i}].id`, message: `duplicate id "${a.id}"` });
      seen.add(a.id);
    });
  }
  const authorIds = new Set(authors.map((a) => a.id));

  const lessons: Lesson[] = [];
  const campaignTemplates: CampaignTemplate[] = [];
  for (const file of byPath) {
    if (!file.path.endsWith(".md")) continue;
    if (file.path.startsWith(LESSONS_DIR)) {
      const parsed = parseMarkdownFile(file, lessonFrontMatterSchema, problems);
      if (!parsed.ok) continue;
      const { data, body } = parsed.value;
      checkContentRefs(file.path, data, body, authorIds, problems);
      lessons.push({ ...data, body, delayMs: parseDuration(data.delay), path: file.path });
    } else if (file.path.startsWith(CAMPAIGNS_DIR)) {
      const parsed = parseMarkdownFile(file, campaignFrontMatterSchema, problems);
      if (!parsed.ok) continue;
      const { data, body } = parsed.value;
      checkContentRefs(file.path, data, body, authorIds, problems);
      campaignTemplates.push({ ...data, body, path: file.path });
    }
  }

  const firstWith = new Map<string, string>();
  const claim = (key: string, path: string, field: string, label: string) => {
    const other = firstWith.get(key);
    if (other) problems.push({ file: path, field, message: `duplicate ${label} (also in ${other})` });
    else firstWith.set(key, path);
  };
  for (const l of lessons) {
    claim(`lesson-id:${l.id}`, l.path, "id", `lesson id "${l.id}"`);
    claim(`lesson-order:${l.order}`, l.path, "order", `lesson order ${l.order}`);
  }
  for (const c of campaignTemplates)
    claim(`campaign-id:${c.id}`, c.path, "id", `campaign template id "${c.id}"`);

  const privacy = privacyNoticeFrom(byPath, problems);
  const topics = topicsFrom(byPath, problems);

  if (problems.length > 0) throw new ContentError(problems);
  const sender = authors.find((a) => a.sender);
  // authorsFileSchema guarantees exactly one sender, so this only guards against a schema change.
  if (!sender) throw new ContentError([{ file: AUTHORS_PATH, field: "authors", message: "no sender" }]);

  lessons.sort((a, b) => a.order - b.order);
  return { authors, sender, lessons, campaignTemplates, privacy, topics };
}

/** Looks an author up by id; throws when absent (the loader already guarantees ids used by content exist). */
export function authorById(content: Pick<Content, "authors">, id: string): Author {
  const author = content.authors.find((a) => a.id === id);
  if (!author) throw new Error(`unknown author id "${id}"`);
  return author;
}

export function lessonById(content: Pick<Content, "lessons">, id: string): Lesson | undefined {
  return content.lessons.find((l) => l.id === id);
}

/** A campaign made from a template keeps its id; inline campaigns have none (null). */
export function campaignTemplateById(
  content: Pick<Content, "campaignTemplates">,
  id: string | null | undefined,
): CampaignTemplate | undefined {
  return id ? content.campaignTemplates.find((t) => t.id === id) : undefined;
}
