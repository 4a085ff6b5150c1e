// The linter reads what the reader will see: the Markdown as the email renders it (raw HTML shown as literal
// text, emphasis joined into the word it splits, comments dropped), with positions in the original text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFrontMatter } from "../../src/content/front-matter.ts";
import { loadContent } from "../../src/content/loader.ts";
import { REPO_ROOT } from "../../src/content/node.ts";
import { previewCtx, previewSender } from "../../src/emails/preview-data.ts";
import { renderEmail } from "../../src/emails/render.ts";
import { lintContent, lintSource } from "../../src/lint/index.ts";
import { markdownProse } from "../../src/lint/markdown.ts";
import { visibleHtml } from "../../src/mail/visible-html.ts";

const authors = new Set(["tessa-eskin"]);
const today = new Date("2026-11-28T12:00:00Z");

function findings(bodyMarkdown: string) {
  return lintContent(
    { subject: "A note", bodyMarkdown, author: "tessa-eskin" },
    { authors, today },
  ).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

/** The words of the rendered email's body, as a reader sees them (for comparing with the linter's view). */
async function rendered(bodyMarkdown: string): Promise<string> {
  const { html } = await renderEmail("campaign", {
    ctx: previewCtx,
    subject: "A note",
    preheader: "A short note.",
    bodyMarkdown,
    author: previewSender,
    unsubscribeUrl: "https://newsletter.test/u/t",
    preferencesUrl: "https://newsletter.test/p/t",
  });
  return visibleHtml(html).text.replace(/\s+/g, " ");
}

describe("raw HTML is linted as the literal text the reader sees", () => {
  it("flags a claim in an attribute value, at its line and column", async () => {
    const body = 'Our clinic.\n\n<span title="a miracle">Opening hours</span>';
    expect(await rendered(body)).toContain('<span title="a miracle">Opening hours</span>');
    expect(findings(body)).toEqual(["3:16 absolute-claims"]);
  });

  it("flags a claim inside an HTML block's text", () => {
    expect(findings('<div class="note">\nKetamine is FDA-approved.\n</div>')).toEqual([
      "2:13 ketamine-fda-approved",
    ]);
  });

  it("still ignores addresses and styling inside the tag", () => {
    expect(findings('<a href="https://example.org/miracle-cure" style="color:red">A study</a>')).toEqual([]);
  });
});

describe("words split by markup are read whole", () => {
  it.each([
    ["Ketamine can cu**re** depression.", "1:14"],
    ["A mir*acle* for your mood.", "1:3"],
    ["Some call it a mir\u200bacle.", "1:16"],
    ["Some call it a mir<!-- note -->acle.", "1:16"],
    ["Some call it a mir&shy;acle.", "1:16"],
    ["Results are guaran~~teed~~.", "1:13"],
  ])("%s", async (body, at) => {
    expect(findings(body)).toEqual([`${at} absolute-claims`]);
  });

  it("reads the emphasis-split word the way the email shows it", async () => {
    expect(await rendered("Ketamine can cu**re** depression.")).toContain("Ketamine can cure depression.");
  });
});

describe("every displayed node", () => {
  it("link text, image alt text, table cells, quotes in lists and code", () => {
    const body = [
      "See [a miracle story](https://example.org/a).", // 1:8
      "",
      "![A guaranteed result](photo.png)", //              3:5
      "",
      "| Medicine | Claim |", //                          5
      "|---|---|",
      "| Ketamine | no side effects |", //               7:14
      "",
      "- An item",
      "  > quoted: a permanent fix", //                  10:15
      "",
      "Type `instant relief` into the search box.", //  12:7
    ].join("\n");
    expect(findings(body)).toEqual([
      "1:8 absolute-claims",
      "3:5 absolute-claims",
      "7:14 absolute-claims",
      "10:15 absolute-claims",
      "12:7 absolute-claims",
    ]);
  });

  it("keeps positions right after CRLF line endings and entities", () => {
    const body = "Fish &amp; chips.\r\n\r\nA &quot;miracle&quot; for you.";
    expect(findings(body)).toEqual(["3:9 absolute-claims"]);
  });

  it("maps every displayed character back into the source", () => {
    const body = "# Title\n\n> Line one\n> line **two**\n\n1. first\n2. *second*";
    const prose = markdownProse(body);
    for (let i = 0; i < prose.text.length; i++) {
      const c = prose.text[i] ?? "";
      if (/\p{L}/u.test(c)) expect(body[prose.source[i] ?? -1], `char ${i} "${c}"`).toBe(c);
    }
  });
});

describe("comments are for the team, never the reader", () => {
  it("drops an allow marker from the rendered email", async () => {
    const body =
      "<!-- lint-allow absolute-claims: reviewed by Dr. Ana Ruiz on 2026-11-27 -->\nWe never say cure.";
    const words = await rendered(body);
    expect(words).toContain("We never say cure.");
    expect(words).not.toContain("lint-allow");
    expect(words).not.toContain("Ana Ruiz");
  });
});

describe("one front matter reader for the loader and the linter", () => {
  const file = (close: string) =>
    [
      "---",
      "id: dots",
      "order: 1",
      "subject: A plain subject",
      "preheader: A plain preheader.",
      "author: tessa-eskin",
      "delay: 1d",
      close,
      "Body text that is a cure.",
    ].join("\n");

  it.each(["---", "...", "---  "])("both read a block closed by %j the same way", (close) => {
    const text = file(close);
    const fm = readFrontMatter(text);
    expect(fm.ok).toBe(true);
    const content = loadContent([
      {
        path: "templates/authors.yaml",
        text: "authors:\n  - id: tessa-eskin\n    name: Tessa Eskin\n    role: Health writer\n    sender: true\n",
      },
      { path: "templates/lessons/01-dots.md", text },
      { path: "templates/privacy.md", text: "---\nversion: v1\nupdated: 2026-11-27\n---\nNotice.\n" },
      { path: "templates/topics.yaml", text: readFileSync(join(REPO_ROOT, "templates/topics.yaml"), "utf8") },
    ]);
    expect(content.lessons[0]?.body).toBe("Body text that is a cure.");
    const result = lintSource(text, { file: "templates/lessons/01-dots.md", authors, today });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["9:21 absolute-claims"]);
  });
});
