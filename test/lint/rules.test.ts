// Every rule: sentences that must be flagged and near misses that must not. Each case checks one rule only, so a
// sentence that also trips another rule (a subject naming ketamine, say) still tests exactly what it says.
import { describe, expect, it } from "vitest";
import { type ContentInput, lintContent, type RuleId, rules } from "../../src/lint/index.ts";

const authors = new Set(["tessa-eskin", "dr-ana-ruiz"]);
const today = new Date("2026-11-28T12:00:00Z");
const MARKER = "<!-- lint-allow absolute-claims: reviewed by Dr. Ana Ruiz on 2026-11-27 -->";

type Where = "body" | "subject" | "preheader";
interface Case {
  rule: RuleId;
  text: string;
  flagged: boolean;
  where?: Where;
  /** Extra input fields (sources, author, reviewer ...). */
  with?: Partial<ContentInput>;
}

const flag = (rule: RuleId, text: string, where: Where = "body", extra?: Partial<ContentInput>): Case => ({
  rule,
  text,
  flagged: true,
  where,
  ...(extra ? { with: extra } : {}),
});
const pass = (rule: RuleId, text: string, where: Where = "body", extra?: Partial<ContentInput>): Case => ({
  rule,
  text,
  flagged: false,
  where,
  ...(extra ? { with: extra } : {}),
});

/** Cases about front matter: `text` only names the scenario; the input is in `with`. */
const meta = (rule: RuleId, text: string, flagged: boolean, extra: Partial<ContentInput>): Case => ({
  rule,
  text,
  flagged,
  with: extra,
});

const cases: Case[] = [
  // ketamine-fda-approved
  flag("ketamine-fda-approved", "Ketamine is FDA-approved for depression."),
  flag("ketamine-fda-approved", "ketamine is FDA-approved for depression"),
  flag("ketamine-fda-approved", "Ketamine was approved by the FDA for depression in 2019."),
  flag("ketamine-fda-approved", "Ketamine-assisted therapy now has FDA approval."),
  flag("ketamine-fda-approved", "The FDA has approved ketamine\nfor treatment-resistant depression."),
  flag("ketamine-fda-approved", "Ketamine (see Smith et al. 2020) is FDA-cleared for mood disorders."),
  flag("ketamine-fda-approved", "## Ketamine, now FDA-approved"),
  flag("ketamine-fda-approved", "Ketamine, now FDA\u2011approved", "subject"),
  pass("ketamine-fda-approved", "Esketamine (Spravato) is FDA-approved for treatment-resistant depression."),
  pass(
    "ketamine-fda-approved",
    "Spravato, a nasal spray made from ketamine, is FDA-approved for depression.",
  ),
  pass("ketamine-fda-approved", "Ketamine is not FDA-approved for any psychiatric disorder."),
  pass("ketamine-fda-approved", "Ketamine has not been approved by the FDA for depression."),
  pass("ketamine-fda-approved", "Ketamine isn't FDA-approved for depression."),
  pass("ketamine-fda-approved", "Ketamine is an anesthetic. The FDA approved esketamine in 2019."),
  pass("ketamine-fda-approved", "Ketamine is an old medicine. FDA-approved options are listed below."),
  pass(
    "ketamine-fda-approved",
    "- Ketamine is given in a clinic\n- FDA-approved treatments are listed below",
  ),
  pass("ketamine-fda-approved", "# Ketamine\n\nFDA-approved treatments come first."),
  // Markdown: emphasis, blockquotes and table rows must not hide or glue sentences.
  flag("ketamine-fda-approved", "**Ketamine** is *FDA-approved* now."),
  flag("ketamine-fda-approved", "> Ketamine is\n> FDA-approved for mood."),
  flag("ketamine-fda-approved", "| Medicine | Status |\n|---|---|\n| Ketamine | FDA-approved |"),
  pass(
    "ketamine-fda-approved",
    "| Medicine | Status |\n|---|---|\n| Ketamine | Off-label |\n| Esketamine | FDA-approved |",
  ),
  pass("ketamine-fda-approved", "Ketamine is an old medicine.\n\n```\nFDA-approved\n```"),

  // absolute-claims
  flag("absolute-claims", "Ketamine can cure depression."),
  flag("absolute-claims", "It cured my depression."),
  flag("absolute-claims", "Depression is curable."),
  flag("absolute-claims", "It is a cure-all."),
  flag("absolute-claims", "Results are GUARANTEED."),
  flag("absolute-claims", "A miracle for your mood."),
  flag("absolute-claims", "The treatment is 100% effective."),
  flag("absolute-claims", "A permanent fix for low mood."),
  flag("absolute-claims", "It permanently ends depression."),
  flag("absolute-claims", "Expect instant relief."),
  flag("absolute-claims", "There are no side effects."),
  flag("absolute-claims", "Without any side-effects at all."),
  flag("absolute-claims", "A risk-free way to feel better."),
  flag("absolute-claims", "## The miracle treatment"),
  flag("absolute-claims", "A guaranteed way to feel better", "subject"),
  flag("absolute-claims", `We never say "cure".\n\n${MARKER}\n\nA miracle, some say.`),
  flag("absolute-claims", `<!-- lint-allow suicide-language: reviewed by Dr. Ana Ruiz -->\nA miracle cure.`),
  pass("absolute-claims", "Keep your account secure."),
  pass("absolute-claims", "We procured the data from a survey."),
  pass("absolute-claims", "Accurate information matters."),
  pass("absolute-claims", "Some call depression incurable; it is not."),
  pass("absolute-claims", "Please update your permanent address."),
  pass("absolute-claims", "Relief can come quickly for some people, but not for everyone."),
  pass("absolute-claims", "Side effects are usually mild and short-lived."),
  pass("absolute-claims", "The risk is low but real."),
  pass("absolute-claims", "[Read the study](https://example.org/miracle-cure) before you decide."),
  pass("absolute-claims", 'Photo: <img src="cure.png" alt="A clinic waiting room">'),
  pass("absolute-claims", `${MARKER}\nWhat we don't claim: that ketamine is a "miracle cure".`),
  pass("absolute-claims", `We never say "cure". ${MARKER}`),

  // suicide-language
  flag("suicide-language", "He committed suicide last year."),
  flag("suicide-language", "People who commit suicide often gave warning signs."),
  flag("suicide-language", "It was a successful suicide."),
  flag("suicide-language", "After a failed suicide attempt, she got help."),
  flag("suicide-language", "An unsuccessful suicide attempt is still an emergency."),
  flag("suicide-language", "She survived a failed attempt at suicide."),
  flag("suicide-language", "Completed suicides rose last year."),
  flag("suicide-language", "He committed\nsuicide."),
  pass("suicide-language", "She died by suicide."),
  pass("suicide-language", "He survived a suicide attempt."),
  pass("suicide-language", "They committed to getting help."),
  pass("suicide-language", "The first call failed, so she called the 988 Lifeline again."),
  pass("suicide-language", "Treatment was successful for many participants."),

  // subject-suicide
  flag("subject-suicide", "Talking about suicide", "subject"),
  flag("subject-suicide", "When suicidal thoughts come", "preheader"),
  flag("subject-suicide", "Suicide prevention week", "subject"),
  pass("subject-suicide", "Talking about the hardest days", "subject"),
  pass("subject-suicide", "Suicide is preventable, and help is available.", "body"),

  // subject-health-detail
  flag("subject-health-detail", "What ketamine is like", "subject"),
  flag("subject-health-detail", "Living with depression", "preheader"),
  flag("subject-health-detail", "PTSD and you", "subject"),
  flag("subject-health-detail", "SSRIs explained", "subject"),
  flag("subject-health-detail", "Spravato: what to expect", "subject"),
  flag("subject-health-detail", "Antidepressants 101", "subject"),
  flag("subject-health-detail", "Bipolar basics", "preheader"),
  pass("subject-health-detail", "What treatment is like", "subject"),
  pass("subject-health-detail", "Depressing weather ahead? A cosy reading list", "subject"),
  pass("subject-health-detail", "Ketamine is one option for depression.", "body"),
  pass("subject-health-detail", "Questions worth bringing to your next appointment", "subject"),

  // unsourced-figure
  flag("unsourced-figure", "50% of patients improved."),
  flag("unsourced-figure", "Response rates reach 70 percent."),
  flag("unsourced-figure", "Fifty percent improved."),
  flag("unsourced-figure", "One in five adults will have depression."),
  flag("unsourced-figure", "2 out of 3 people responded."),
  flag("unsourced-figure", "It worked in 24 of the 30 trials."),
  flag("unsourced-figure", "More than 50% improved.", "subject"),
  flag("unsourced-figure", "Costs rose 150% last year.", "body", {
    sources: [{ claim: "50%", citation: "A study." }],
  }),
  pass("unsourced-figure", "50% of patients improved.", "body", {
    sources: [{ claim: "over 50%", citation: "Trial, 2013." }],
  }),
  pass("unsourced-figure", "One in five adults will have depression.", "body", {
    sources: [{ claim: "1 in 5 adults", citation: "Survey, 2024." }],
  }),
  pass("unsourced-figure", "This is lesson 2 of 6."),
  pass("unsourced-figure", "Step 1 of 3: talk to your doctor."),
  pass("unsourced-figure", "Call or text 988 at any time."),
  pass("unsourced-figure", "In 2019 the FDA approved esketamine."),
  pass("unsourced-figure", "We surveyed 500 readers in 2025."),
  pass("unsourced-figure", "[Read the report](https://example.org/report?q=50%25)."),

  // author-missing / author-unknown / reviewer-unknown
  meta("author-missing", "no author", true, { author: undefined }),
  meta("author-missing", "empty author", true, { author: " " }),
  meta("author-missing", "registered author", false, { author: "tessa-eskin" }),
  meta("author-unknown", "author not in registry", true, { author: "taylor-carter" }),
  meta("author-unknown", "registered author", false, { author: "tessa-eskin" }),
  meta("reviewer-unknown", "reviewer not in registry", true, {
    reviewer: "dr-nobody",
    reviewedOn: "2026-10-01",
  }),
  meta("reviewer-unknown", "registered reviewer", false, {
    reviewer: "dr-ana-ruiz",
    reviewedOn: "2026-10-01",
  }),

  // front-matter-invalid (inline content: only the review date can be malformed)
  meta("front-matter-invalid", "review date not a date", true, {
    reviewer: "dr-ana-ruiz",
    reviewedOn: "last week",
  }),
  meta("front-matter-invalid", "review date ISO", false, {
    reviewer: "dr-ana-ruiz",
    reviewedOn: "2026-10-01",
  }),

  // allow-marker-invalid / allow-marker-unused
  flag("allow-marker-invalid", "<!-- lint-allow -->\nA plain sentence."),
  flag("allow-marker-invalid", "<!-- lint-allow absolute-claims -->\nA miracle."),
  flag("allow-marker-invalid", "<!-- lint-allow not-a-rule: reviewed by Dr. Ana Ruiz -->"),
  flag("allow-marker-invalid", "<!-- lint-allow author-missing: reviewed by Dr. Ana Ruiz -->"),
  flag("allow-marker-invalid", "<!-- lint-disable absolute-claims: reviewed by Dr. Ana Ruiz -->\nA miracle."),
  pass("allow-marker-invalid", `${MARKER}\nA miracle, some say.`),
  pass("allow-marker-invalid", "<!-- a note for editors -->\nA plain sentence."),
  flag("allow-marker-unused", `${MARKER}\nA plain sentence.`),
  pass("allow-marker-unused", `${MARKER}\nA miracle, some say.`),

  // suicide-means
  flag("suicide-means", "He died by suicide after an overdose."),
  flag("suicide-means", "Keep guns locked away: it lowers the risk of suicide."),
  flag("suicide-means", "She thought about suicide. Then she searched for a bridge."),
  flag("suicide-means", "Suicidal thoughts and pills", "preheader"),
  pass("suicide-means", "Take your pills with food."),
  pass("suicide-means", "Suicide is preventable, and help is available."),
  pass("suicide-means", "Ketamine can cause a jump in blood pressure."),
  pass("suicide-means", "Talk about suicide openly.\n\nYou can jump to the next lesson at any time."),

  // ketamine-unapproved-forms
  flag("ketamine-unapproved-forms", "Oral ketamine is sold online."),
  flag("ketamine-unapproved-forms", "At-home ketamine programmes are growing."),
  flag("ketamine-unapproved-forms", "Some clinics mail ketamine lozenges."),
  flag("ketamine-unapproved-forms", "Compounded ketamine nasal sprays are not approved."),
  flag("ketamine-unapproved-forms", "Intranasal ketamine is being studied."),
  flag("ketamine-unapproved-forms", "You can now take ketamine at home."),
  flag("ketamine-unapproved-forms", "The FDA warned about ketamine products made by compounding pharmacies."),
  pass("ketamine-unapproved-forms", "Esketamine nasal spray is given in a certified clinic."),
  pass("ketamine-unapproved-forms", "Spravato is a nasal spray made from one half of the ketamine molecule."),
  pass("ketamine-unapproved-forms", "IV ketamine is given in a specialist clinic."),
  pass("ketamine-unapproved-forms", "Take esketamine only at a certified clinic, never at home."),

  // sensational-words
  flag("sensational-words", "A shocking new study", "subject"),
  flag("sensational-words", "Alarming numbers, and what they mean", "preheader"),
  flag("sensational-words", "# The depression epidemic"),
  flag("sensational-words", "## Prescriptions skyrocketing"),
  flag("sensational-words", "A surge in interest\n==================="),
  pass("sensational-words", "Some have called it an epidemic."),
  pass("sensational-words", "## What the studies found"),
  pass("sensational-words", "Surgeons and anaesthetists", "subject"),

  // review-stale / review-date-missing (today is 2026-11-28)
  meta("review-stale", "reviewed 13 months ago", true, { reviewer: "dr-ana-ruiz", reviewedOn: "2025-10-28" }),
  meta("review-stale", "reviewed 12 months and a day ago", true, {
    reviewer: "dr-ana-ruiz",
    reviewedOn: "2025-11-27",
  }),
  meta("review-stale", "reviewed exactly 12 months ago", false, {
    reviewer: "dr-ana-ruiz",
    reviewedOn: "2025-11-28",
  }),
  meta("review-stale", "reviewed this year", false, { reviewer: "dr-ana-ruiz", reviewedOn: "2026-06-01" }),
  meta("review-stale", "old date but no reviewer", false, { reviewedOn: "2020-01-01" }),
  meta("review-date-missing", "reviewer without date", true, { reviewer: "dr-ana-ruiz" }),
  meta("review-date-missing", "reviewer with date", false, {
    reviewer: "dr-ana-ruiz",
    reviewedOn: "2026-06-01",
  }),
];

function inputFor(c: Case): ContentInput {
  // Front matter cases (`meta`) have no `where`: their text only names the scenario.
  const where = c.where;
  return {
    subject: where === "subject" ? c.text : "A note from Hopemark",
    preheader: where === "preheader" ? c.text : "Something to read this week.",
    bodyMarkdown: where === "body" ? c.text : "Hello, and welcome back.",
    author: "tessa-eskin",
    ...c.with,
  };
}

describe("each rule flags its examples and passes its near misses", () => {
  it.each(cases.map((c) => [c.flagged ? "flags" : "passes", c.rule, JSON.stringify(c.text), c] as const))(
    "%s %s: %s",
    (_verb, rule, _text, c) => {
      const found = lintContent(inputFor(c), { authors, today }).findings.filter((f) => f.ruleId === rule);
      if (c.flagged) expect(found.length, JSON.stringify(c.text)).toBeGreaterThan(0);
      else expect(found, JSON.stringify(c.text)).toEqual([]);
    },
  );

  it("has a flagged example and a near miss for every rule that lintContent can trigger", () => {
    // The registry rule is about the authors.yaml file and is tested in files.test.ts.
    const fileOnly = new Set(["authors-registry-invalid"]);
    for (const rule of rules.filter((r) => !fileOnly.has(r.id))) {
      expect(
        cases.some((c) => c.rule === rule.id && c.flagged),
        `${rule.id} flagged`,
      ).toBe(true);
      expect(
        cases.some((c) => c.rule === rule.id && !c.flagged),
        `${rule.id} near miss`,
      ).toBe(true);
    }
  });

  it("the baseline input used by the table is clean", () => {
    const result = lintContent(
      inputFor({ rule: "absolute-claims", text: "", flagged: false, where: "body" }),
      {
        authors,
        today,
      },
    );
    expect(result.findings).toEqual([]);
  });
});
