// Findings must point at the exact line and column of the original file (or of the inline field), so an editor
// or a CI log jumps to the words a writer has to change.
import { describe, expect, it } from "vitest";
import { lintContent, lintSource } from "../../src/lint/index.ts";

const authors = { authors: [{ id: "tessa-eskin" }, { id: "dr-ana-ruiz" }] };
const today = new Date("2026-11-28T00:00:00Z");

const file = [
  "---", //                                                      1
  "id: positions", //                                            2
  'subject: "Feeling low? Ketamine may help"', //                3  Ketamine at column 24
  "preheader: A plain value about suicide", //                   4  suicide at column 32
  "author: someone-else", //                                     5  value at column 9
  "sources: []", //                                              6
  "---", //                                                      7
  "# Heading about a surge", //                                  8  surge at column 19
  "", //                                                         9
  "Ketamine is used in clinics and is", //                      10
  "FDA-approved as an anaesthetic.", //                         11  FDA-approved at column 1
  "", //                                                        12
  "- A list item that is a cure.", //                           13  cure at column 25
  "  > Quoted: 1 in 5 adults.", //                              14  1 in 5 at column 13
  "", //                                                        15
].join("\n");

const at = (findings: { ruleId: string; line: number; column: number }[]) =>
  findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe("positions in a file", () => {
  const expected = [
    "3:24 subject-health-detail",
    "4:32 subject-suicide",
    "5:9 author-unknown",
    "8:19 sensational-words",
    "11:1 ketamine-fda-approved",
    "13:25 absolute-claims",
    "14:13 unsourced-figure",
  ];

  it("reports 1-based lines and columns in the original text, front matter included", () => {
    const result = lintSource(file, { file: "x.md", authors, today });
    expect(at(result.findings)).toEqual(expected);
    expect(result.findings.every((f) => f.file === "x.md")).toBe(true);
    expect(result).toMatchObject({ errors: 6, warnings: 1 });
  });

  it("gives the same positions for CRLF line endings", () => {
    const result = lintSource(file.replaceAll("\n", "\r\n"), { authors, today });
    expect(at(result.findings)).toEqual(expected);
  });

  it("points at the start of a folded YAML value (its >- indicator) rather than guessing inside it", () => {
    const folded = [
      "---",
      "id: folded",
      "subject: >-",
      "  All about",
      "  ketamine",
      "preheader: Hi.",
      "author: tessa-eskin",
    ];
    const result = lintSource([...folded, "---", "Hi."].join("\n"), { authors, today });
    expect(at(result.findings)).toEqual(["3:10 subject-health-detail"]);
  });

  it("points a missing author at the front matter; a missing front matter is one finding, not two", () => {
    const noAuthor = [
      "---",
      "id: no-author",
      "subject: Hello there",
      "preheader: A quiet note.",
      "---",
      "Hi.",
    ];
    expect(at(lintSource(noAuthor.join("\n"), { authors, today }).findings)).toEqual(["1:1 author-missing"]);
    const bare = lintSource("Just a body.\n", { authors, today });
    expect(at(bare.findings)).toEqual(["1:1 front-matter-invalid"]);
  });

  it("reports schema problems at the offending key", () => {
    const badOrder = [
      "---",
      "id: bad-order",
      "order: zero",
      "delay: 2d",
      "subject: Hello there",
      "preheader: A quiet note.",
      "author: tessa-eskin",
      "---",
      "Hi.",
    ];
    const result = lintSource(badOrder.join("\n"), { file: "templates/lessons/x.md", authors, today });
    expect(at(result.findings)).toEqual(["3:8 front-matter-invalid"]);
    expect(result.findings[0]?.message).toContain("order");
  });

  it("reports a YAML syntax error with its position", () => {
    const broken = ["---", "id: broken", 'subject: "unclosed', "---", "Hi."];
    const { findings } = lintSource(broken.join("\n"), { authors, today });
    expect(findings).toHaveLength(1);
    // yaml notices the missing quote where the front matter ends (line 4), and the message says what it is.
    expect(findings[0]).toMatchObject({ ruleId: "front-matter-invalid", line: 4, column: 1 });
    expect(findings[0]?.message).toContain("Missing closing");
  });
});

describe("positions in inline content", () => {
  it("reports the field and the line and column within it", () => {
    const result = lintContent(
      {
        subject: "A miracle",
        preheader: "Read this.",
        bodyMarkdown: "First line.\nSecond line is a cure.",
        author: "tessa-eskin",
      },
      { authors, today },
    );
    expect(result.findings.map((f) => `${f.field} ${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      "subject 1:3 absolute-claims",
      "body 2:18 absolute-claims",
    ]);
    expect(result.findings.every((f) => f.file === undefined)).toBe(true);
  });

  it("returns plain JSON the admin API can send in a 422 body", () => {
    const result = lintContent(
      { subject: "Talking about suicide", bodyMarkdown: "Ketamine is FDA-approved.", author: "nobody" },
      { authors, today },
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.errors).toBe(3);
    expect(result.findings[0]).toEqual({
      ruleId: "subject-suicide",
      severity: "error",
      message: expect.stringContaining('found "suicide"'),
      source: expect.stringContaining("safety rule 10"),
      field: "subject",
      line: 1,
      column: 15,
      excerpt: "Talking about suicide",
    });
  });
});
