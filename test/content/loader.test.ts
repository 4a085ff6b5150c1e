import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent, parseDuration } from "../../src/content/index.ts";
import { loadContentFromDisk, REPO_ROOT, readContentFiles } from "../../src/content/node.ts";
import { emailSamples } from "../../src/emails/catalog.ts";
import { renderEmail } from "../../src/emails/render.ts";

const realFiles = readContentFiles();
const LESSON = "templates/lessons/02-why-speed-matters.md";

/** The real content with one file replaced (or added). */
function withFile(path: string, text: string) {
  return [...realFiles.filter((f) => f.path !== path), { path, text }];
}
function lessonText(): string {
  const file = realFiles.find((f) => f.path === LESSON);
  if (!file) throw new Error(`${LESSON} missing`);
  return file.text;
}
function loadError(files: { path: string; text: string }[]): ContentError {
  try {
    loadContent(files);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("expected loadContent to fail");
}

describe("the privacy notice", () => {
  const PRIVACY = "templates/privacy.md";
  const privacyText = () => realFiles.find((f) => f.path === PRIVACY)?.text ?? "";

  it("is content with a version: changing the version in templates/privacy.md changes what is recorded", () => {
    expect(loadContent(realFiles).privacy).toMatchObject({
      version: "2026-12-privacy-v2",
      updated: "2026-12-02",
    });
    const bumped = privacyText().replace("version: 2026-12-privacy-v2", "version: 2027-01-privacy-v3");
    expect(loadContent(withFile(PRIVACY, bumped)).privacy.version).toBe("2027-01-privacy-v3");
  });

  it("is required, with a version and a date", () => {
    expect(loadError(realFiles.filter((f) => f.path !== PRIVACY)).message).toContain(
      "templates/privacy.md: (file): missing",
    );
    const noVersion = privacyText().replace(/^version: .*$/m, "");
    expect(loadError(withFile(PRIVACY, noVersion)).message).toContain("templates/privacy.md: version:");
  });
});

describe("parseDuration", () => {
  it("parses minutes, hours and days", () => {
    expect(parseDuration("30m")).toBe(30 * 60_000);
    expect(parseDuration("12h")).toBe(12 * 3_600_000);
    expect(parseDuration("2d")).toBe(2 * 86_400_000);
  });
  it.each(["", "2", "2w", "1.5d", "-1d", "d", "2 days"])("rejects %j", (value) => {
    expect(() => parseDuration(value)).toThrow(/invalid duration/);
  });
});

describe("the real content", () => {
  const content = loadContentFromDisk();

  it("has at least five lessons, sorted by order, with delays in ms", () => {
    expect(content.lessons.length).toBeGreaterThanOrEqual(5);
    const orders = content.lessons.map((l) => l.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(content.lessons[0]?.delayMs).toBe(86_400_000);
    for (const lesson of content.lessons) expect(lesson.delayMs).toBe(parseDuration(lesson.delay));
  });

  it("has both people in the registry, one sender, and disclosures", () => {
    expect(content.authors.map((a) => a.name).sort()).toEqual(["Taylor Carter", "Tessa Eskin"]);
    expect(content.sender.name).toBe("Taylor Carter");
    expect(content.sender.role).toContain("Senior Marketing Manager");
    for (const author of content.authors) expect(author.disclosure).toMatch(/Hopemark Health/);
  });

  it("loads the same from raw files as from disk (the Workers path)", () => {
    expect(loadContent(realFiles)).toEqual(content);
  });
});

describe("malformed content names the file and the field", () => {
  it("missing field", () => {
    const error = loadError(withFile(LESSON, lessonText().replace(/^subject:.*\n/m, "")));
    expect(error.message).toContain(`${LESSON}: subject:`);
  });

  it("bad delay", () => {
    const error = loadError(withFile(LESSON, lessonText().replace(/^delay:.*$/m, "delay: 2 weeks")));
    expect(error.message).toContain(`${LESSON}: delay: a duration like "2d"`);
  });

  it("unknown author", () => {
    const error = loadError(withFile(LESSON, lessonText().replace(/^author:.*$/m, "author: dr-nobody")));
    expect(error.message).toContain(`${LESSON}: author: unknown author id "dr-nobody"`);
  });

  it("reviewer without a review date, and an unknown reviewer", () => {
    const error = loadError(withFile(LESSON, lessonText().replace(/^author:.*$/m, "$&\nreviewer: dr-ghost")));
    expect(error.message).toContain(`${LESSON}: reviewer: unknown author id "dr-ghost"`);
    expect(error.message).toContain(`${LESSON}: reviewedOn: required when reviewer is set`);
  });

  it("a figure without a source", () => {
    const error = loadError(withFile(LESSON, `${lessonText()}\nAbout 42% of readers liked this.\n`));
    expect(error.message).toContain(`${LESSON}: sources: the figure "42%" needs a source entry`);
  });

  it("a source whose claim is not in the body", () => {
    const error = loadError(
      withFile(LESSON, lessonText().replace("claim: within hours", "claim: within minutes")),
    );
    expect(error.message).toContain(`${LESSON}: sources[0].claim:`);
  });

  it("no front matter, and invalid YAML", () => {
    expect(loadError(withFile(LESSON, "# just markdown")).message).toContain(`${LESSON}: (front matter)`);
    expect(loadError(withFile(LESSON, "---\nid: [unclosed\n---\nbody")).message).toContain(
      `${LESSON}: (front matter): invalid YAML`,
    );
  });

  it("duplicate id and duplicate order", () => {
    const copy = "templates/lessons/99-copy.md";
    const error = loadError(withFile(copy, lessonText()));
    expect(error.message).toMatch(new RegExp(`${copy}: id: duplicate lesson id .*\\(also in ${LESSON}\\)`));
    expect(error.message).toMatch(new RegExp(`${copy}: order: duplicate lesson order 2`));
  });

  it("bad authors registry", () => {
    const error = loadError(withFile("templates/authors.yaml", "authors:\n  - id: Bad Id\n    name: X\n"));
    expect(error.message).toContain("templates/authors.yaml: authors[0].id:");
    expect(error.message).toContain("templates/authors.yaml: authors[0].role:");
  });
});

describe("adding a lesson is adding one file", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("joins the series, the catalogue and rendering with no code change", async () => {
    dir = mkdtempSync(join(tmpdir(), "hopemark-content-"));
    cpSync(join(REPO_ROOT, "templates"), join(dir, "templates"), { recursive: true });
    const before = loadContentFromDisk(dir).lessons.length;
    writeFileSync(
      join(dir, "templates/lessons/06-looking-after-yourself.md"),
      [
        "---",
        "id: looking-after-yourself",
        "order: 6",
        'subject: "Lesson 6: small steps that help"',
        "preheader: Everyday habits that support any treatment plan.",
        "author: taylor-carter",
        "delay: 2d",
        "---",
        "## Small steps",
        "",
        "Sleep, movement and time with people you trust all help.",
      ].join("\n"),
    );
    const content = loadContentFromDisk(dir);
    expect(content.lessons).toHaveLength(before + 1);
    const last = content.lessons.at(-1);
    expect(last?.id).toBe("looking-after-yourself");
    expect(last?.delayMs).toBe(2 * 86_400_000);
    const sample = emailSamples(content).find((s) => s.name === "lesson-06-looking-after-yourself");
    expect(sample).toBeDefined();
    if (!sample) return;
    const rendered = await renderEmail(sample.templateId, sample.props);
    expect(rendered.subject).toBe("Lesson 6: small steps that help");
    expect(rendered.text).toContain(`Lesson ${before + 1} of ${before + 1}`);
    expect(readFileSync(join(dir, "templates/authors.yaml"), "utf8")).toContain("taylor-carter");
  });
});
