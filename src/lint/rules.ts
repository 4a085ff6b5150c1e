// The content safety rules, as data. A compliance reviewer can read and extend this file without reading the
// matcher (match.ts) or the named checks (checks.ts).
//
// How a phrase is read
//   - Each entry in `match`, `inSentenceWith`, `near`, `unless` and `unlessPreceded` is a small regular expression,
//     matched case-insensitively and as whole words: "cure" does not match "secure", "procure" or "incurable".
//   - A space matches any run of whitespace, so a phrase still matches when a paragraph wraps onto the next line.
//     `[- ]` means "a hyphen or a space"; `(s|ed)?` means "optionally one of these endings"; `\\d` is a digit.
//
// How a rule decides
//   - `patterns`: the rule fires on a match of any `match` phrase ...
//       - `inSentenceWith`: ... only if one of these phrases is in the same sentence;
//       - `near`: ... only if one of these phrases is at most `maxWordsBetween` words away (same paragraph);
//       - `unlessPreceded`: ... unless one of these phrases comes at most `maxWordsBetween` words before it
//         (used for negations: "ketamine is not FDA-approved" is the true statement we want people to write).
//   - `unless`: a sentence containing any of these phrases is exempt from the whole rule.
//   - `filter`: a named check in checks.ts that looks at each match (e.g. "is this figure in `sources`?").
//   - `check`: a rule that is code, not phrases (author registry, review date); see checks.ts.
//
// Reviewer allow marker (for quoted examples, e.g. a "what we don't claim" passage)
//   <!-- lint-allow absolute-claims: reviewed by Dr. Ana Ruiz on 2026-11-27 -->
//   It silences the named rules (comma-separated ids) on the marker's own line and on the line after it, in the
//   body only. It must name at least one rule id and say who reviewed it; otherwise it is itself an error.
//   Markers cannot silence front matter rules (author, review date) or subject lines.

import { type CheckName, type FilterName, REVIEW_MAX_AGE_MONTHS } from "./checks.ts";
import { NUMBER_WORD_DIGITS } from "./number-words.ts";
import type { Severity, Target } from "./types.ts";

export interface Pattern {
  match: readonly string[];
  inSentenceWith?: readonly string[];
  near?: { match: readonly string[]; maxWordsBetween: number };
  unlessPreceded?: { match: readonly string[]; maxWordsBetween: number };
}

interface RuleBase {
  /** Kebab-case; appears in the CLI output and in allow markers. */
  id: string;
  severity: Severity;
  /** What is wrong and what to write instead. */
  message: string;
  /** The guidance the rule comes from (safety rule numbers refer to ../shared/notes/safety-and-compliance.md). */
  source: string;
  appliesTo: readonly Target[];
}

export interface PatternRule extends RuleBase {
  patterns: readonly Pattern[];
  unless?: readonly string[];
  filter?: FilterName;
}

export interface CheckRule extends RuleBase {
  check: CheckName;
}

export type Rule = PatternRule | CheckRule;

const PROSE: readonly Target[] = ["body", "subject", "preheader"];
const INBOX: readonly Target[] = ["subject", "preheader"];

/** Any form of the word suicide, and the common phrasings for it. */
const SUICIDE = [
  "suicid(e|es|al|ality)",
  "kill(s|ed|ing)? (my|your|him|her|them|one|our)sel(f|ves)",
  "(end|ends|ended|ending|take|takes|took|taking) (my|your|his|her|their|one's) (own )?li(fe|ves)",
];

/** The number words of number-words.ts, as one group: "(one|two|...|million)". */
const NUMBER_WORDS = `(${Object.keys(NUMBER_WORD_DIGITS).join("|")})`;
const NUMBER = `(\\d[\\d,]*(\\.\\d+)?|${NUMBER_WORDS})`;

export const rules = [
  // ---------------------------------------------------------------- errors: block sending
  {
    id: "ketamine-fda-approved",
    severity: "error",
    message:
      'Ketamine is not FDA-approved for any psychiatric disorder; only esketamine (Spravato) is. Do not put "FDA-approved" in a sentence about ketamine unless the sentence is about esketamine or Spravato.',
    source: "FDA statement on ketamine, 10 Oct 2023; safety rule 6",
    appliesTo: PROSE,
    patterns: [
      {
        match: [
          "FDA[- ](approved|cleared)",
          "FDA (approval|clearance)",
          "FDA (has |had )?(approved|cleared)",
          "(approved|cleared) by (the )?(U\\.?S\\.? )?(FDA|Food and Drug Administration)",
        ],
        inSentenceWith: ["ketamine"],
        // The true statement "ketamine is not FDA-approved" must stay writable.
        unlessPreceded: {
          match: [
            "not",
            "never",
            "no",
            "without",
            "lacks?",
            "lacking",
            "(is|are|was|were|has|have|had|does|do|did)n't",
            "cannot",
            "can't",
          ],
          maxWordsBetween: 2,
        },
      },
    ],
    unless: ["esketamine", "spravato"],
  },
  {
    id: "absolute-claims",
    severity: "error",
    message:
      "Absolute efficacy or safety claim. No treatment works for everyone or is without risk: describe what studies found, with a source, instead.",
    source: "FTC health claims guidance (competent and reliable scientific evidence); safety rule 7",
    appliesTo: PROSE,
    patterns: [
      {
        // "curable" promises a cure, so it is flagged; "incurable" promises nothing and is not. Negations
        // ("ketamine is not a cure") are flagged too: the word still primes the claim, and rule 7 lists the words
        // as risky in any copy. Rephrase ("it does not help everyone") or have a reviewer add an allow marker.
        match: [
          "cure(s|d)?",
          "curing",
          "curable",
          "cure[- ]alls?",
          "guarantee(s|d)?",
          "guaranteeing",
          "miracles?",
          "miraculous(ly)?",
          "100\\s?(%|percent|per cent) (effective|success(ful)?|safe|guaranteed)",
          "permanent(ly)? (fix(es|ed)?|cure(s|d)?|relief|solution)",
          "instant(ly)? (relief|relie(ve|ves|ved))",
          "(no|zero) side[- ]effects?",
          "without (any )?side[- ]effects?",
          "free (of|from) side[- ]effects",
          "risk[- ]free",
        ],
      },
      {
        // "permanent" on its own is ordinary ("permanent address"); next to an outcome it is a promise.
        match: ["permanent(ly)?"],
        near: {
          match: [
            "fix(es|ed)?",
            "cure(s|d)?",
            "relief",
            "relieve(s|d)?",
            "results?",
            "solution",
            "recovery",
            "remission",
            "heal(s|ed|ing)?",
            "end(s|ed)?",
          ],
          maxWordsBetween: 2,
        },
      },
    ],
  },
  {
    id: "suicide-language",
    severity: "error",
    message:
      'Unsafe suicide language. Write "died by suicide" or "suicide attempt", never "committed", "successful", "failed" or "completed" suicide.',
    source: "reportingonsuicide.org; suicidepreventionmessaging.org; safety rule 9",
    appliesTo: PROSE,
    patterns: [
      {
        match: [
          "commit(s|ted|ting)? suicide",
          "(successful(ly)?|unsuccessful(ly)?|failed|completed) suicides?( attempts?)?",
          "(successful|unsuccessful|failed) attempts? (at|of) suicide",
          "suicides? (was|were|is) (successful|unsuccessful|completed)",
        ],
      },
    ],
  },
  {
    id: "subject-suicide",
    severity: "error",
    message:
      "The word suicide (in any form) must not appear in a subject line or preheader: it is what a reader in crisis sees first in the inbox.",
    source: "reportingonsuicide.org; safety rule 10",
    appliesTo: INBOX,
    patterns: [{ match: [...SUICIDE, "self[- ]harm"] }],
  },
  {
    id: "subject-health-detail",
    severity: "error",
    message:
      "No diagnosis, medication or treatment in a subject line or preheader: anyone who sees the inbox learns the reader's health interest. Put it in the body.",
    source: "safety rule 15 (being on this list is health-related data)",
    appliesTo: INBOX,
    patterns: [
      {
        match: [
          // diagnoses
          "depression",
          "depressive",
          "depressed",
          "treatment[- ]resistant",
          "TRD",
          "MDD",
          "PTSD",
          "post[- ]traumatic stress",
          "bipolar",
          "anxiety disorders?",
          "generali[sz]ed anxiety",
          "panic disorders?",
          "OCD",
          "obsessive[- ]compulsive",
          "schizophreni(a|c)",
          "psychosis",
          "psychotic",
          "eating disorders?",
          "anorexia",
          "bulimia",
          "ADHD",
          "addiction",
          "substance use disorders?",
          "mental illness(es)?",
          // medications and treatments
          "ketamine",
          "esketamine",
          "spravato",
          "SSRIs?",
          "SNRIs?",
          "MAOIs?",
          "anti-?depressants?",
          "anti-?psychotics?",
          "lithium",
          "psilocybin",
          "MDMA",
          "psychedelics?",
          "ECT",
          "electroconvulsive",
          "TMS",
          "(sertraline|fluoxetine|citalopram|escitalopram|paroxetine|bupropion|venlafaxine|duloxetine|mirtazapine)",
          "(zoloft|prozac|lexapro|celexa|paxil|wellbutrin|effexor|cymbalta|remeron)",
        ],
      },
    ],
  },
  {
    id: "unsourced-figure",
    severity: "error",
    message:
      'A figure needs a cited source: add an entry to `sources` whose `claim` contains this number (e.g. claim: "over 50%").',
    source: "FTC: competent and reliable scientific evidence; safety rule 7",
    appliesTo: PROSE,
    patterns: [
      {
        match: [
          "\\d+(\\.\\d+)?\\s?(%|percent|per cent)",
          `${NUMBER_WORDS}[- ](percent|per cent)`,
          `${NUMBER} (in|out of) (a |an |every )?${NUMBER}`,
          "\\d[\\d,]*(\\.\\d+)? of (the |all |these |those )?\\d[\\d,]*",
        ],
        // "Lesson 2 of 6" is a position, not a statistic.
        unlessPreceded: {
          match: [
            "lessons?",
            "steps?",
            "part",
            "page",
            "emails?",
            "chapter",
            "module",
            "section",
            "question",
            "item",
            "week",
            "day",
            "session",
            "number",
            "no\\.",
            "issue",
            "episode",
          ],
          maxWordsBetween: 0,
        },
      },
    ],
    filter: "figure-without-source",
  },
  {
    id: "author-missing",
    severity: "error",
    message: "Every email names its author: set `author` to an id from templates/authors.yaml.",
    source: "FTC endorsement guides, 16 CFR 255; safety rule 5",
    appliesTo: ["front-matter"],
    check: "author-missing",
  },
  {
    id: "author-unknown",
    severity: "error",
    message: "The author is not in the authors registry (templates/authors.yaml).",
    source: "FTC endorsement guides, 16 CFR 255; safety rule 5",
    appliesTo: ["front-matter"],
    check: "author-unknown",
  },
  {
    id: "reviewer-unknown",
    severity: "error",
    message: "The medical reviewer is not in the authors registry (templates/authors.yaml).",
    source: "safety rule 5",
    appliesTo: ["front-matter"],
    check: "reviewer-unknown",
  },
  {
    id: "front-matter-invalid",
    severity: "error",
    message: "The front matter is missing or does not match the content schema.",
    source: "src/content/schema.ts",
    appliesTo: ["front-matter"],
    check: "front-matter-invalid",
  },
  {
    id: "authors-registry-invalid",
    severity: "error",
    message: "templates/authors.yaml is missing, is not valid YAML, or does not match the authors schema.",
    source: "src/content/schema.ts (authorsFileSchema); safety rule 5",
    appliesTo: ["front-matter"],
    check: "authors-registry-invalid",
  },
  {
    id: "allow-marker-invalid",
    severity: "error",
    message:
      "A lint-allow marker must name the rule ids it allows and who reviewed it: <!-- lint-allow rule-id: reviewed by NAME on YYYY-MM-DD -->.",
    source: "content linter (reviewer allow markers)",
    appliesTo: ["body"],
    check: "allow-marker-invalid",
  },

  // ---------------------------------------------------------------- warnings: a person reviews
  {
    id: "suicide-means",
    severity: "warning",
    message:
      "Method or means language near a mention of suicide. Safe messaging never describes methods, means or locations; a reviewer must check this passage.",
    source: "reportingonsuicide.org; safety rule 10",
    appliesTo: PROSE,
    patterns: [
      {
        match: [
          "overdos(e|es|ed|ing)",
          "pills?",
          "tablets?",
          "hang(s|ed|ing)?",
          "hung",
          "noose",
          "ropes?",
          "jump(s|ed|ing)?",
          "guns?",
          "firearms?",
          "shoot(s|ing)?",
          "shot",
          "weapons?",
          "knife",
          "knives",
          "razors?",
          "poison(s|ed|ing)?",
          "carbon monoxide",
          "bridges?",
          "rooftops?",
          "train tracks",
          "methods?",
          "lethal means",
        ],
        near: { match: SUICIDE, maxWordsBetween: 15 },
      },
    ],
  },
  {
    id: "ketamine-unapproved-forms",
    severity: "warning",
    message:
      "At-home, oral, nasal, compounded or telehealth ketamine is not FDA-approved and the FDA has warned about it; a reviewer must check this passage. (Esketamine/Spravato nasal spray in a certified clinic is the approved product and is not flagged.)",
    source: "FDA warnings on compounded and at-home ketamine, 2023; safety rule 8",
    appliesTo: PROSE,
    patterns: [
      {
        // "ketamine" as a whole word, so "esketamine" (Spravato) never matches. One finding per mention.
        match: ["ketamine"],
        inSentenceWith: [
          "at[- ]home",
          "(from|in) (your|their|the) home",
          "home[- ](use|based|kits?|delivery|treatment)",
          "oral(ly)?",
          "by mouth",
          "sublingual",
          "lozenges?",
          "troches?",
          "pills?",
          "tablets?",
          "capsules?",
          "compounded",
          "compounding",
          "mail[- ]order",
          "tele(health|medicine)",
          "online",
        ],
      },
      {
        // Nasal only right next to ketamine: Spravato is "a nasal spray made from ... the ketamine molecule",
        // and that sentence describes the approved product.
        match: ["ketamine"],
        near: { match: ["(intra)?nasal"], maxWordsBetween: 1 },
      },
    ],
  },
  {
    id: "sensational-words",
    severity: "warning",
    message:
      "Sensational word in a subject line, preheader or heading. Write calmly: sensational framing can raise risk for readers in crisis.",
    source: "reportingonsuicide.org; safety rule 10",
    appliesTo: ["subject", "preheader", "heading"],
    patterns: [
      {
        match: [
          "epidemics?",
          "skyrocket(s|ed|ing)?",
          "surg(e|es|ed|ing)",
          "shock(s|ed|ing)?",
          "alarming(ly)?",
          "soar(s|ed|ing)?",
          "explod(e|es|ed|ing)",
          "explosion",
          "outbreaks?",
          "plague",
          "devastating",
          "horrif(ic|ying)",
          "terrifying",
          "deadly",
          "tragic",
          "you won't believe",
        ],
      },
    ],
  },
  {
    id: "review-stale",
    severity: "warning",
    message: `The medical review is older than ${REVIEW_MAX_AGE_MONTHS} months: ask the reviewer to check the content again and update \`reviewedOn\`.`,
    source: "safety rule 5 (medical reviewer and review date); house policy: yearly review",
    appliesTo: ["front-matter"],
    check: "review-stale",
  },
  {
    id: "review-date-missing",
    severity: "warning",
    message: "A medical reviewer is named without a review date: set `reviewedOn` (YYYY-MM-DD).",
    source: "safety rule 5",
    appliesTo: ["front-matter"],
    check: "review-date-missing",
  },
  {
    id: "allow-marker-unused",
    severity: "warning",
    message: "This lint-allow marker silences nothing on its line or the next: remove it or move it.",
    source: "content linter (reviewer allow markers)",
    appliesTo: ["body"],
    check: "allow-marker-unused",
  },
] as const satisfies readonly Rule[];

export type RuleId = (typeof rules)[number]["id"];

export function isPatternRule(rule: Rule): rule is PatternRule {
  return "patterns" in rule;
}
