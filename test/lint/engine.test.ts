// How the engine puts rules together: allow markers against the checks that report on them, `near` with several
// hits in one paragraph, and number words read the same way by the phrase rules and by the source filter.
import { describe, expect, it } from "vitest";
import { type ContentInput, lintContent } from "../../src/lint/index.ts";
import { NUMBER_WORD_DIGITS } from "../../src/lint/number-words.ts";

const authors = new Set(["tessa-eskin", "dr-ana-ruiz"]);
const today = new Date("2026-11-28T12:00:00Z");
const REVIEWED = "reviewed by Dr. Ana Ruiz on 2026-11-27";

function lint(bodyMarkdown: string, extra: Partial<ContentInput> = {}) {
  return lintContent(
    { subject: "A note", bodyMarkdown, author: "tessa-eskin", ...extra },
    { authors, today },
  );
}
const at = (findings: { field?: string; line: number; column: number; ruleId: string }[]) =>
  findings.map((f) => `${f.field} ${f.line}:${f.column} ${f.ruleId}`);

describe("allow markers and the checks", () => {
  it("reports only the marker that silenced nothing as unused, in position order with the other findings", () => {
    const body = [
      `<!-- lint-allow absolute-claims: ${REVIEWED} -->`,
      "A miracle cure.",
      "",
      `<!-- lint-allow suicide-language, absolute-claims: ${REVIEWED} -->`,
      "A plain sentence.",
      "",
      "<!-- lint-allow absolute-claims -->",
      "Guaranteed results.",
    ].join("\n");
    const result = lint(body, { reviewer: "dr-ana-ruiz" });
    expect(at(result.findings)).toEqual([
      "reviewer 1:1 review-date-missing",
      "body 4:1 allow-marker-unused",
      "body 7:1 allow-marker-invalid",
      "body 8:1 absolute-claims",
    ]);
    expect(result.findings[1]?.excerpt).toBe(
      `<!-- lint-allow suicide-language, absolute-claims: ${REVIEWED} -->`,
    );
  });
});

describe("near", () => {
  it("decides each hit in a paragraph on its own distance", () => {
    const body =
      "Our permanent office address is printed at the bottom. A permanent fix, and permanently cured.";
    const found = lint(body).findings.filter((f) => f.ruleId === "absolute-claims");
    expect(found.map((f) => `${f.column} ${f.message.slice(f.message.lastIndexOf("(found"))}`)).toEqual([
      '58 (found "permanent fix")',
      '77 (found "permanently cured")',
    ]);
  });
});

describe("number words", () => {
  it.each(Object.entries(NUMBER_WORD_DIGITS))(
    "reads %s as %s in a figure and in a source's claim",
    (word, digit) => {
      const sentence = `${word[0]?.toUpperCase()}${word.slice(1)} percent of readers replied.`;
      const unsourced = lint(sentence).findings.filter((f) => f.ruleId === "unsourced-figure");
      expect(unsourced.map((f) => `${f.line}:${f.column}`)).toEqual(["1:1"]);
      expect(unsourced[0]?.message).toContain(`found "${sentence.split(" ")[0]} percent"`);
      expect(unsourced[0]?.message).toContain(`a claim with ${digit})`);
      const sourced = lint(sentence, {
        sources: [{ claim: `${digit}% of readers`, citation: "Survey, 2026" }],
      });
      expect(sourced.findings).toEqual([]);
    },
  );

  it('matches the whole word: "fifteen" is not "five", and "eighty-five" is five', () => {
    expect(
      lint("Fifteen percent improved.", { sources: [{ claim: "5% of people", citation: "x" }] }).findings,
    ).toHaveLength(1);
    expect(
      lint("Fifteen percent improved.", { sources: [{ claim: "15% of people", citation: "x" }] }).findings,
    ).toEqual([]);
    const eightyFive = lint("Eighty-five percent improved.").findings;
    expect(at(eightyFive)).toEqual(["body 1:8 unsourced-figure"]);
    expect(eightyFive[0]?.message).toContain('found "five percent"');
  });
});
