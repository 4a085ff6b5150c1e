// The rules that need code rather than phrases. rules.ts refers to them by name; each takes the parsed document
// and returns where it fires. Kept small so a reviewer can still follow what each one decides.
import type { LintDoc, Loc, ProseField } from "./document.ts";
import type { AllowMarker } from "./markers.ts";
import { NUMBER_WORD_DIGITS } from "./number-words.ts";

export interface CheckContext {
  doc: LintDoc;
  /** Registered author ids; undefined when the registry itself could not be loaded (reported separately). */
  known: ReadonlySet<string> | undefined;
  today: Date;
  markers: readonly AllowMarker[];
  body: ProseField | undefined;
}

export interface CheckHit {
  at: Loc;
  excerpt: string;
  detail?: string;
}

/** A medical review older than this is flagged for a fresh review. */
export const REVIEW_MAX_AGE_MONTHS = 12;

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

export const checks = {
  "author-missing": ({ doc }) =>
    doc.unreadable || doc.authorless || doc.author?.value.trim()
      ? []
      : [{ at: doc.author?.at ?? doc.frontMatterAt, excerpt: "" }],

  "author-unknown": ({ doc, known }) => {
    const author = doc.author;
    if (!author?.value.trim() || !known || known.has(author.value)) return [];
    return [{ at: author.at, excerpt: author.value, detail: `"${author.value}"` }];
  },

  "reviewer-unknown": ({ doc, known }) => {
    const reviewer = doc.reviewer;
    if (!reviewer?.value.trim() || !known || known.has(reviewer.value)) return [];
    return [{ at: reviewer.at, excerpt: reviewer.value, detail: `"${reviewer.value}"` }];
  },

  "review-stale": ({ doc, today }) => {
    const reviewedOn = doc.reviewedOn;
    const parts = reviewedOn && isoDay.exec(reviewedOn.value);
    // Malformed dates are reported by front-matter-invalid; only reviewed content has a review to go stale.
    if (!doc.reviewer?.value || !reviewedOn || !parts) return [];
    const due = new Date(
      Date.UTC(Number(parts[1]), Number(parts[2]) - 1 + REVIEW_MAX_AGE_MONTHS, Number(parts[3])),
    );
    if (utcDay(today) <= due.getTime()) return [];
    const dueText = due.toISOString().slice(0, 10);
    return [
      {
        at: reviewedOn.at,
        excerpt: reviewedOn.value,
        detail: `reviewed ${reviewedOn.value}, due ${dueText}`,
      },
    ];
  },

  "review-date-missing": ({ doc }) =>
    doc.reviewer?.value && !doc.reviewedOn ? [{ at: doc.reviewer.at, excerpt: doc.reviewer.value }] : [],

  "front-matter-invalid": ({ doc }) => doc.problems.map((p) => ({ at: p.at, excerpt: "", detail: p.detail })),

  // The registry is a file of its own: the Node entry point (templates-dir.ts) reads and reports it.
  "authors-registry-invalid": () => [],

  "allow-marker-invalid": ({ markers, body }) =>
    body
      ? markers
          .filter((m) => m.problem)
          .map((m) => ({
            at: body.locate(m.start),
            excerpt: body.raw.slice(m.start, m.end),
            detail: m.problem,
          }))
      : [],

  // Run after the other rules, once the engine has marked which markers silenced something.
  "allow-marker-unused": ({ markers, body }) =>
    body
      ? markers
          .filter((m) => !m.problem && !m.used)
          .map((m) => ({ at: body.locate(m.start), excerpt: body.raw.slice(m.start, m.end) }))
      : [],
} satisfies Record<string, (ctx: CheckContext) => CheckHit[]>;

export type CheckName = keyof typeof checks;

// ---------------------------------------------------------------- filters: decide per pattern match

const NUMBER_TOKEN = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d[\\d,]*(?:\\.\\d+)?|${Object.keys(NUMBER_WORD_DIGITS).join("|")})(?![\\p{L}\\p{N}]|[.,]\\d)`,
  "giu",
);

/** The numbers in a text, normalised so "one in five", "1 in 5" and "1,000" compare equal to their digits. */
function numbersIn(text: string): string[] {
  return [...text.matchAll(NUMBER_TOKEN)].map((m) => {
    const token = (m[1] ?? "").toLowerCase().replace(/,/g, "");
    return NUMBER_WORD_DIGITS[token] ?? token;
  });
}

export interface FilterResult {
  keep: boolean;
  detail?: string;
}

export const filters = {
  /**
   * A figure is covered when some source's `claim` contains all of its numbers ("50%" by a claim "over 50%",
   * "1 in 5" by "one in five adults"). "500 in 2025" is a count and a year, not a ratio.
   */
  "figure-without-source": (matched: string, ctx: CheckContext): FilterResult => {
    const numbers = numbersIn(matched);
    const last = numbers[numbers.length - 1] ?? "";
    if (/\sin\s/i.test(matched) && /^(19|20)\d\d$/.test(last)) return { keep: false };
    const covered = ctx.doc.claims.some((claim) => {
      const inClaim = new Set(numbersIn(claim));
      return numbers.every((n) => inClaim.has(n));
    });
    return covered
      ? { keep: false }
      : { keep: true, detail: `no entry in sources has a claim with ${numbers.join(" and ")}` };
  },
} satisfies Record<string, (matched: string, ctx: CheckContext) => FilterResult>;

export type FilterName = keyof typeof filters;
