// lintForSending: the one way lessons (console content page) and campaigns (create, edit, review, send) are linted
// as they would go out. Unset reviewer fields arrive as "" or undefined and must both count as "no reviewer".
import { describe, expect, it } from "vitest";
import { lintContent, lintForSending, type SendingContent } from "../../src/lint/index.ts";

const authors = new Set(["tessa-eskin", "dr-ana-ruiz"]);
const today = new Date("2026-11-28T12:00:00Z");
const base: SendingContent = {
  subject: "A note",
  preheader: "",
  bodyMarkdown: "A plain sentence.",
  author: "tessa-eskin",
  sources: [],
};
const ids = (findings: { field?: string; ruleId: string }[]) => findings.map((f) => `${f.field} ${f.ruleId}`);

describe("lintForSending", () => {
  it("treats an empty reviewer and review date as none", () => {
    const none = lintForSending(base, { authors, today });
    const empty = lintForSending({ ...base, reviewer: "", reviewedOn: "" }, { authors, today });
    expect(ids(empty.findings)).toEqual(ids(none.findings));
    expect(empty.findings.some((f) => f.field === "reviewer" || f.field === "reviewedOn")).toBe(false);
    // What the engine itself does with an empty review date: a value that is not a date.
    const raw = lintContent({ ...base, reviewer: "", reviewedOn: "" }, { authors, today });
    expect(ids(raw.findings)).toContain("reviewedOn front-matter-invalid");
  });

  it("passes a set reviewer and date on to the review rules", () => {
    const missingDate = lintForSending({ ...base, reviewer: "dr-ana-ruiz" }, { authors, today });
    expect(ids(missingDate.findings)).toContain("reviewer review-date-missing");
    const reviewed = lintForSending(
      { ...base, reviewer: "dr-ana-ruiz", reviewedOn: "2026-11-27" },
      { authors, today },
    );
    expect(reviewed.findings.some((f) => f.field === "reviewer" || f.field === "reviewedOn")).toBe(false);
  });

  it("lints subject, body and sources as given and ignores fields it does not know", () => {
    const result = lintForSending(
      { ...base, bodyMarkdown: "A miracle cure.", path: "templates/lessons/x.md" } as SendingContent,
      { authors, today },
    );
    expect(ids(result.findings)).toContain("body absolute-claims");
    expect(result.errors).toBeGreaterThan(0);
  });
});
